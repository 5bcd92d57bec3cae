//! (being written)
use leptos::prelude::*;
#[component]
pub fn Login() -> impl IntoView {
    view! { <section class="card"></section> }
}
