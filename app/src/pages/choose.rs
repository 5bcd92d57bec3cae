//! Choose: register a new Billing Center account, or bind an existing one.

use activation_core::{domain::Marketplace, flow::Step};
use leptos::prelude::*;

use crate::{
    components::PageHeading,
    i18n::{Tr, t, text},
    state::use_activation,
};

/// The marketplace's name.
pub fn marketplace_name(marketplace: Marketplace) -> Tr {
    match marketplace {
        Marketplace::Aws => text::MARKETPLACE_AWS,
        Marketplace::Aliyun => text::MARKETPLACE_ALIYUN,
        Marketplace::Huawei => text::MARKETPLACE_HUAWEI,
    }
}

/// A link card: the link is the title alone (its accessible name), the detail beside it is its
/// description (SPEC §5); the whole card is the link's target (CSS).
#[component]
fn ChoiceCard(href: String, id: &'static str, title: Tr, detail: Tr) -> impl IntoView {
    let detail_id = format!("{id}-detail");
    let described_by = detail_id.clone();
    view! {
        <div class="choice">
            <a href=href class="choice-link" aria-describedby=described_by>
                <span class="choice-title">{t(title)}</span>
            </a>
            <span class="choice-detail" id=detail_id>{t(detail)}</span>
        </div>
    }
}

#[component]
pub fn Choose() -> impl IntoView {
    let ctx = use_activation();
    let session = ctx.get_untracked();
    let account = session.identity.cloud_account();
    view! {
        <section class="card">
            <PageHeading title=text::CHOOSE_TITLE/>
            <p>{t(text::CHOOSE_INTRO)}</p>
            <p class="muted">
                {t(text::BOUGHT_ON)} {t(text::LABEL_SEPARATOR)}
                {t(marketplace_name(session.marketplace()))} {t(text::DOT_SEPARATOR)}
                {t(text::CLOUD_ACCOUNT)} " " <span class="mono">{account.masked_id()}</span>
            </p>
            <div class="explainer" role="note">
                <h2>{t(text::WHAT_IS_BILLING_CENTER)}</h2>
                <p>{t(text::BILLING_CENTER_EXPLAINED)}</p>
            </div>
            <div class="choices">
                <ChoiceCard
                    href=Step::RegisterBasic.path()
                    id="choice-register"
                    title=text::REGISTER_NEW
                    detail=text::REGISTER_NEW_DETAIL
                />
                <ChoiceCard
                    href=Step::BindAccount.path()
                    id="choice-bind"
                    title=text::HAVE_ACCOUNT
                    detail=text::HAVE_ACCOUNT_DETAIL
                />
            </div>
        </section>
    }
}
