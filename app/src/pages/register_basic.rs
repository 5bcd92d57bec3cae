//! Register step 1: Basic info.

use activation_core::{
    FieldId,
    api::SendCodeRequest,
    domain::{Email, PasswordStrength},
    draft::BasicInfoDraft,
    flow::{Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{
        Binding, ErrorSummary, FailureBanner, Form, PageHeading, SelectField, SendCodeButton,
        StepIndicator, SubmitButton, TextField, errors_of,
    },
    i18n::{site_name, t, text, use_lang},
    state::{use_activation, use_drafts},
};

#[component]
pub fn RegisterBasic() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let drafts = use_drafts();
    let lang = use_lang();
    let session = ctx.get_untracked();
    let marketplace = session.marketplace();
    drafts.ensure_site(&session);
    drafts.ensure_username(&session);
    let site = drafts.site;
    // The header's site is the one this step registers with.
    let with_site =
        move |d: &BasicInfoDraft| BasicInfoDraft { site: site.get_untracked(), ..d.clone() };
    let form = Form::new(drafts.basic(), move |d| errors_of(with_site(d).validate(marketplace)));
    let navigate = use_navigate();
    // The existing Guance account the proven email belongs to, once Next found one.
    let guance_account = RwSignal::new(None::<String>);
    let submit = Action::new_local(move |draft: &BasicInfoDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        async move {
            match api::register_basic(&base, &draft).await {
                Ok(accepted) => {
                    ctx.set_progress(accepted.progress);
                    match accepted.guance_account {
                        // Say what happens before going on: the account is not a new one.
                        Some(name) => guance_account.set(Some(name)),
                        None => navigate(&Step::RegisterCompany.path(), Default::default()),
                    }
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
            submit.dispatch_local(with_site(&draft));
        }
    };
    let site_binding = Binding {
        field: FieldId::Site,
        value: site.into(),
        set: Callback::new(move |code: String| form.edit(FieldId::Site, |_| site.set(code))),
        error: form.error(FieldId::Site),
    };
    let site_options = session
        .sites
        .iter()
        .map(|s| {
            let s = *s;
            (s.code().to_owned(), Signal::derive(move || site_name(lang.get(), s).to_owned()))
        })
        .collect::<Vec<_>>();
    let email = form.text(FieldId::Email, |d| &d.email, |d| &mut d.email);
    let prepare_code = Callback::new(move |()| {
        let typed = form.draft.with_untracked(|d| d.email.clone());
        match Email::parse(&typed) {
            Ok(email) => {
                form.errors.update(|e| e.clear(FieldId::Email));
                Some(SendCodeRequest::Register { email: email.to_string() })
            }
            Err(error) => {
                form.errors.update(|e| e.add(FieldId::Email, error));
                None
            }
        }
    });
    let password = form.text(FieldId::Password, |d| &d.password, |d| &mut d.password);
    let strength = move || {
        let typed = password.value.get();
        (!typed.is_empty()).then(|| {
            let (label, class) = match PasswordStrength::of(&typed) {
                PasswordStrength::Weak => (text::STRENGTH_WEAK, "weak"),
                PasswordStrength::Fair => (text::STRENGTH_FAIR, "fair"),
                PasswordStrength::Strong => (text::STRENGTH_STRONG, "strong"),
            };
            view! {
                <p class=format!("strength {class}") aria-live="polite">
                    {t(text::STRENGTH)} " " {t(label)}
                </p>
            }
        })
    };
    view! {
        <StepIndicator path=Path::Register current=1/>
        <section class="card">
            <PageHeading title=text::BASIC_TITLE/>
            {move || {
                guance_account.get().map(|name| view! { <GuanceAccountNotice name=name/> })
            }}
            <ErrorSummary errors=form.errors focus=form.summary_focus/>
            <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
            <form
                hidden=move || guance_account.with(Option::is_some)
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    send();
                }
            >
                <SelectField binding=site_binding label=text::SITE options=site_options hint=text::SITE_NOTE/>
                <TextField
                    binding=form.text(FieldId::Username, |d| &d.username, |d| &mut d.username)
                    label=text::USERNAME
                    autocomplete="username"
                    hint=text::USERNAME_HINT
                />
                <TextField
                    binding=password
                    label=text::PASSWORD
                    kind="password"
                    autocomplete="new-password"
                    hint=text::PASSWORD_HINT
                />
                {strength}
                <TextField
                    binding=form.text(FieldId::ConfirmPassword, |d| &d.confirm_password, |d| &mut d.confirm_password)
                    label=text::CONFIRM_PASSWORD
                    kind="password"
                    autocomplete="new-password"
                />
                <TextField binding=email label=text::EMAIL kind="email" autocomplete="email"/>
                <TextField
                    binding=form.text(FieldId::VerificationCode, |d| &d.verification_code, |d| &mut d.verification_code)
                    label=text::VERIFICATION_CODE
                    autocomplete="one-time-code"
                    inputmode="numeric"
                >
                    <SendCodeButton
                        purpose="register"
                        address=email.value
                        prepare=prepare_code
                        on_error=Callback::new(move |error| form.fail(error))
                    />
                </TextField>
                <TextField
                    binding=form.text(FieldId::Phone, |d| &d.phone, |d| &mut d.phone)
                    label=text::PHONE
                    kind="tel"
                    autocomplete="tel"
                    optional=true
                />
                <div class="actions">
                    <a href=Step::Choose.path() class="button secondary">{t(text::BACK)}</a>
                    <SubmitButton label=text::NEXT pending=pending/>
                </div>
            </form>
        </section>
    }
}

/// After Next, when the proven email belongs to an existing Guance account: what registering now
/// does (the workspace goes to that account; the typed credentials are the Billing Center's), and
/// Next to go on. Takes focus, so it is read before anything else.
#[component]
fn GuanceAccountNotice(name: String) -> impl IntoView {
    let notice = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        if let Some(el) = notice.get() {
            let _ = el.focus();
        }
    });
    view! {
        <div class="banner ok" role="status" tabindex="-1" node_ref=notice data-testid="guance-account-notice">
            <p>
                {t(text::GUANCE_ACCOUNT_NOTICE_START)} " " <strong>{name}</strong> {t(text::SENTENCE_END)}
                {t(text::GUANCE_ACCOUNT_NOTICE_END)}
            </p>
            <div class="actions">
                <a href=Step::RegisterCompany.path() class="button">{t(text::NEXT)}</a>
            </div>
        </div>
    }
}
