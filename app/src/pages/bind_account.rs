//! (being written)
use leptos::prelude::*;
#[component]
pub fn BindAccount() -> impl IntoView {
    view! { <section class="card"></section> }
}
