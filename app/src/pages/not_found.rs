//! Shown for any address the router does not know.

use leptos::prelude::*;

use crate::{
    components::PageHeading,
    i18n::{t, text},
};

/// The not-found page, with a way back.
#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <section class="card">
            <PageHeading title=text::NOT_FOUND_TITLE/>
            <p>{t(text::NOT_FOUND_BODY)}</p>
            <div class="actions">
                <a href="/" class="button secondary">{t(text::BACK_HOME)}</a>
            </div>
        </section>
    }
}
