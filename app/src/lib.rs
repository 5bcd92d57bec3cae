//! The activation console: every component lives here (not in `main.rs`) so tests can mount them.

pub mod api;
pub mod components;
pub mod i18n;
pub mod lazy;
pub mod pages;
pub mod reactive;
pub mod router;
pub mod state;
pub mod storage;

use leptos::prelude::*;

pub use api::ApiBase;
use router::{Router, use_location};

/// The screens, by the first part of their path. A screen with a parameter (a help topic, a token
/// problem) or steps of its own (the activation) reads the rest of the path itself, so moving
/// between its steps keeps it mounted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Screen {
    Home,
    TokenError,
    Activation,
    Help,
    Login,
    WorkspaceHome,
    BillingLogin,
    BillingWorkspaces,
    NotFound,
}

impl Screen {
    fn of(path: &str) -> Screen {
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        let one_segment = |prefix: &str| {
            path.strip_prefix(prefix).is_some_and(|rest| !rest.is_empty() && !rest.contains('/'))
        };
        match path {
            "/" => Screen::Home,
            "/login" => Screen::Login,
            "/workspace" => Screen::WorkspaceHome,
            "/billing" => Screen::BillingLogin,
            "/billing/workspaces" => Screen::BillingWorkspaces,
            _ if one_segment("/activate/error/") => Screen::TokenError,
            _ if one_segment("/help/") => Screen::Help,
            _ if pages::activation_page(path).is_some() => Screen::Activation,
            _ => Screen::NotFound,
        }
    }
}

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

#[component]
fn Screens() -> impl IntoView {
    let location = use_location();
    let screen = Memo::new(move |_| location.pathname.with(|path| Screen::of(path)));
    move || match screen.get() {
        Screen::Home => view! { <lazy::Lazy split=&pages::chunks::HOME/> }.into_any(),
        Screen::TokenError => view! { <pages::TokenError/> }.into_any(),
        Screen::Activation => view! { <pages::ActivationShell/> }.into_any(),
        Screen::Help => view! { <lazy::Lazy split=&pages::chunks::HELP/> }.into_any(),
        Screen::Login => view! { <lazy::Lazy split=&pages::chunks::LOGIN/> }.into_any(),
        Screen::WorkspaceHome => {
            view! { <lazy::Lazy split=&pages::chunks::WORKSPACE_HOME/> }.into_any()
        }
        Screen::BillingLogin => {
            view! { <lazy::Lazy split=&pages::chunks::BILLING_LOGIN/> }.into_any()
        }
        Screen::BillingWorkspaces => {
            view! { <lazy::Lazy split=&pages::chunks::BILLING_WORKSPACES/> }.into_any()
        }
        Screen::NotFound => view! { <pages::NotFound/> }.into_any(),
    }
}
