//! The end of the register path (Activated) and of the bind path (Bound): what the cloud account now
//! pays for, where to see it in the Billing Center, and Go to login. The summary comes from the
//! session's context, so a reload shows it again (and never activates twice).

use activation_core::flow::{Path, Step};
use leptos::prelude::*;

use super::{BILLING_LOGIN, offered::OfferedWorkspaces};
use crate::{
    components::{PageHeading, StepIndicator, WorkspaceTable},
    i18n::{Tr, settlement_text, t, text, use_lang},
    state::use_activation,
};

#[component]
fn SummaryCard(title: Tr, intro: Tr) -> impl IntoView {
    let ctx = use_activation();
    let lang = use_lang();
    let summary = move || ctx.get().finished;
    view! {
        <section class="card">
            <PageHeading title=title/>
            {move || summary().map(|summary| {
                let settlement = summary.settlement.clone();
                view! {
                    <p class="banner ok" role="status">{t(intro)}</p>
                    <dl class="facts">
                        <dt>{t(text::BILLING_CENTER_ACCOUNT)}</dt>
                        <dd>{summary.billing_account.clone()}</dd>
                        <dt>{t(text::CLOUD_ACCOUNT)}</dt>
                        <dd>{move || settlement_text(lang.get(), &settlement)}</dd>
                    </dl>
                    <WorkspaceTable workspaces=summary.workspaces.clone()/>
                    <p>{t(text::ACTIVATED_BILLING)}</p>
                }
            })}
            <div class="actions">
                <a href=BILLING_LOGIN class="button secondary">{t(text::SEE_IN_BILLING_CENTER)}</a>
                <a href=Step::Login.path() class="button">{t(text::GO_TO_LOGIN)}</a>
            </div>
        </section>
    }
}

#[component]
pub fn Activated() -> impl IntoView {
    view! {
        <StepIndicator path=Path::Register current=4/>
        <SummaryCard title=text::ACTIVATED_TITLE intro=text::ACTIVATED_INTRO/>
        <OfferedWorkspaces/>
    }
}

#[component]
pub fn Bound() -> impl IntoView {
    view! {
        <StepIndicator path=Path::Bind current=3/>
        <SummaryCard title=text::BOUND_TITLE intro=text::BOUND_INTRO/>
    }
}
