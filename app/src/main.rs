//! Entry point of the wasm bundle: panic messages to the console, then mount the app.

use app::components::{MOUNTED_MARK, STARTED_MARK, mark};

fn main() {
    mark(STARTED_MARK);
    console_error_panic_hook::set_once();
    // The static first-paint skeleton from index.html gives way to the real page.
    if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
        skeleton.remove();
    }
    leptos::mount::mount_to_body(|| leptos::view! { <app::App/> });
    mark(MOUNTED_MARK);
}
