//! The step indicator of the register and bind paths.

use activation_core::flow::Path;
use leptos::prelude::*;

use crate::i18n::{Tr, t, text};

fn labels(path: Path) -> &'static [Tr] {
    match path {
        Path::Register => &[
            text::REGISTER_STEPS_BASIC,
            text::REGISTER_STEPS_COMPANY,
            text::REGISTER_STEPS_METHOD,
            text::REGISTER_STEPS_DONE,
        ],
        Path::Bind => {
            &[text::BIND_STEPS_ACCOUNT, text::BIND_STEPS_WORKSPACES, text::BIND_STEPS_DONE]
        }
    }
}

/// "Step 2 of 4" with every step named; the current one marked with `aria-current`.
#[component]
pub fn StepIndicator(path: Path, current: u8) -> impl IntoView {
    let steps = labels(path);
    let total = steps.len();
    view! {
        <nav class="steps" aria-label=t(text::STEP)>
            <p class="visually-hidden">
                {t(text::STEP)} " " {current} " " {t(text::OF)} " " {total}
            </p>
            <ol>
                {steps
                    .iter()
                    .enumerate()
                    .map(|(i, label)| {
                        let n = i as u8 + 1;
                        let state = if n < current { "done" } else if n == current { "current" } else { "todo" };
                        view! {
                            <li class=state aria-current=(n == current).then_some("step")>
                                <span class="step-number" aria-hidden="true">{n}</span>
                                <span class="step-label">{t(*label)}</span>
                            </li>
                        }
                    })
                    .collect_view()}
            </ol>
        </nav>
    }
}
