//! Telling the user what happened: the error summary, the failure banner with Try again, the submit
//! button with progress, the page heading that takes focus.

use activation_core::FieldErrors;
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use super::form::input_id;
use crate::{
    api::ClientError,
    i18n::{Tr, client_error, field_error, field_label, t, text, use_lang},
};

/// The `performance.mark` set once the first screen is interactive; `cargo xtask bench` reads it.
pub const INTERACTIVE_MARK: &str = "app-interactive";
/// Set when the wasm's `main` starts, and when its first view is mounted (where the time to
/// interactive goes, in `cargo xtask bench`).
pub const STARTED_MARK: &str = "app-started";
pub const MOUNTED_MARK: &str = "app-mounted";

/// Sets a `performance.mark`.
pub fn mark(name: &str) {
    if let Some(performance) = window().performance() {
        let _ = performance.mark(name);
    }
}

/// Sets [`INTERACTIVE_MARK`] the first time a page heading appears outside a loading card
/// (`aria-busy`): the first real screen is rendered, its data loaded and its handlers attached
/// (effects run after the view is mounted).
fn mark_first_screen(h1: &web_sys::HtmlElement) {
    thread_local! {
        static MARKED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    }
    let loading = h1.closest("[aria-busy=true]").ok().flatten().is_some();
    if loading || MARKED.with(|m| m.replace(true)) {
        return;
    }
    mark(INTERACTIVE_MARK);
    // The first screen is up: now the pages after it.
    crate::lazy::prefetch();
}

/// The step's heading; takes focus when the step appears, so screen readers announce the new step
/// and Tab goes on into the step. In the next animation frame: focusing lays the page out, which
/// that frame does anyway; done in the task that builds the step, it made that task wait for the
/// layout (Lighthouse counted a 32 ms forced reflow on the first screen, and a profile of the
/// first visit to Basic info had 8.5 ms of a 17 ms step in it).
#[component]
pub fn PageHeading(title: Tr) -> impl IntoView {
    let heading = NodeRef::<html::H1>::new();
    Effect::new(move |_| {
        if let Some(h1) = heading.get() {
            let focus = h1.clone();
            request_animation_frame(move || {
                let _ = focus.focus();
            });
            mark_first_screen(&h1);
        }
    });
    view! { <h1 tabindex="-1" node_ref=heading>{t(title)}</h1> }
}

/// A page that could not be shown: its heading, what went wrong, and Try again (the shell's failed
/// session call, a page whose chunk did not arrive).
#[component]
pub fn FailureCard(
    title: Tr,
    retry: Callback<()>,
    /// What happened.
    children: Children,
) -> impl IntoView {
    view! {
        <section class="card">
            <PageHeading title=title/>
            <div class="banner error" role="alert" data-testid="failure">
                <p>{children()}</p>
                <button type="button" class="secondary" on:click=move |_| retry.run(())>
                    {t(text::TRY_AGAIN)}
                </button>
            </div>
        </section>
    }
}

/// Every field error, at the top of the step: focused (and announced) when the step's button fails,
/// each entry a link that moves focus to its field.
#[component]
pub fn ErrorSummary(errors: RwSignal<FieldErrors>, focus: RwSignal<u32>) -> impl IntoView {
    let lang = use_lang();
    let summary = NodeRef::<html::Div>::new();
    let previous = std::cell::Cell::new(None::<u32>);
    Effect::new(move |_| {
        let bumped = focus.get();
        if previous.replace(Some(bumped)).is_some_and(|p| p != bumped)
            && let Some(el) = summary.get()
        {
            let _ = el.focus();
        }
    });
    let entries = move || {
        errors
            .get()
            .iter()
            .map(|(field, error)| {
                let id = input_id(field);
                let label = field_label(field).get(lang.get());
                let message = field_error(lang.get(), field, error);
                view! {
                    <li>
                        <a
                            href=format!("#{id}")
                            on:click=move |ev| {
                                ev.prevent_default();
                                focus_element(&id);
                            }
                        >
                            {label}
                            {text::LABEL_SEPARATOR.get(lang.get())}
                            {message}
                        </a>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <div
            class="error-summary"
            role="alert"
            tabindex="-1"
            node_ref=summary
            hidden=move || errors.with(FieldErrors::is_empty)
            data-testid="error-summary"
        >
            <h2>{t(text::ERRORS_TITLE)}</h2>
            <ul>{entries}</ul>
        </div>
    }
}

/// Focuses the element with `id` (an input the summary links to).
pub fn focus_element(id: &str) {
    if let Some(el) = document().get_element_by_id(id)
        && let Ok(el) = el.dyn_into::<web_sys::HtmlElement>()
    {
        let _ = el.focus();
    }
}

/// A failed request that is not about one field: what happened and, when it may help, Try again.
#[component]
pub fn FailureBanner(
    failure: RwSignal<Option<ClientError>>,
    /// Sends the same request again; `None` hides the button.
    #[prop(optional)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let lang = use_lang();
    move || {
        failure.get().map(|error| {
            let retryable = error.is_retryable();
            view! {
                <div class="banner error" role="alert" data-testid="failure">
                    <p>{client_error(lang.get(), &error)}</p>
                    {(retryable && retry.is_some())
                        .then(|| {
                            view! {
                                <button
                                    type="button"
                                    class="secondary"
                                    on:click=move |_| {
                                        if let Some(retry) = retry {
                                            retry.run(());
                                        }
                                    }
                                >
                                    {t(text::TRY_AGAIN)}
                                </button>
                            }
                        })}
                </div>
            }
        })
    }
}

/// A submit button: disabled with a spinner while its request runs, so a double click submits once;
/// after a few seconds it says the request is slow.
#[component]
pub fn SubmitButton(
    label: Tr,
    #[prop(into)] pending: Signal<bool>,
    #[prop(optional)] secondary: bool,
    #[prop(optional, into)] disabled: Option<Signal<bool>>,
) -> impl IntoView {
    let slow = RwSignal::new(false);
    Effect::new(move |_| {
        if pending.get() {
            let handle = set_timeout_with_handle(
                move || slow.set(pending.get_untracked()),
                std::time::Duration::from_secs(3),
            )
            .ok();
            on_cleanup(move || {
                if let Some(handle) = handle {
                    handle.clear();
                }
            });
        } else {
            slow.set(false);
        }
    });
    let blocked = move || pending.get() || disabled.is_some_and(|d| d.get());
    view! {
        <button
            type="submit"
            class:secondary=secondary
            disabled=blocked
            aria-busy=move || pending.get().to_string()
        >
            {move || pending.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
            {t(label)}
        </button>
        <span class="pending-note" role="status">
            {move || {
                if slow.get() {
                    t(text::SLOW)()
                } else if pending.get() {
                    t(text::WORKING)()
                } else {
                    ""
                }
            }}
        </span>
    }
}
