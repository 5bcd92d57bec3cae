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
                <a href=Step::RegisterBasic.path() class="choice">
                    <span class="choice-title">{t(text::REGISTER_NEW)}</span>
                    <span class="choice-detail">{t(text::REGISTER_NEW_DETAIL)}</span>
                </a>
                <a href=Step::BindAccount.path() class="choice">
                    <span class="choice-title">{t(text::HAVE_ACCOUNT)}</span>
                    <span class="choice-detail">{t(text::HAVE_ACCOUNT_DETAIL)}</span>
                </a>
            </div>
        </section>
    }
}
