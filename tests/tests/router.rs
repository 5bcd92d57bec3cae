//! The app's router, mounted in headless Chromium.

#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use app::{ApiBase, App};
use leptos::{mount::mount_to, prelude::*};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element to mount into, so tests do not see each other's DOM.
fn fresh_root() -> web_sys::HtmlElement {
    let document = document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

fn go_to(path: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// Waits (by polling, up to 5 s) until `find` returns something.
async fn wait_for<T>(mut find: impl FnMut() -> Option<T>) -> T {
    for _ in 0..100 {
        if let Some(found) = find() {
            return found;
        }
        sleep(Duration::from_millis(50)).await;
    }
    panic!("condition not met within 5 s; page: {}", document().body().unwrap().inner_text());
}

async fn sleep(duration: Duration) {
    let promise = js_sys_promise_timeout(duration.as_millis() as i32);
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

fn js_sys_promise_timeout(ms: i32) -> js_sys::Promise {
    js_sys::Promise::new(&mut |resolve, _| {
        window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms).unwrap();
    })
}

fn heading(root: &web_sys::HtmlElement) -> Option<String> {
    root.query_selector("h1").unwrap().map(|h| h.text_content().unwrap())
}

#[wasm_bindgen_test]
async fn the_home_page_renders_its_heading_and_says_when_the_service_is_unreachable() {
    go_to("/");
    let root = fresh_root();
    // Port 9 (discard) refuses connections: the app must say so instead of spinning forever.
    let api = ApiBase("http://127.0.0.1:9".into());
    let _mounted = mount_to(root.clone(), move || view! { <App api=api.clone()/> });
    assert_eq!(wait_for(|| heading(&root)).await, "Activate your Guance Commercial Plan");
    let status = wait_for(|| {
        root.query_selector("[data-testid=backend-status]")
            .unwrap()
            .map(|e| e.text_content().unwrap())
    })
    .await;
    assert!(status.contains("The service cannot be reached"), "{status}");
    let retry = root.query_selector("[role=alert] button").unwrap().unwrap();
    assert_eq!(retry.text_content().unwrap(), "Try again");
}

#[wasm_bindgen_test]
async fn an_unknown_address_shows_the_not_found_page_with_a_way_home() {
    go_to("/no/such/page");
    let root = fresh_root();
    let _mounted = mount_to(root.clone(), || view! { <App/> });
    assert_eq!(wait_for(|| heading(&root)).await, "Page not found");
    let link = root.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page_and_sets_html_lang() {
    go_to("/no/such/page");
    let root = fresh_root();
    let _mounted = mount_to(root.clone(), || view! { <App/> });
    let zh = root
        .query_selector("button[lang=zh-CN]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    zh.click();
    let title = wait_for(|| heading(&root).filter(|h| h != "Page not found")).await;
    assert_eq!(title, "页面不存在");
    let html_lang = document().document_element().unwrap().get_attribute("lang");
    assert_eq!(html_lang.as_deref(), Some("zh-CN"));
    // Put English back for the other tests: the choice is remembered in localStorage.
    let en = root
        .query_selector("button[lang=en]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    en.click();
    wait_for(|| heading(&root).filter(|h| h == "Page not found")).await;
}
