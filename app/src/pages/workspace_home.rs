//! (being written)
use leptos::prelude::*;
#[component]
pub fn WorkspaceHome() -> impl IntoView {
    view! { <section class="card"></section> }
}
