//! Register step 2: Company info.

use activation_core::{
    FieldId,
    domain::Industry,
    draft::CompanyDraft,
    flow::{Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    components::{
        CheckboxField, ErrorSummary, FailureBanner, Form, PageHeading, SelectField, StepIndicator,
        SubmitButton, TextField, errors_of,
    },
    i18n::{industry_name, t, text, use_lang},
    state::{use_activation, use_drafts},
};

#[component]
pub fn RegisterCompany() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let lang = use_lang();
    let form = Form::new(use_drafts().company(), |d: &CompanyDraft| errors_of(d.validate()));
    let navigate = use_navigate();
    let submit = Action::new_local(move |draft: &CompanyDraft| {
        let (base, draft, navigate) = (base.clone(), draft.clone(), navigate.clone());
        async move {
            match api::register_company(&base, &draft).await {
                Ok(accepted) => {
                    ctx.set_progress(accepted.progress);
                    navigate(&Step::RegisterMethod.path(), Default::default());
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
    let industries = std::iter::once((
        String::new(),
        Signal::derive(move || t(text::INDUSTRY_NONE)().to_owned()),
    ))
    .chain(Industry::ALL.into_iter().map(|industry| {
        let name = industry_name(industry);
        (industry.code().to_owned(), Signal::derive(move || name.get(lang.get()).to_owned()))
    }))
    .collect::<Vec<_>>();
    view! {
        <StepIndicator path=Path::Register current=2/>
        <section class="card">
            <PageHeading title=text::COMPANY_TITLE/>
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
                    binding=form.text(FieldId::CompanyName, |d| &d.company_name, |d| &mut d.company_name)
                    label=text::COMPANY_NAME
                    autocomplete="organization"
                />
                <SelectField
                    binding=form.text(FieldId::Industry, |d| &d.industry, |d| &mut d.industry)
                    label=text::INDUSTRY
                    optional=true
                    options=industries
                />
                <TextField
                    binding=form.text(FieldId::ContactName, |d| &d.contact_name, |d| &mut d.contact_name)
                    label=text::CONTACT_NAME
                    autocomplete="name"
                    optional=true
                />
                <CheckboxField
                    toggle=form.checkbox(FieldId::AgreeTerms, |d| d.agree_terms, |d| &mut d.agree_terms)
                    label=text::AGREE_TERMS
                    terms=true
                />
                <div class="actions">
                    <a href=Step::RegisterBasic.path() class="button secondary">{t(text::BACK)}</a>
                    <SubmitButton label=text::NEXT pending=pending/>
                </div>
            </form>
        </section>
    }
}
