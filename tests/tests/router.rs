//! The app's routes (leptos_router), mounted in headless Chromium: screens by address, links
//! followed in the page, Back, and the links it must leave to the browser.

#![cfg(target_arch = "wasm32")]

use std::{cell::Cell, rc::Rc};

use app::i18n::text;
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, closure::Closure};
use wasm_bindgen_test::*;
use web_sys::{HtmlElement, MouseEvent, MouseEventInit};

wasm_bindgen_test_configure!(run_in_browser);

/// A link added to the page, for clicks the app's own screens do not offer.
fn add_link(root: &HtmlElement, href: &str, attributes: &[(&str, &str)]) -> HtmlElement {
    let link = document().create_element("a").unwrap();
    link.set_attribute("href", href).unwrap();
    for (name, value) in attributes {
        link.set_attribute(name, value).unwrap();
    }
    link.set_text_content(Some("test link"));
    root.append_child(&link).unwrap();
    link.unchecked_into()
}

/// Clicks `link` (with Ctrl held when `ctrl`) and says whether the router took the click over. A
/// listener after the router's records that and then stops the browser, so a click the router left
/// alone does not load another page over the tests.
fn router_took(link: &HtmlElement, ctrl: bool) -> bool {
    let prevented = Rc::new(Cell::new(None));
    let seen = prevented.clone();
    let after_router = Closure::<dyn Fn(MouseEvent)>::new(move |ev: MouseEvent| {
        seen.set(Some(ev.default_prevented()));
        ev.prevent_default();
    });
    let window = window();
    window
        .add_event_listener_with_callback("click", after_router.as_ref().unchecked_ref())
        .unwrap();
    let init = MouseEventInit::new();
    init.set_bubbles(true);
    init.set_cancelable(true);
    init.set_ctrl_key(ctrl);
    let click = MouseEvent::new_with_mouse_event_init_dict("click", &init).unwrap();
    link.dispatch_event(&click).unwrap();
    window
        .remove_event_listener_with_callback("click", after_router.as_ref().unchecked_ref())
        .unwrap();
    prevented.get().expect("the click reached the window")
}

#[wasm_bindgen_test]
async fn a_link_changes_the_screen_in_the_page_and_back_returns() {
    let page = mount_app("/", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("home", || heading(root)).await, text::HOME_TITLE.en);
    let history = window().history().unwrap();
    let entries = history.length().unwrap();
    by_text(root, "a", text::HOME_LOGIN_LINK.en).expect("the login link").click();
    assert_eq!(
        wait_for("login", || heading(root).filter(|h| h != text::HOME_TITLE.en)).await,
        text::LOGIN_TITLE.en
    );
    assert_eq!(pathname(), "/login");
    assert_eq!(history.length().unwrap(), entries + 1, "one history entry per link followed");
    history.back().unwrap();
    assert_eq!(
        wait_for("home again", || heading(root).filter(|h| h != text::LOGIN_TITLE.en)).await,
        text::HOME_TITLE.en
    );
    assert_eq!(pathname(), "/");
}

#[wasm_bindgen_test]
async fn links_for_the_browser_are_left_to_it() {
    let page = mount_app("/", REFUSED);
    let root = &page.root;
    wait_for("home", || heading(root)).await;
    for (href, attributes) in [
        ("/login", &[("target", "_blank")][..]),
        ("/login", &[("rel", "noopener external")][..]),
        ("/login", &[("download", "")][..]),
        ("https://example.com/login", &[][..]),
    ] {
        let link = add_link(root, href, attributes);
        assert!(!router_took(&link, false), "{href} {attributes:?} was taken over");
        assert_eq!(pathname(), "/", "{href} {attributes:?}");
    }
    let login = add_link(root, "/login", &[]);
    assert!(!router_took(&login, true), "a Ctrl-click (new tab) was taken over");
    assert_eq!(pathname(), "/");
    // The same link, clicked plainly, is the router's.
    assert!(router_took(&login, false));
    assert_eq!(
        wait_for("login", || heading(root).filter(|h| h != text::HOME_TITLE.en)).await,
        text::LOGIN_TITLE.en
    );
    assert_eq!(pathname(), "/login");
}

#[wasm_bindgen_test]
async fn the_home_page_renders_its_heading_and_says_when_the_service_is_unreachable() {
    // Port 9 (discard) refuses connections: the app must say so instead of spinning forever.
    let page = mount_app("/", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Activate your Guance Commercial Plan");
    let status = wait_for("backend status", || {
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
    let page = mount_app("/no/such/page", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Page not found");
    let link = root.query_selector("a").unwrap().unwrap();
    assert_eq!(link.get_attribute("href").as_deref(), Some("/"));
}

#[wasm_bindgen_test]
async fn the_language_switch_translates_the_page_and_sets_html_lang() {
    let page = mount_app("/no/such/page", REFUSED);
    let root = &page.root;
    let zh = root
        .query_selector("button[lang=zh-CN]")
        .unwrap()
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>();
    zh.click();
    let title = wait_for("Chinese", || heading(root).filter(|h| h != "Page not found")).await;
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
    wait_for("English", || heading(root).filter(|h| h == "Page not found")).await;
}
