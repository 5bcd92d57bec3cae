//! The start page: what this console is, whether the service answers, and the way in for those who
//! have activated already (console login, Billing Center).

use activation_core::flow::Step;
use leptos::prelude::*;

use crate::{
    api,
    components::PageHeading,
    i18n::{t, text},
};

/// Start page shown when no activation is in progress.
#[component]
pub fn Home() -> impl IntoView {
    let base = api::use_api();
    let health = LocalResource::new(move || {
        let base = base.clone();
        async move { api::health(&base).await }
    });
    view! {
        <section class="card">
            <PageHeading title=text::HOME_TITLE/>
            <p>{t(text::HOME_INTRO)}</p>
            {move || match health.get() {
                None => {
                    view! { <p class="status" role="status">{t(text::BACKEND_CHECKING)}</p> }
                        .into_any()
                }
                Some(Ok(_)) => {
                    view! {
                        <p class="status ok" role="status" data-testid="backend-status">
                            {t(text::BACKEND_OK)}
                        </p>
                    }
                        .into_any()
                }
                Some(Err(_)) => {
                    view! {
                        <div class="status error" role="alert" data-testid="backend-status">
                            <p>{t(text::BACKEND_DOWN)}</p>
                            <button type="button" class="secondary" on:click=move |_| health.refetch()>
                                {t(text::TRY_AGAIN)}
                            </button>
                        </div>
                    }
                        .into_any()
                }
            }}
            <div class="actions">
                <a href=Step::Login.path() class="button secondary">{t(text::HOME_LOGIN_LINK)}</a>
                <a href=super::BILLING_LOGIN class="button secondary">{t(text::HOME_BILLING_LINK)}</a>
            </div>
        </section>
    }
}
