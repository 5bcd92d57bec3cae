//! (being written)
use leptos::prelude::*;
#[component]
pub fn BillingLogin() -> impl IntoView {
    view! { <section class="card"></section> }
}
#[component]
pub fn BillingWorkspaces() -> impl IntoView {
    view! { <section class="card"></section> }
}
