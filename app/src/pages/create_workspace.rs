//! (being written)
use leptos::prelude::*;
#[component]
pub fn CreateWorkspace() -> impl IntoView {
    view! { <section class="card"></section> }
}
