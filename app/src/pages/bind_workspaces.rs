//! (being written)
use leptos::prelude::*;
#[component]
pub fn BindWorkspaces() -> impl IntoView {
    view! { <section class="card"></section> }
}
