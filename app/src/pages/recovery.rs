//! Forgot password? and Forgot username?, for the console's login and the Billing Center's (SPEC §3
//! "Login"). Forgot password?: Username or email, **Send code** (to the account's email, shown
//! masked), Verification code, New password and Confirm new password; then signed in. Forgot
//! username?: Email; the answer is the same whether or not an account uses it. Passwords and codes
//! live only in this page's memory.

use activation_core::{
    FieldError, FieldErrors, FieldId,
    api::ApiError,
    recovery::{
        AccountKind, AccountName, ForgotUsernameDraft, RecoveryCodeRequest, ResetPasswordDraft,
    },
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use super::login::Target;
use crate::{
    api::{self, ClientError},
    components::{
        ErrorSummary, FailureBanner, Form, PageHeading, SendCodeButton, SubmitButton, TextField,
        errors_of,
    },
    i18n::{Tr, t, text},
    storage,
};

fn kind(target: Target) -> AccountKind {
    match target {
        Target::Console => AccountKind::Console,
        Target::BillingCenter => AccountKind::BillingCenter,
    }
}

/// What the storage keys of `target`'s recovery pages are named by.
fn path_name(target: Target) -> &'static str {
    match target {
        Target::Console => "console",
        Target::BillingCenter => "billing",
    }
}

/// The recovery pages of each login.
pub(super) fn forgot_password_path(target: Target) -> &'static str {
    match target {
        Target::Console => "/login/forgot-password",
        Target::BillingCenter => "/billing/forgot-password",
    }
}

pub(super) fn forgot_username_path(target: Target) -> &'static str {
    match target {
        Target::Console => "/login/forgot-username",
        Target::BillingCenter => "/billing/forgot-username",
    }
}

/// An unknown account, said at Username or email (the API names the username field).
fn at_the_name(error: ClientError) -> ClientError {
    match error {
        ClientError::Api(ApiError::UnknownAccount) => ClientError::Api(
            FieldErrors::single(FieldId::UsernameOrEmail, FieldError::UnknownAccount).into(),
        ),
        other => other,
    }
}

/// Forgot password?: the code, the new password, then signed in where the login leads.
#[component]
fn ForgotPasswordForm(target: Target) -> impl IntoView {
    let base = api::use_api();
    let account = kind(target);
    // A reload keeps the name typed (never the code or the passwords: SPEC §5).
    let key = format!("activation.recovery.{}.name", path_name(target));
    let typed: Option<String> = storage::load(&key);
    let draft = RwSignal::new(ResetPasswordDraft {
        account,
        username_or_email: typed.unwrap_or_default(),
        ..ResetPasswordDraft::default()
    });
    Effect::new(move |_| draft.with(|d| storage::save(&key, &d.username_or_email)));
    let form = Form::new(draft, |d: &ResetPasswordDraft| errors_of(d.validate()));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &ResetPasswordDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        async move {
            match api::reset_password(&base, &draft).await {
                Ok(_) => navigate(&target.next(), Default::default()),
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
    let name =
        form.text(FieldId::UsernameOrEmail, |d| &d.username_or_email, |d| &mut d.username_or_email);
    // The code goes to the account's email: only a well-formed username or email can ask for it.
    let prepare_code = Callback::new(move |()| {
        let typed = form.draft.with_untracked(|d| d.username_or_email.clone());
        match AccountName::parse(&typed) {
            Ok(_) => {
                form.errors.update(|e| e.clear(FieldId::UsernameOrEmail));
                Some(RecoveryCodeRequest { account, username_or_email: typed })
            }
            Err(error) => {
                form.errors.update(|e| e.add(FieldId::UsernameOrEmail, error));
                None
            }
        }
    });
    let title = match target {
        Target::Console => text::RESET_PASSWORD_TITLE,
        Target::BillingCenter => text::RESET_BILLING_PASSWORD_TITLE,
    };
    view! {
        <section class="card">
            <PageHeading title=title/>
            <p>{t(text::RESET_PASSWORD_INTRO)}</p>
            <ErrorSummary errors=form.errors focus=form.summary_focus/>
            <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
            <form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <TextField binding=name label=text::USERNAME_OR_EMAIL autocomplete="username"/>
                <TextField
                    binding=form.text(FieldId::VerificationCode, |d| &d.verification_code, |d| &mut d.verification_code)
                    label=text::VERIFICATION_CODE
                    autocomplete="one-time-code"
                    inputmode="numeric"
                >
                    <SendCodeButton
                        purpose="reset_password"
                        address=name.value
                        prepare=prepare_code
                        on_error=Callback::new(move |error| form.fail(at_the_name(error)))
                    />
                </TextField>
                <TextField
                    binding=form.text(FieldId::Password, |d| &d.new_password, |d| &mut d.new_password)
                    label=text::NEW_PASSWORD
                    kind="password"
                    autocomplete="new-password"
                />
                <TextField
                    binding=form.text(FieldId::ConfirmPassword, |d| &d.confirm_password, |d| &mut d.confirm_password)
                    label=text::CONFIRM_NEW_PASSWORD
                    kind="password"
                    autocomplete="new-password"
                />
                <div class="actions">
                    <a href=target.login_path() class="button secondary">{t(text::BACK_TO_LOGIN)}</a>
                    <SubmitButton label=text::SET_PASSWORD_AND_LOG_IN pending=pending/>
                </div>
            </form>
        </section>
    }
}

/// Forgot username?: the username is mailed; the page says the same whatever the address.
#[component]
fn ForgotUsernameForm(target: Target) -> impl IntoView {
    let base = api::use_api();
    let account = kind(target);
    let key = format!("activation.recovery.{}.email", path_name(target));
    let typed: Option<String> = storage::load(&key);
    let draft = RwSignal::new(ForgotUsernameDraft { account, email: typed.unwrap_or_default() });
    Effect::new(move |_| draft.with(|d| storage::save(&key, &d.email)));
    let form = Form::new(draft, |d: &ForgotUsernameDraft| errors_of(d.validate()));
    let mailed = RwSignal::new(None::<String>);
    let submit = Action::new_local(move |draft: &ForgotUsernameDraft| {
        let (base, draft) = (base.clone(), draft.clone());
        async move {
            match api::forgot_username(&base, &draft).await {
                Ok(answer) => mailed.set(Some(answer.sent_to)),
                Err(error) => form.fail(error),
            }
        }
    });
    let pending = submit.pending();
    let send = move || {
        if pending.get_untracked() {
            return;
        }
        mailed.set(None);
        if let Some(draft) = form.submit() {
            submit.dispatch_local(draft);
        }
    };
    let title: Tr = match target {
        Target::Console => text::FORGOT_USERNAME_TITLE,
        Target::BillingCenter => text::FORGOT_BILLING_USERNAME_TITLE,
    };
    view! {
        <section class="card">
            <PageHeading title=title/>
            <p>{t(text::FORGOT_USERNAME_INTRO)}</p>
            <ErrorSummary errors=form.errors focus=form.summary_focus/>
            <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
            <p class="banner ok" role="status" data-testid="username-mailed" hidden=move || mailed.with(Option::is_none)>
                {move || {
                    mailed
                        .get()
                        .map(|to| {
                            format!("{} {to}{}", t(text::USERNAME_MAILED)(), t(text::SENTENCE_END)().trim_end())
                        })
                }}
            </p>
            <form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <TextField
                    binding=form.text(FieldId::Email, |d| &d.email, |d| &mut d.email)
                    label=text::EMAIL
                    kind="email"
                    autocomplete="email"
                />
                <div class="actions">
                    <a href=target.login_path() class="button secondary">{t(text::BACK_TO_LOGIN)}</a>
                    <SubmitButton label=text::SEND_USERNAME pending=pending/>
                </div>
            </form>
        </section>
    }
}

/// `/login/forgot-password`.
#[component]
pub fn ForgotPassword() -> impl IntoView {
    view! { <ForgotPasswordForm target=Target::Console/> }
}

/// `/login/forgot-username`.
#[component]
pub fn ForgotUsername() -> impl IntoView {
    view! { <ForgotUsernameForm target=Target::Console/> }
}

/// `/billing/forgot-password`.
#[component]
pub fn BillingForgotPassword() -> impl IntoView {
    view! { <ForgotPasswordForm target=Target::BillingCenter/> }
}

/// `/billing/forgot-username`.
#[component]
pub fn BillingForgotUsername() -> impl IntoView {
    view! { <ForgotUsernameForm target=Target::BillingCenter/> }
}
