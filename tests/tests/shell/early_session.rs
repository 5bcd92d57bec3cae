//! The session call `index.html` sends with the page: taken once by the app, in its first render
//! when already answered, and waited for (within a limit) before the app mounts.

use activation_core::flow::{Progress, Step};
use app::i18n::text;
use browser_tests::*;
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

use super::{fake::Fake, session};

/// The network's answer to the session call: a fresh AWS session (its body, returned).
fn answer_fresh_session(fake: &Fake) -> String {
    let body = serde_json::to_string(&session(Progress::default())).unwrap();
    fake.route("GET /api/v1/session", 200, &body);
    body
}

/// Puts an answered session call where `index.html` leaves the one it starts with the page: its
/// status and body, as `index.html` reads them.
fn start_early_session(status: u16, body: &str) {
    let respond =
        js_sys::Function::new_with_args("status, body", "return Promise.resolve([status, body]);");
    let started = respond.call2(&JsValue::NULL, &status.into(), &body.into()).unwrap();
    js_sys::Reflect::set(&window(), &app::api::EARLY_SESSION.into(), &started).unwrap();
}

/// What `index.html` leaves once its session call is answered: the promise, and the answer itself.
fn answer_early_session(status: u16, body: &str) {
    start_early_session(status, body);
    let answer = js_sys::Array::of2(&status.into(), &body.into());
    js_sys::Reflect::set(&window(), &app::api::EARLY_SESSION_ANSWER.into(), &answer).unwrap();
}

fn early_session_left() -> bool {
    global_set(app::api::EARLY_SESSION)
}

/// Whether `index.html`'s answer (`[status, body]`) is where it leaves it.
fn early_answer_left() -> bool {
    global_set(app::api::EARLY_SESSION_ANSWER)
}

fn global_set(name: &str) -> bool {
    !js_sys::Reflect::get(&window(), &name.into()).unwrap().is_undefined()
}

#[wasm_bindgen_test]
async fn the_session_call_index_html_started_is_used_once_and_try_again_asks_the_network() {
    clear_storage();
    let fake = Fake::install(0);
    answer_fresh_session(&fake);
    // The call sent with the page failed (the service was briefly down).
    start_early_session(503, r#"{"code":"unavailable"}"#);
    // The product's own origin: the only case where index.html starts the call.
    let page = mount_app(&Step::Arrival.path(), "");
    let root = &page.root;
    let failure = wait_for("the early answer", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("unavailable right now"), "{}", failure.inner_text());
    assert_eq!(fake.count("GET /api/v1/session"), 0, "the page's own call was used");
    assert!(!early_session_left(), "taken, so a retry cannot see it again");
    button(root, "Try again").expect("Try again").click();
    let title = wait_for("heading", || heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)).await;
    assert_eq!(title, text::CHOOSE_TITLE.en);
    assert_eq!(fake.count("GET /api/v1/session"), 1);
}

#[wasm_bindgen_test]
async fn an_early_session_answered_before_the_app_starts_is_used_without_another_call() {
    clear_storage();
    let fake = Fake::install(0);
    let body = answer_fresh_session(&fake);
    answer_early_session(200, &body);
    let page = mount_app(&Step::Arrival.path(), "");
    // Nothing awaited since mounting: the step itself is the first render, no loading card.
    assert_eq!(heading(&page.root).as_deref(), Some(text::CHOOSE_TITLE.en));
    assert!(!early_answer_left() && !early_session_left(), "taken");
    assert_eq!(fake.count("GET /api/v1/session"), 0, "the page's own call was used");
    wait_for("the address on the step", || (pathname() == Step::Choose.path()).then_some(())).await;
}

#[wasm_bindgen_test]
async fn an_early_session_still_under_way_shows_the_loading_card_until_it_answers() {
    clear_storage();
    let fake = Fake::install(0);
    let body = answer_fresh_session(&fake);
    start_early_session(200, &body);
    let page = mount_app(&Step::Arrival.path(), "");
    assert_eq!(heading(&page.root).as_deref(), Some(text::ARRIVAL_TITLE.en));
    let title = wait_for("heading", || heading(&page.root).filter(|h| h != text::ARRIVAL_TITLE.en));
    assert_eq!(title.await, text::CHOOSE_TITLE.en);
    assert_eq!(fake.count("GET /api/v1/session"), 0, "the page's own call was used");
}

#[wasm_bindgen_test]
async fn a_backend_elsewhere_ignores_a_session_call_started_for_this_origin() {
    clear_storage();
    let fake = Fake::install(0);
    answer_fresh_session(&fake);
    start_early_session(401, r#"{"code":"session_expired"}"#);
    let page = mount_app(&Step::Arrival.path(), REFUSED);
    let root = &page.root;
    let title = wait_for("heading", || heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)).await;
    assert_eq!(title, text::CHOOSE_TITLE.en);
    assert_eq!(fake.count("GET /api/v1/session"), 1);
    assert!(early_session_left(), "not this backend's to take");
    let window: js_sys::Object = window().unchecked_into();
    js_sys::Reflect::delete_property(&window, &app::api::EARLY_SESSION.into()).unwrap();
}

/// A session call under way, as `index.html` starts it, that a timer answers after `after_ms`: it
/// leaves the answer where `index.html` does, then settles.
fn early_session_answered_after(after_ms: i32) {
    let start = js_sys::Function::new_with_args(
        "key, after",
        "return new Promise((resolve) => setTimeout(() => { \
           const answer = [200, '{}']; window[key] = answer; resolve(answer); }, after));",
    );
    let key: JsValue = app::api::EARLY_SESSION_ANSWER.into();
    let started = start.call2(&JsValue::NULL, &key, &after_ms.into()).unwrap();
    js_sys::Reflect::set(&window(), &app::api::EARLY_SESSION.into(), &started).unwrap();
}

fn forget_early_session() {
    let window: js_sys::Object = window().unchecked_into();
    for name in [app::api::EARLY_SESSION, app::api::EARLY_SESSION_ANSWER] {
        js_sys::Reflect::delete_property(&window, &name.into()).unwrap();
    }
}

fn now() -> f64 {
    window().performance().unwrap().now()
}

#[wasm_bindgen_test]
async fn mounting_waits_for_an_early_session_under_way_until_its_answer_is_in() {
    forget_early_session();
    early_session_answered_after(40);
    let before = now();
    app::api::early_session_settled(10_000).await;
    let waited = now() - before;
    assert!(early_answer_left(), "the answer is in when the wait ends");
    assert!(waited < 5_000.0, "ended by the answer, not the limit: {waited} ms");
    assert!(early_session_left(), "left for the app to take");
    forget_early_session();
}

#[wasm_bindgen_test]
async fn mounting_waits_for_an_early_session_no_longer_than_its_limit() {
    forget_early_session();
    early_session_answered_after(60_000);
    let before = now();
    app::api::early_session_settled(50).await;
    let waited = now() - before;
    assert!(!early_answer_left(), "not answered yet");
    assert!((45.0..5_000.0).contains(&waited), "waited for the limit: {waited} ms");
    forget_early_session();
}

#[wasm_bindgen_test]
async fn mounting_does_not_wait_without_an_early_session_or_once_it_is_answered() {
    forget_early_session();
    let before = now();
    app::api::early_session_settled(10_000).await;
    answer_early_session(200, "{}");
    app::api::early_session_settled(10_000).await;
    let waited = now() - before;
    assert!(waited < 5_000.0, "no wait for the limit: {waited} ms");
    forget_early_session();
}
