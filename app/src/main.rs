//! Entry point of the wasm bundle: panic messages to the console, then mount the app.

use app::components::{MOUNTED_MARK, STARTED_MARK, mark};

/// How long the static skeleton may stay for the early session answer before the app mounts its
/// own loading card (`app::api::early_session_settled`).
const EARLY_ANSWER_WAIT_MS: i32 = 300;

fn main() {
    mark(STARTED_MARK);
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        app::api::early_session_settled(EARLY_ANSWER_WAIT_MS).await;
        // The static first-paint skeleton from index.html gives way to the real page.
        if let Some(skeleton) = leptos::prelude::document().get_element_by_id("skeleton") {
            skeleton.remove();
        }
        leptos::mount::mount_to_body(|| leptos::view! { <app::App/> });
        mark(MOUNTED_MARK);
    });
}
