//! (being written)
use leptos::prelude::*;
#[component]
pub fn Help() -> impl IntoView {
    view! { <section class="card"></section> }
}
