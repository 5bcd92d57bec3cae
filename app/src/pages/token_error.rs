//! A refused marketplace hand-off: which marketplace, which problem, where to go on that
//! marketplace to start again, and **Log in** for those who already activated (SPEC §2). The mock
//! names the marketplace in the query (`?marketplace=aws`, core's `TokenProblem::page`).

use activation_core::{
    domain::Marketplace,
    flow::{FROM_MARKETPLACE, TokenProblem},
};
use leptos::prelude::*;
use leptos_router::hooks::{use_params_map, use_query_map};

use super::marketplace_name;
use crate::{
    components::PageHeading,
    i18n::{Tr, t, text, token_problem, use_lang},
};

#[component]
pub fn TokenError() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let lang = use_lang();
    let problem = move || {
        params
            .with(|p| p.get_str("problem").and_then(TokenProblem::from_code))
            .unwrap_or(TokenProblem::Invalid)
    };
    let marketplace = Memo::new(move |_| {
        query.with(|q| q.get_str(FROM_MARKETPLACE).and_then(Marketplace::from_code))
    });
    let reason = move || token_problem(lang.get(), problem(), marketplace.get());
    view! {
        <section class="card">
            <PageHeading title=text::TOKEN_TITLE/>
            <p class="banner error" role="alert" data-testid="token-problem">{reason}</p>
            {move || view! { <WayBack marketplace=marketplace.get()/> }}
        </section>
    }
}

/// Where to go on `marketplace` to be handed here again (every marketplace's way when it is not
/// known), and **Log in** for a buyer who already activated. Also shown when a session ended.
#[component]
pub fn WayBack(marketplace: Option<Marketplace>) -> impl IntoView {
    let lang = use_lang();
    let ways = match marketplace {
        Some(marketplace) => vec![marketplace],
        None => Marketplace::ALL.to_vec(),
    };
    let named = ways.len() > 1;
    let ways = ways
        .into_iter()
        .map(|marketplace| {
            let steps = move || {
                way_back(marketplace)
                    .get(lang.get())
                    .split('|')
                    .map(|step| view! { <li>{step}</li> })
                    .collect_view()
            };
            view! {
                {named.then(|| view! { <h3>{t(marketplace_name(marketplace))}</h3> })}
                <ol class="way-back" data-testid=format!("way-back-{}", marketplace.code())>
                    {steps}
                </ol>
            }
        })
        .collect_view();
    view! {
        <h2>{t(text::WAY_BACK_TITLE)}</h2>
        <p>{t(text::WAY_BACK_INTRO)}</p>
        {ways}
        <p>{t(text::ALREADY_ACTIVATED)}</p>
        <div class="actions">
            <a href="/login" class="button">{t(text::LOG_IN)}</a>
        </div>
    }
}

/// The steps, `|`-separated, that bring a buyer from `marketplace` back here.
fn way_back(marketplace: Marketplace) -> Tr {
    match marketplace {
        Marketplace::Aws => text::WAY_BACK_AWS,
        Marketplace::Aliyun => text::WAY_BACK_ALIYUN,
        Marketplace::Huawei => text::WAY_BACK_HUAWEI,
    }
}
