//! The Billing Center: log in with the Billing Center account, then Workspace management lists its
//! workspaces with their site, settlement method (which cloud account pays) and state, each with
//! Change settlement method (`settlement.rs`).

use leptos::prelude::*;

use super::{
    login::{LoginForm, Target},
    settlement::SettlementTable,
    workspace_home::{LoadFailure, LogOutButton, loading},
};
use crate::{
    api,
    components::PageHeading,
    i18n::{t, text},
};

/// Where Billing Center login lives (and where an expired one is sent back to).
pub const BILLING_LOGIN: &str = "/billing";

/// `/billing`: log in to the Billing Center; success goes to Workspace management.
#[component]
pub fn BillingLogin() -> impl IntoView {
    view! { <LoginForm target=Target::BillingCenter/> }
}

/// `/billing/workspaces`: Workspace management.
#[component]
pub fn BillingWorkspaces() -> impl IntoView {
    let base = api::use_api();
    let list = LocalResource::new(move || {
        let base = base.clone();
        async move { api::billing_workspaces(&base).await }
    });
    view! {
        <section class="card">
            <PageHeading title=text::BILLING_WORKSPACES_TITLE/>
            {move || match list.get() {
                None => loading().into_any(),
                Some(Ok(found)) if found.workspaces.is_empty() => {
                    view! {
                        <p data-testid="no-workspaces">{t(text::BILLING_NO_WORKSPACES)}</p>
                        <LogOutButton then=BILLING_LOGIN/>
                    }
                        .into_any()
                }
                Some(Ok(found)) => {
                    view! {
                        <SettlementTable workspaces=found.workspaces/>
                        <LogOutButton then=BILLING_LOGIN/>
                    }
                        .into_any()
                }
                Some(Err(error)) => {
                    view! {
                        <LoadFailure
                            error=error
                            retry=Callback::new(move |()| list.refetch())
                            login=BILLING_LOGIN
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
