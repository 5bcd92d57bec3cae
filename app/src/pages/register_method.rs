//! Register step 3: Activation method. Alibaba asks for the account ID and product instance ID,
//! Huawei for the Huawei Cloud account ID: pre-filled from the marketplace and read-only.

use activation_core::{
    FieldId,
    domain::{Identity, WorkspaceLanguage},
    draft::ActivationDraft,
    flow::{Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{
        Binding, ErrorSummary, FailureBanner, Form, PageHeading, SelectField, StepIndicator,
        SubmitButton, TextField, errors_of,
    },
    i18n::{Lang, t, text, use_lang, workspace_language_name},
    state::{use_activation, use_drafts},
};

/// The workspace language choices (shared with the create-workspace form).
pub fn language_options() -> Vec<(String, Signal<String>)> {
    WorkspaceLanguage::ALL
        .into_iter()
        .map(|l| {
            let name = workspace_language_name(l);
            (l.code().to_owned(), Signal::derive(move || t(name)().to_owned()))
        })
        .collect()
}

/// The workspace language a form sends: the one the user picked, else the UI language's (SPEC §5:
/// the default follows the UI language until the user picks one).
pub fn workspace_language_or_ui(picked: &str, ui: Lang) -> String {
    if !picked.is_empty() {
        return picked.to_owned();
    }
    let templates = match ui {
        Lang::En => WorkspaceLanguage::En,
        Lang::Zh => WorkspaceLanguage::Zh,
    };
    templates.code().to_owned()
}

/// The Workspace language select's binding: shows [`workspace_language_or_ui`] while the draft
/// holds no pick; what the user selects goes into the draft.
pub fn language_binding(binding: Binding, ui: RwSignal<Lang>) -> Binding {
    let picked = binding.value;
    Binding {
        value: Signal::derive(move || workspace_language_or_ui(&picked.get(), ui.get())),
        ..binding
    }
}

/// Where the activation's idempotency key waits for its success (`api::attempt_key`).
const ACTIVATE_KEY: &str = "activation.activate-key";

#[component]
pub fn RegisterMethod() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let drafts = use_drafts();
    let identity = ctx.get_untracked().identity;
    // The IDs always come from the marketplace; the rest is what was typed.
    let prefilled = ActivationDraft::prefilled(&identity);
    drafts.method().update(|d| {
        d.aliyun_account_id = prefilled.aliyun_account_id.clone();
        d.aliyun_instance_id = prefilled.aliyun_instance_id.clone();
        d.huawei_account_id = prefilled.huawei_account_id.clone();
    });
    let checked = identity.clone();
    let lang = use_lang();
    // Until the user picks one, the workspace language is the UI language's.
    let complete = move |d: &ActivationDraft| ActivationDraft {
        workspace_language: workspace_language_or_ui(&d.workspace_language, lang.get_untracked()),
        ..d.clone()
    };
    let form = Form::new(drafts.method(), move |d: &ActivationDraft| {
        errors_of(complete(d).validate(&checked))
    });
    // One key per activation: a retry, a double click or a reload cannot activate twice.
    let key = StoredValue::new(api::attempt_key(ACTIVATE_KEY));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &ActivationDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        let key = key.get_value();
        async move {
            match api::activate(&base, &draft, &key).await {
                Ok(summary) => {
                    api::attempt_done(ACTIVATE_KEY);
                    ctx.finish(summary);
                    navigate(&Step::Activated.path(), Default::default());
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
    let marketplace_fields = match identity {
        Identity::Aws { .. } => ().into_any(),
        Identity::Aliyun { .. } => view! {
            <TextField
                binding=form.text(FieldId::AliyunAccountId, |d| &d.aliyun_account_id, |d| &mut d.aliyun_account_id)
                label=text::ALIYUN_ACCOUNT_ID
                readonly=true
                help="/help/aliyun-account-id"
                source=text::FROM_ALIYUN_PURCHASE
            />
            <TextField
                binding=form.text(FieldId::AliyunInstanceId, |d| &d.aliyun_instance_id, |d| &mut d.aliyun_instance_id)
                label=text::ALIYUN_INSTANCE_ID
                readonly=true
                help="/help/aliyun-instance-id"
                source=text::FROM_ALIYUN_PURCHASE
            />
        }
        .into_any(),
        Identity::Huawei { .. } => view! {
            <TextField
                binding=form.text(FieldId::HuaweiAccountId, |d| &d.huawei_account_id, |d| &mut d.huawei_account_id)
                label=text::HUAWEI_ACCOUNT_ID
                readonly=true
                help="/help/huawei-account-id"
                source=text::FROM_HUAWEI_PURCHASE
            />
        }
        .into_any(),
    };
    view! {
        <StepIndicator path=Path::Register current=3/>
        <section class="card">
            <PageHeading title=text::METHOD_TITLE/>
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
                    binding=form.text(FieldId::WorkspaceName, |d| &d.workspace_name, |d| &mut d.workspace_name)
                    label=text::WORKSPACE_NAME
                />
                <SelectField
                    binding=language_binding(form.text(FieldId::WorkspaceLanguage, |d| &d.workspace_language, |d| &mut d.workspace_language), lang)
                    label=text::WORKSPACE_LANGUAGE
                    options=language_options()
                    hint=text::WORKSPACE_LANGUAGE_WARNING
                />
                {marketplace_fields}
                <div class="actions">
                    <a href=Step::RegisterCompany.path() class="button secondary">{t(text::BACK)}</a>
                    <SubmitButton label=text::ACTIVATE pending=pending/>
                </div>
            </form>
        </section>
    }
}
