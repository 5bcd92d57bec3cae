//! The header on every page: product name, the Site selector (on activation pages, where it decides
//! where a new workspace is created), and the language switch.

use activation_core::flow::Step;
use leptos::prelude::*;

use crate::{
    i18n::{Lang, site_name, t, text, use_lang},
    state::{ActivationCtx, use_drafts},
};

/// Product name on the left; site and language on the right.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
    let ctx = expect_context::<ActivationCtx>();
    let drafts = use_drafts();
    let lang_button = move |target: Lang, label: &'static str| {
        view! {
            <button
                type="button"
                class="lang-option"
                aria-pressed=move || (lang.get() == target).to_string()
                lang=target.tag()
                on:click=move |_| lang.set(target)
            >
                {label}
            </button>
        }
    };
    let location = leptos_router::hooks::use_location();
    // Only the steps that lead to a new workspace show the site; elsewhere (an error, already
    // bound, a finished summary, outside the activation) it would decide nothing.
    let on_activation_page = move || {
        location.pathname.with(|p| {
            matches!(
                Step::from_path(p),
                Some(
                    Step::Arrival
                        | Step::Choose
                        | Step::RegisterBasic
                        | Step::RegisterCompany
                        | Step::RegisterMethod
                        | Step::BindAccount
                        | Step::BindWorkspaces
                        | Step::CreateWorkspace(_)
                )
            )
        })
    };
    let site_selector = move || {
        ctx.0.get().filter(|_| on_activation_page()).map(|session| {
            let options = session
                .sites
                .iter()
                .map(|site| {
                    let site = *site;
                    view! {
                        <option
                            value=site.code()
                            selected=move || drafts.site.get() == site.code()
                        >
                            {move || site_name(lang.get(), site)}
                        </option>
                    }
                })
                .collect_view();
            view! {
                <div class="site-select">
                    <label for="header-site">{t(text::SITE)}</label>
                    <select
                        id="header-site"
                        aria-describedby="header-site-note"
                        prop:value=move || drafts.site.get()
                        on:change=move |ev| drafts.site.set(event_target_value(&ev))
                    >
                        {options}
                    </select>
                    <p class="site-note" id="header-site-note">{t(text::SITE_NOTE)}</p>
                </div>
            }
        })
    };
    view! {
        <header class="top">
            <a class="brand" href="/">{t(text::PRODUCT)}</a>
            <div class="top-controls">
                {site_selector}
                <div class="lang-switch" role="group" aria-label=t(text::LANGUAGE)>
                    {lang_button(Lang::En, "English")}
                    {lang_button(Lang::Zh, "中文")}
                </div>
            </div>
        </header>
    }
}
