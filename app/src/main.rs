//! Entry point of the wasm bundle: panic messages to the console, then mount the app.

/// The `performance.mark` set once the first screen is interactive; `cargo xtask bench` reads it.
const INTERACTIVE_MARK: &str = "app-interactive";

fn main() {
    console_error_panic_hook::set_once();
    // The static first-paint skeleton from index.html gives way to the real page.
    if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(|| leptos::view! { <app::App/> });
    // Mounting is synchronous: the router has rendered the first route and every handler is attached.
    if let Some(performance) = leptos::prelude::window().performance() {
        let _ = performance.mark(INTERACTIVE_MARK);
    }
}
