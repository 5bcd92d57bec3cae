//! The activation console: every component lives here (not in `main.rs`) so tests can mount them.

pub mod api;
pub mod components;
pub mod i18n;
pub mod pages;

use leptos::prelude::*;
use leptos_router::{
    components::{Route, Router, Routes},
    path,
};

pub use api::ApiBase;

/// The whole app: header, router and every page. `api` says where the backend is (same origin in the
/// product; tests point it elsewhere).
#[component]
pub fn App(#[prop(optional)] api: ApiBase) -> impl IntoView {
    provide_context(api);
    i18n::provide_lang();
    view! {
        <Router>
            <components::Header/>
            <main id="main" class="page">
                <Routes fallback=pages::NotFound>
                    <Route path=path!("/") view=pages::Home/>
                </Routes>
            </main>
        </Router>
    }
}
