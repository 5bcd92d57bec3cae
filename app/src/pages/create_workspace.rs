//! Create workspace (bind path), on two tabs kept in the URL: for an existing Guance account, proven
//! by a code sent to its email, or together with a new Guance account. The new workspace is created on
//! the header's site and settled by this cloud account; then the workspace list shows it Bound.

use activation_core::{
    FieldId,
    api::SendCodeRequest,
    domain::{Email, PasswordStrength},
    draft::CreateWorkspaceDraft,
    flow::{CreateTab, Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};
use wasm_bindgen::JsCast;

use super::{language_binding, language_options, workspace_language_or_ui};
use crate::{
    api,
    components::{
        Binding, CheckboxField, ErrorSummary, FailureBanner, Form, PageHeading, SelectField,
        SendCodeButton, StepIndicator, SubmitButton, TextField, errors_of,
    },
    i18n::{Tr, site_name, t, text, use_lang},
    state::{use_activation, use_drafts},
};

const TABS: [CreateTab; 2] = [CreateTab::ExistingAccount, CreateTab::NewAccount];

fn tab_id(tab: CreateTab) -> String {
    format!("tab-{}", tab.code())
}

fn tab_label(tab: CreateTab) -> Tr {
    match tab {
        CreateTab::ExistingAccount => text::TAB_EXISTING,
        CreateTab::NewAccount => text::TAB_NEW,
    }
}

#[component]
pub fn CreateWorkspace() -> impl IntoView {
    let location = use_location();
    let tab = Memo::new(move |_| match location.pathname.with(|path| Step::from_path(path)) {
        Some(Step::CreateWorkspace(tab)) => tab,
        _ => CreateTab::ExistingAccount,
    });
    view! {
        <StepIndicator path=Path::Bind current=2/>
        <section class="card">
            <PageHeading title=text::CREATE_WORKSPACE/>
            <TabList tab=tab/>
            <div role="tabpanel" id="create-panel" aria-labelledby=move || tab_id(tab.get())>
                // A fresh form per tab: errors of one tab's fields never linger on the other.
                {move || {
                    let tab = tab.get();
                    view! { <CreateForm tab=tab/> }
                }}
            </div>
        </section>
    }
}

/// The tabs: links (so Back and Forward switch them), with the ARIA tab pattern on top: one tab in
/// the Tab order, arrow keys, Home and End move to and open the others.
#[component]
fn TabList(tab: Memo<CreateTab>) -> impl IntoView {
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        let current = TABS.iter().position(|t| *t == tab.get_untracked()).unwrap_or(0);
        let last = TABS.len() - 1;
        let next = match ev.key().as_str() {
            "ArrowRight" => (current + 1) % TABS.len(),
            "ArrowLeft" => (current + last) % TABS.len(),
            "Home" => 0,
            "End" => last,
            _ => return,
        };
        ev.prevent_default();
        if let Some(el) = document()
            .get_element_by_id(&tab_id(TABS[next]))
            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok())
        {
            let _ = el.focus();
            el.click();
        }
    };
    let tabs = TABS
        .into_iter()
        .map(|this| {
            let selected = move || tab.get() == this;
            view! {
                <a
                    href=Step::CreateWorkspace(this).path()
                    data-noscroll=""
                    id=tab_id(this)
                    role="tab"
                    aria-selected=move || selected().to_string()
                    aria-controls="create-panel"
                    tabindex=move || if selected() { "0" } else { "-1" }
                >
                    {t(tab_label(this))}
                </a>
            }
        })
        .collect_view();
    view! {
        <div role="tablist" aria-label=t(text::CREATE_WORKSPACE) on:keydown=on_keydown>
            {tabs}
        </div>
    }
}

/// The fields and button of one tab.
#[component]
fn CreateForm(tab: CreateTab) -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let drafts = use_drafts();
    let lang = use_lang();
    let session = ctx.get_untracked();
    let marketplace = session.marketplace();
    let site = drafts.site;
    // The URL's tab and the header's site are the ones this request creates with.
    let complete = move |d: &CreateWorkspaceDraft| CreateWorkspaceDraft {
        tab,
        site: site.get_untracked(),
        // Until the user picks one, the workspace language is the UI language's.
        workspace_language: workspace_language_or_ui(&d.workspace_language, lang.get_untracked()),
        ..d.clone()
    };
    let form = Form::new(drafts.create(), move |d| errors_of(complete(d).validate(marketplace)));
    // One key per creation, per tab: a retry, a double click or a reload cannot create twice.
    let slot = format!("activation.create-key.{}", tab.code());
    let key = StoredValue::new(api::attempt_key(&slot));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &CreateWorkspaceDraft| {
        let (base, draft, navigate, slot) =
            (base.clone(), draft.clone(), navigate.clone(), slot.clone());
        let key = key.get_value();
        async move {
            match api::create_workspace(&base, &draft, &key).await {
                Ok(created) => {
                    api::attempt_done(&slot);
                    ctx.set_progress(created.progress);
                    // Ready for another workspace of the same owner.
                    form.draft.update(|d| {
                        *d = CreateWorkspaceDraft {
                            email: d.email.clone(),
                            username: d.username.clone(),
                            phone: d.phone.clone(),
                            workspace_language: d.workspace_language.clone(),
                            ..CreateWorkspaceDraft::default()
                        };
                    });
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
            submit.dispatch_local(complete(&draft));
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
                Some(SendCodeRequest::CreateWorkspace { email: email.to_string() })
            }
            Err(error) => {
                form.errors.update(|e| e.add(FieldId::Email, error));
                None
            }
        }
    });
    let new_account = (tab == CreateTab::NewAccount).then(|| {
        let password = form.text(FieldId::Password, |d| &d.password, |d| &mut d.password);
        view! {
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
            <Strength password=password.value/>
            <TextField
                binding=form.text(FieldId::ConfirmPassword, |d| &d.confirm_password, |d| &mut d.confirm_password)
                label=text::CONFIRM_PASSWORD
                kind="password"
                autocomplete="new-password"
            />
        }
    });
    let (email_hint, button) = match tab {
        CreateTab::ExistingAccount => (Some(text::EXISTING_EMAIL_HINT), text::CREATE),
        CreateTab::NewAccount => (None, text::REGISTER_AND_CREATE),
    };
    let phone = (tab == CreateTab::NewAccount).then(|| {
        view! {
            <TextField
                binding=form.text(FieldId::Phone, |d| &d.phone, |d| &mut d.phone)
                label=text::PHONE
                kind="tel"
                autocomplete="tel"
                optional=true
            />
        }
    });
    let email_field = match email_hint {
        Some(hint) => view! {
            <TextField binding=email label=text::EMAIL kind="email" autocomplete="email" hint=hint/>
        }
        .into_any(),
        None => {
            view! { <TextField binding=email label=text::EMAIL kind="email" autocomplete="email"/> }
                .into_any()
        }
    };
    view! {
        <ErrorSummary errors=form.errors focus=form.summary_focus/>
        <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
        <form
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <SelectField binding=site_binding label=text::SITE options=site_options hint=text::SITE_NOTE/>
            <TextField
                binding=form.text(FieldId::WorkspaceName, |d| &d.workspace_name, |d| &mut d.workspace_name)
                label=text::WORKSPACE_NAME
            />
            <SelectField
                binding=language_binding(form.text(FieldId::WorkspaceLanguage, |d| &d.workspace_language, |d| &mut d.workspace_language), lang)
                label=text::WORKSPACE_LANGUAGE
                options=language_options()
                hint=text::WORKSPACE_LANGUAGE_WARNING
            />
            {new_account}
            {email_field}
            <TextField
                binding=form.text(FieldId::VerificationCode, |d| &d.verification_code, |d| &mut d.verification_code)
                label=text::VERIFICATION_CODE
                autocomplete="one-time-code"
                inputmode="numeric"
            >
                <SendCodeButton
                    purpose="create_workspace"
                    address=email.value
                    prepare=prepare_code
                    on_error=Callback::new(move |error| form.fail(error))
                />
            </TextField>
            {phone}
            <CheckboxField
                toggle=form.checkbox(FieldId::AgreeTerms, |d| d.agree_terms, |d| &mut d.agree_terms)
                label=text::AGREE_TERMS
                terms=true
            />
            <div class="actions">
                <a href=Step::BindWorkspaces.path() class="button secondary">{t(text::BACK)}</a>
                <SubmitButton label=button pending=pending/>
            </div>
        </form>
    }
}

/// The password strength hint, as the user types.
#[component]
fn Strength(password: Signal<String>) -> impl IntoView {
    move || {
        let typed = password.get();
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
    }
}
