//! Bind step 1: the Billing Center account, proven by a code sent to the account's own email.

use activation_core::{
    FieldId,
    api::{BoundAccount, Moved, SendCodeRequest},
    domain::Username,
    draft::BindAccountDraft,
    flow::{Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{
        ErrorSummary, FailureBanner, Form, PageHeading, SendCodeButton, StepIndicator,
        SubmitButton, TextField, errors_of,
    },
    i18n::{t, text},
    state::{use_activation, use_drafts},
};

#[component]
pub fn BindAccount() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let drafts = use_drafts();
    let form = Form::new(drafts.bind_account(), |d: &BindAccountDraft| errors_of(d.validate()));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &BindAccountDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        async move {
            match api::bind_account(&base, &draft).await {
                Ok(Moved { answer: BoundAccount { billing_account, .. }, progress }) => {
                    ctx.set_progress(progress);
                    ctx.0.update(|c| {
                        if let Some(c) = c {
                            c.billing_account = Some(billing_account);
                        }
                    });
                    // A used code is worthless; the username stays for the summary.
                    form.draft.update(|d| d.verification_code.clear());
                    navigate(&Step::BindWorkspaces.path(), Default::default());
                }
                Err(error) => form.fail(error),
            }
        }
    });
    let pending = submit.pending();
    let send = move || {
        if let Some(draft) = form.submit()
            && !pending.get_untracked()
        {
            submit.dispatch_local(draft);
        }
    };
    let username = form.text(FieldId::Username, |d| &d.username, |d| &mut d.username);
    // The code goes to the email of the account named: only a well-formed username can be asked for.
    let prepare_code = Callback::new(move |()| {
        let typed = form.draft.with_untracked(|d| d.username.clone());
        match Username::parse(&typed) {
            Ok(name) => {
                form.errors.update(|e| e.clear(FieldId::Username));
                Some(SendCodeRequest::BindAccount { username: name.to_string() })
            }
            Err(error) => {
                form.errors.update(|e| e.add(FieldId::Username, error));
                None
            }
        }
    });
    view! {
        <StepIndicator path=Path::Bind current=1/>
        <section class="card">
            <PageHeading title=text::BIND_ACCOUNT_TITLE/>
            <p>{t(text::BIND_ACCOUNT_INTRO)}</p>
            <ErrorSummary errors=form.errors focus=form.summary_focus/>
            <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
            <form
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <TextField binding=username label=text::USERNAME autocomplete="username"/>
                <TextField
                    binding=form.text(FieldId::VerificationCode, |d| &d.verification_code, |d| &mut d.verification_code)
                    label=text::VERIFICATION_CODE
                    autocomplete="one-time-code"
                    inputmode="numeric"
                >
                    <SendCodeButton
                        purpose="bind_account"
                        address=username.value
                        prepare=prepare_code
                        on_error=Callback::new(move |error| form.fail(error))
                    />
                </TextField>
                <div class="actions">
                    <a href=Step::Choose.path() class="button secondary">{t(text::BACK)}</a>
                    <SubmitButton label=text::BIND pending=pending/>
                </div>
            </form>
        </section>
    }
}
