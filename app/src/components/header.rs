//! The header on every page: product name and language switch.

use leptos::prelude::*;

use crate::i18n::{Lang, t, text, use_lang};

/// Product name on the left, language switch on the right.
#[component]
pub fn Header() -> impl IntoView {
    let lang = use_lang();
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
    view! {
        <header class="top">
            <span class="brand">{t(text::PRODUCT)}</span>
            <div class="lang-switch" role="group" aria-label=t(text::LANGUAGE)>
                {lang_button(Lang::En, "English")}
                {lang_button(Lang::Zh, "中文")}
            </div>
        </header>
    }
}
