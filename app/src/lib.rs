//! The activation console: every component lives here (not in `main.rs`) so tests can mount them.

pub mod api;
pub mod components;
pub mod i18n;
pub mod lazy;
pub mod pages;
pub mod state;
pub mod storage;

use leptos::prelude::*;
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};

pub use api::ApiBase;
use lazy::Lazy;
use pages::chunks;

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
                <Screens/>
            </main>
        </Router>
    }
}

/// Every screen by its path. The activation is one route: its steps are core's
/// (`activation_core::flow::Step::path` and `from_path`, which the mock redirects to as well), and
/// the shell picks the step's page from its own table (`pages::shell`), so it stays mounted from
/// step to step. The token errors come first: routes match in the order they are listed.
#[component]
pub fn Screens() -> impl IntoView {
    view! {
        <FlatRoutes fallback=pages::NotFound>
            <Route path=path!("/") view=|| view! { <Lazy split=&chunks::HOME/> }/>
            <Route path=path!("/activate/error/:problem") view=pages::TokenError/>
            <Route path=path!("/activate/*step") view=pages::ActivationShell/>
            <Route path=path!("/help/:topic") view=|| view! { <Lazy split=&chunks::HELP/> }/>
            <Route path=path!("/terms") view=|| view! { <Lazy split=&chunks::TERMS/> }/>
            <Route path=path!("/login") view=|| view! { <Lazy split=&chunks::LOGIN/> }/>
            <Route
                path=path!("/login/forgot-password")
                view=|| view! { <Lazy split=&chunks::FORGOT_PASSWORD/> }
            />
            <Route
                path=path!("/login/forgot-username")
                view=|| view! { <Lazy split=&chunks::FORGOT_USERNAME/> }
            />
            <Route
                path=path!("/billing/forgot-password")
                view=|| view! { <Lazy split=&chunks::BILLING_FORGOT_PASSWORD/> }
            />
            <Route
                path=path!("/billing/forgot-username")
                view=|| view! { <Lazy split=&chunks::BILLING_FORGOT_USERNAME/> }
            />
            <Route
                path=path!("/workspace")
                view=|| view! { <Lazy split=&chunks::WORKSPACE_HOME/> }
            />
            <Route path=path!("/billing") view=|| view! { <Lazy split=&chunks::BILLING_LOGIN/> }/>
            <Route
                path=path!("/billing/workspaces")
                view=|| view! { <Lazy split=&chunks::BILLING_WORKSPACES/> }
            />
        </FlatRoutes>
    }
}
