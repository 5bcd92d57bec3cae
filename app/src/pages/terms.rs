//! `/terms`: the terms every "I agree to the terms" links to (SPEC §3 "Terms"). The link opens it
//! in a new tab, so the form being filled in stays as it is.

use leptos::prelude::*;

use crate::{
    components::PageHeading,
    i18n::{t, text, use_lang},
};

#[component]
pub fn Terms() -> impl IntoView {
    let lang = use_lang();
    let clauses = move || {
        let parts: Vec<&'static str> = text::TERMS_CLAUSES.get(lang.get()).split('|').collect();
        parts
            .chunks(2)
            .map(|clause| {
                let (heading, body) = (clause[0], clause.get(1).copied().unwrap_or_default());
                view! {
                    <h2>{heading}</h2>
                    <p>{body}</p>
                }
            })
            .collect_view()
    };
    view! {
        <section class="card terms" data-testid="terms">
            <PageHeading title=text::TERMS_TITLE/>
            <p>{t(text::TERMS_INTRO)}</p>
            {clauses}
        </section>
    }
}
