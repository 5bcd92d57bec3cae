//! "How do I find this?" pages: where the marketplace shows the IDs the activation form asks for
//! (from the marketplaces' own documentation, in our words).

use activation_core::flow::Step;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use super::NotFound;
use crate::{
    components::PageHeading,
    i18n::{Tr, t, text, use_lang},
};

/// The title and the `|`-separated steps of a help topic, by its URL code.
fn topic(code: &str) -> Option<(Tr, Tr)> {
    let found = match code {
        "aliyun-account-id" => (text::HELP_ALIYUN_ACCOUNT_TITLE, text::HELP_ALIYUN_ACCOUNT_STEPS),
        "aliyun-instance-id" => {
            (text::HELP_ALIYUN_INSTANCE_TITLE, text::HELP_ALIYUN_INSTANCE_STEPS)
        }
        "huawei-account-id" => (text::HELP_HUAWEI_ACCOUNT_TITLE, text::HELP_HUAWEI_ACCOUNT_STEPS),
        "huawei-instance-id" => {
            (text::HELP_HUAWEI_INSTANCE_TITLE, text::HELP_HUAWEI_INSTANCE_STEPS)
        }
        _ => return None,
    };
    Some(found)
}

/// Back where the user came from (the form that linked here) when there is history; otherwise the
/// link's own address, the activation start.
fn go_back(ev: leptos::ev::MouseEvent) {
    let history = window().history().ok().filter(|h| h.length().unwrap_or(0) > 1);
    if let Some(history) = history
        && history.back().is_ok()
    {
        ev.prevent_default();
    }
}

#[component]
fn HelpTopic(title: Tr, steps: Tr) -> impl IntoView {
    let lang = use_lang();
    let items = move || {
        steps.get(lang.get()).split('|').map(|step| view! { <li>{step.trim()}</li> }).collect_view()
    };
    view! {
        <section class="card">
            <PageHeading title=title/>
            <ol class="help-steps" data-testid="help-steps">{items}</ol>
            <div class="actions">
                <a href=Step::Arrival.path() class="button secondary" on:click=go_back>
                    {t(text::HELP_BACK)}
                </a>
            </div>
        </section>
    }
}

/// `/help/:topic`; an unknown topic is a page that does not exist.
#[component]
pub fn Help() -> impl IntoView {
    let params = use_params_map();
    move || match params.with(|p| p.get_str("topic").and_then(topic)) {
        Some((title, steps)) => view! { <HelpTopic title=title steps=steps/> }.into_any(),
        None => view! { <NotFound/> }.into_any(),
    }
}
