//! The activation console: every component lives here (not in `main.rs`) so tests can mount them.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use leptos_router::{
    components::{ParentRoute, Route, Router, Routes},
    path,
};

pub use api::ApiBase;

/// The whole app: header, router and every page. `api` says where the backend is (same origin in the
/// product; tests point it elsewhere).
#[component]
pub fn App(#[prop(optional)] api: ApiBase) -> impl IntoView {
    provide_context(api);
    i18n::provide_lang();
    state::Drafts::provide();
    pages::provide_activation();
    view! {
        <Router>
            <components::Header/>
            <main id="main" class="page">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                    <Route path=path!("/activate/error/:problem") view=pages::TokenError/>
                    <ParentRoute path=path!("/activate") view=pages::ActivationShell>
                        <Route path=path!("") view=pages::Arrival/>
                        <Route path=path!("choose") view=pages::Choose/>
                        <Route path=path!("bound-already") view=pages::AlreadyBound/>
                        <Route path=path!("register/basic") view=pages::RegisterBasic/>
                        <Route path=path!("register/company") view=pages::RegisterCompany/>
                        <Route path=path!("register/method") view=pages::RegisterMethod/>
                        <Route path=path!("register/done") view=pages::Activated/>
                        <Route path=path!("bind/account") view=pages::BindAccount/>
                        <Route path=path!("bind/workspaces") view=pages::BindWorkspaces/>
                        <Route path=path!("bind/workspaces/new/:tab") view=pages::CreateWorkspace/>
                        <Route path=path!("bind/done") view=pages::Bound/>
                    </ParentRoute>
                    <Route path=path!("/help/:topic") view=pages::Help/>
                    <Route path=path!("/login") view=pages::Login/>
                    <Route path=path!("/workspace") view=pages::WorkspaceHome/>
                    <Route path=path!("/billing") view=pages::BillingLogin/>
                    <Route path=path!("/billing/workspaces") view=pages::BillingWorkspaces/>
                </Routes>
            </main>
        </Router>
    }
}
