//! (being written)
use leptos::prelude::*;
#[component]
pub fn AlreadyBound() -> impl IntoView {
    view! { <section class="card"></section> }
}
