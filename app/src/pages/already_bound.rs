//! Already bound: the cloud account settles for a Billing Center account already. Names that account
//! (masked) and its workspaces, and offers the way in: Go to login, or on Huawei Cloud (whose login
//! already proved who the user is) Log in directly, without a password.

use activation_core::{
    api::{ApiError, Settlement},
    flow::Step,
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    api::ClientError,
    components::{FailureBanner, PageHeading, SubmitButton, WorkspaceTable},
    i18n::{api_error, settlement_text, t, text, use_lang},
    state::use_activation,
};

/// Huawei's Log in directly: signs in with the marketplace identity, then the workspace home. A
/// member who linked no Guance account of their own is told so and offered Go to login.
#[component]
fn DirectLogin() -> impl IntoView {
    let base = api::use_api();
    let lang = use_lang();
    let failure = RwSignal::new(None::<ClientError>);
    let unavailable = RwSignal::new(false);
    let navigate = use_navigate();
    let log_in = Action::new_local(move |_: &()| {
        let (base, navigate) = (base.clone(), navigate.clone());
        async move {
            match api::login_direct(&base).await {
                Ok(_) => navigate(&Step::Home.path(), Default::default()),
                Err(ClientError::Api(ApiError::DirectLoginUnavailable)) => unavailable.set(true),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let pending = log_in.pending();
    let send = move || {
        if !pending.get_untracked() {
            failure.set(None);
            log_in.dispatch_local(());
        }
    };
    let instead = move || {
        let why = api_error(lang.get(), &ApiError::DirectLoginUnavailable);
        view! {
            <p class="banner error" role="alert" data-testid="direct-login-unavailable">{why}</p>
            <GoToLogin/>
        }
    };
    view! {
        <Show when=move || !unavailable.get() fallback=instead>
        <FailureBanner failure=failure retry=Callback::new(move |()| send())/>
        <form
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <p class="hint">{t(text::LOG_IN_DIRECTLY_NOTE)}</p>
            <div class="actions">
                <SubmitButton label=text::LOG_IN_DIRECTLY pending=pending/>
            </div>
        </form>
        </Show>
    }
}

#[component]
fn GoToLogin() -> impl IntoView {
    view! {
        <div class="actions">
            <a href=Step::Login.path() class="button">{t(text::GO_TO_LOGIN)}</a>
        </div>
    }
}

/// `/activate/bound-already`, rendered by the activation shell once the context is loaded.
#[component]
pub fn AlreadyBound() -> impl IntoView {
    let lang = use_lang();
    let session = use_activation().get_untracked();
    let paying = Settlement::of(&session.identity.cloud_account());
    let summary = session.already_bound.clone().map(|bound| {
        view! {
            <dl class="facts">
                <dt>{t(text::BILLING_CENTER_ACCOUNT)}</dt>
                <dd class="mono" data-testid="billing-account">{bound.billing_account}</dd>
                <dt>{t(text::CLOUD_ACCOUNT)}</dt>
                <dd>{move || settlement_text(lang.get(), &paying)}</dd>
            </dl>
            <p>{t(text::ALREADY_BOUND_INTRO)}</p>
            <WorkspaceTable workspaces=bound.workspaces/>
        }
    });
    let way_in = if session.marketplace().offers_direct_login() {
        view! { <DirectLogin/> }.into_any()
    } else {
        view! { <GoToLogin/> }.into_any()
    };
    view! {
        <section class="card">
            <PageHeading title=text::ALREADY_BOUND_TITLE/>
            {summary}
            {way_in}
            <p class="muted">{t(text::ALREADY_BOUND_RECOVERY)}</p>
            <super::login::RecoveryLinks target=super::login::Target::Console/>
        </section>
    }
}
