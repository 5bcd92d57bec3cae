//! A refused marketplace hand-off: which problem, and what to do.

use activation_core::flow::TokenProblem;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

use crate::{
    components::PageHeading,
    i18n::{t, text},
};

#[component]
pub fn TokenError() -> impl IntoView {
    let params = use_params_map();
    let problem = move || {
        params
            .with(|p| p.get_str("problem").and_then(TokenProblem::from_code))
            .unwrap_or(TokenProblem::Invalid)
    };
    let reason = move || match problem() {
        TokenProblem::Missing => t(text::TOKEN_MISSING)(),
        TokenProblem::Invalid => t(text::TOKEN_INVALID)(),
        TokenProblem::Expired => t(text::TOKEN_EXPIRED)(),
        TokenProblem::Used => t(text::TOKEN_USED)(),
    };
    view! {
        <section class="card">
            <PageHeading title=text::TOKEN_TITLE/>
            <p class="banner error" role="alert" data-testid="token-problem">{reason}</p>
            <p>{t(text::TOKEN_WHAT_TO_DO)}</p>
        </section>
    }
}
