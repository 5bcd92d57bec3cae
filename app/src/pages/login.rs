//! Login with username and password: to the console (then the workspace home) and, through the same
//! form, to the Billing Center (then its workspace management). The draft lives only in this page's
//! memory: a password is never persisted.

use activation_core::{FieldId, draft::LoginDraft, flow::Step};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{
        ErrorSummary, FailureBanner, Form, PageHeading, SubmitButton, TextField, errors_of,
    },
    i18n::{Tr, t, text},
};

/// Which account the form logs in to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Target {
    Console,
    BillingCenter,
}

impl Target {
    fn title(self) -> Tr {
        match self {
            Target::Console => text::LOGIN_TITLE,
            Target::BillingCenter => text::BILLING_LOGIN_TITLE,
        }
    }

    /// Where this login is.
    pub(super) fn login_path(self) -> &'static str {
        match self {
            Target::Console => "/login",
            Target::BillingCenter => super::BILLING_LOGIN,
        }
    }

    /// Where a successful login goes.
    pub(super) fn next(self) -> String {
        match self {
            Target::Console => Step::Home.path(),
            Target::BillingCenter => BILLING_WORKSPACES.to_owned(),
        }
    }
}

/// The Billing Center's workspace management page.
pub(super) const BILLING_WORKSPACES: &str = "/billing/workspaces";

/// Username, Password, Log in.
#[component]
pub(super) fn LoginForm(target: Target) -> impl IntoView {
    let base = api::use_api();
    let form =
        Form::new(RwSignal::new(LoginDraft::default()), |d: &LoginDraft| errors_of(d.validate()));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &LoginDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        async move {
            let result = match target {
                Target::Console => api::login(&base, &draft).await.map(|_| ()),
                Target::BillingCenter => api::billing_login(&base, &draft).await.map(|_| ()),
            };
            match result {
                Ok(()) => navigate(&target.next(), Default::default()),
                Err(error) => form.fail(error),
            }
        }
    });
    let pending = submit.pending();
    let send = move || {
        if pending.get_untracked() {
            return;
        }
        if let Some(draft) = form.submit() {
            submit.dispatch_local(draft);
        }
    };
    view! {
        <section class="card">
            <PageHeading title=target.title()/>
            <ErrorSummary errors=form.errors focus=form.summary_focus/>
            <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
            <form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <TextField
                    binding=form.text(FieldId::Username, |d| &d.username, |d| &mut d.username)
                    label=text::USERNAME
                    autocomplete="username"
                />
                <TextField
                    binding=form.text(FieldId::Password, |d| &d.password, |d| &mut d.password)
                    label=text::PASSWORD
                    kind="password"
                    autocomplete="current-password"
                />
                <div class="actions">
                    <SubmitButton label=text::LOG_IN pending=pending/>
                </div>
            </form>
            <RecoveryLinks target=target/>
        </section>
    }
}

/// Forgot password? and Forgot username? for `target`'s accounts (also offered by Already bound).
#[component]
pub(super) fn RecoveryLinks(target: Target) -> impl IntoView {
    view! {
        <p class="recovery-links">
            <a href=super::recovery::forgot_password_path(target)>{t(text::FORGOT_PASSWORD)}</a>
            <a href=super::recovery::forgot_username_path(target)>{t(text::FORGOT_USERNAME)}</a>
        </p>
    }
}

/// `/login`: the console login; success goes to the workspace home.
#[component]
pub fn Login() -> impl IntoView {
    view! { <LoginForm target=Target::Console/> }
}
