//! The bind path's screens in headless Chromium: the Billing Center account and its Send code here;
//! the workspace list, its dialog and Done in `workspaces`; create workspace (tabs, fields per tab)
//! in `create`. Where a test needs answers, `window.fetch` is replaced by a small fake backend (see
//! `fake`).

#![cfg(target_arch = "wasm32")]

#[path = "bind/create.rs"]
mod create;
// `Fake::answering` is for the account pages' tests.
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;
#[path = "bind/workspaces.rs"]
mod workspaces;

use std::sync::{Arc, Mutex};

use activation_core::{api::SessionContext, flow::Progress};
use app::{i18n::text, pages, state::ActivationCtx};
use browser_tests::*;
use fake::Fake;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::HtmlButtonElement;

wasm_bindgen_test_configure!(run_in_browser);

fn session(workspaces_bound: u32) -> SessionContext {
    let progress =
        Progress { account_bound: workspaces_bound > 0, workspaces_bound, ..Progress::default() };
    session_of(aws(), progress)
}

/// A mounted page whose reactive owner is cleaned up when dropped. Dropping the mount handle alone
/// leaves the router's window listeners behind, and a stale router would take the next test's link
/// clicks.
struct Page {
    mounted: Mounted,
    owner: Owner,
}

impl std::ops::Deref for Page {
    type Target = Mounted;
    fn deref(&self) -> &Mounted {
        &self.mounted
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        self.owner.cleanup();
    }
}

/// Mounts `page` at `path` and hands back the activation context it sees.
fn mount<V: IntoView + 'static>(
    path: &str,
    workspaces_bound: u32,
    page: impl Fn() -> V + Send + Sync + 'static,
) -> (Page, ActivationCtx) {
    let slot = Arc::new(Mutex::new(None));
    let seen = slot.clone();
    let owner = Owner::new();
    let mounted = owner.with(|| {
        mount_page(path, REFUSED, Some(session(workspaces_bound)), move || {
            *seen.lock().unwrap() = Some(expect_context::<ActivationCtx>());
            page()
        })
    });
    let ctx = slot.lock().unwrap().expect("the page was rendered");
    (Page { mounted, owner }, ctx)
}

/// Waits until the page settled: its heading took focus (as it does once the page's effects ran).
async fn ready(root: &web_sys::Element) {
    wait_for("heading focused", || {
        let h1 = root.query_selector("h1").ok()??;
        (document().active_element()? == h1).then_some(())
    })
    .await;
}

fn bind_account() -> (Page, ActivationCtx) {
    mount("/activate/bind/account", 0, || view! { <pages::BindAccount/> })
}

fn bind_workspaces(workspaces_bound: u32) -> (Page, ActivationCtx) {
    mount("/activate/bind/workspaces", workspaces_bound, || view! { <pages::BindWorkspaces/> })
}

fn is_disabled(button: &web_sys::HtmlElement) -> bool {
    button.unchecked_ref::<HtmlButtonElement>().disabled()
}

fn rows(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all("[data-testid=workspace-row]").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn row(root: &web_sys::Element, name: &str) -> Option<web_sys::HtmlElement> {
    rows(root).into_iter().find(|r| by_text(r, "h2", name).is_some())
}

fn focused_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

// ---- Bind: Billing Center account ----

#[wasm_bindgen_test]
async fn bind_account_has_its_labelled_fields_and_buttons() {
    clear_storage();
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    assert_eq!(wait_for("heading", || heading(root)).await, text::BIND_ACCOUNT_TITLE.en);
    assert!(root.inner_text().contains(text::BIND_ACCOUNT_INTRO.en));
    for label in ["Username", "Verification code"] {
        assert!(by_label(root, label).is_some(), "no control labelled {label}");
    }
    assert!(button(root, "Send code").is_some());
    assert!(button(root, "Bind").is_some());
    let back = by_text(root, "a", "Back").unwrap();
    assert_eq!(back.get_attribute("href").as_deref(), Some("/activate/choose"));
    let current = root.query_selector("[aria-current=step]").unwrap().unwrap();
    assert!(current.text_content().unwrap().contains("Billing Center account"));
}

#[wasm_bindgen_test]
async fn bind_with_empty_fields_flags_both_and_a_fix_clears_only_its_own() {
    clear_storage();
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    wait_for("bind", || button(root, "Bind")).await.click();
    let summary = wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    assert_eq!(document().active_element().as_ref(), Some(summary.unchecked_ref()));
    let username = by_label(root, "Username").unwrap();
    let code = by_label(root, "Verification code").unwrap();
    assert!(is_invalid(&username) && is_invalid(&code));
    let listed = summary.inner_text();
    assert!(listed.contains("Username:") && listed.contains("Verification code:"), "{listed}");
    type_into(&username, "alice");
    wait_for("username fixed", || (!is_invalid(&username)).then_some(())).await;
    assert!(is_invalid(&code), "the code's error stays");
}

#[wasm_bindgen_test]
async fn send_code_asks_for_a_valid_username_then_names_the_masked_email() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("al***@example.com"));
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    wait_for("send code", || button(root, "Send code")).await.click();
    let username =
        wait_for("username error", || by_label(root, "Username").filter(is_invalid)).await;
    assert!(fake.calls().is_empty(), "no code is asked for an invalid username");
    type_into(&username, "alice");
    button(root, "Send code").unwrap().click();
    wait_for("sent", || {
        root.inner_text().contains("A 6-digit code was sent to al***@example.com").then_some(())
    })
    .await;
    assert_eq!(fake.calls(), ["POST /api/v1/codes"]);
    assert!(fake.bodies()[0].contains(r#""purpose":"bind_account""#), "{:?}", fake.bodies());
}

#[wasm_bindgen_test]
async fn a_failed_send_code_says_so_at_the_button_and_try_again_sends_the_code_not_the_step() {
    clear_storage();
    let fake = Fake::install(0);
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    type_into(&by_label(root, "Username").unwrap(), "alice");
    button(root, "Send code").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    let send = button(root, "Send code").unwrap();
    let code_field = by_label(root, "Verification code").unwrap().parent_element().unwrap();
    assert!(code_field.contains(Some(&failure)), "the failure is shown at the Send code button");
    assert!(!send.has_attribute("disabled"), "no countdown after a failed send");
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("al***@example.com"));
    button(&failure, "Try again").expect("Try again").click();
    wait_for("sent", || {
        root.inner_text().contains("A 6-digit code was sent to al***@example.com").then_some(())
    })
    .await;
    assert!(test_id(root, "failure").is_none(), "the failure is gone once the code is sent");
    let calls = fake.calls();
    assert_eq!(calls, ["POST /api/v1/codes", "POST /api/v1/codes"], "no Bind was sent");
}

#[wasm_bindgen_test]
async fn a_send_code_failure_goes_when_the_address_changes_and_the_code_goes_to_the_new_one() {
    clear_storage();
    let fake = Fake::install(0);
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    let username = by_label(root, "Username").unwrap();
    type_into(&username, "alice");
    button(root, "Send code").unwrap().click();
    wait_for("failure", || test_id(root, "failure")).await;
    type_into(&username, "bob_smith");
    wait_for("the failure gone", || test_id(root, "failure").is_none().then_some(())).await;
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("bo***@example.com"));
    button(root, "Send code").unwrap().click();
    wait_for("sent", || root.inner_text().contains("bo***@example.com").then_some(())).await;
    let bodies = fake.bodies();
    assert!(bodies.last().is_some_and(|b| b.contains(r#""username":"bob_smith""#)), "{bodies:?}");
}

#[wasm_bindgen_test]
async fn the_hourly_code_limit_is_said_at_the_button_with_the_wait_and_no_try_again() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("POST /api/v1/codes", 429, r#"{"code":"rate_limited","retry_after_secs":1800}"#);
    let (page, _) = bind_account();
    let root = &page.root;
    ready(root).await;
    type_into(&by_label(root, "Username").unwrap(), "alice");
    button(root, "Send code").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("Try again in 30 min"), "{}", failure.inner_text());
    assert!(button(&failure, "Try again").is_none(), "pressing again within the hour cannot help");
}

#[wasm_bindgen_test]
async fn a_refused_bind_offers_try_again_and_keeps_what_was_typed() {
    clear_storage();
    let (page, ctx) = bind_account();
    let root = &page.root;
    ready(root).await;
    let username = wait_for("form", || by_label(root, "Username")).await;
    type_into(&username, "alice");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    button(root, "Bind").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    assert!(button(root, "Try again").is_some());
    assert_eq!(value_of(&username), "alice");
    assert_eq!(value_of(&by_label(root, "Verification code").unwrap()), "123456");
    assert!(!ctx.get_untracked().progress.account_bound);
}

#[wasm_bindgen_test]
async fn a_bound_account_is_recorded_and_leads_to_the_workspace_list() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(
        "POST /api/v1/bind/account",
        200,
        &fake::moved(
            r#"{"billing_account":"alice","workspaces":[]}"#,
            fake::bind_progress(0, false),
        ),
    );
    let (page, ctx) = bind_account();
    let root = &page.root;
    ready(root).await;
    type_into(&wait_for("form", || by_label(root, "Username")).await, "alice");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    button(root, "Bind").unwrap().click();
    wait_for("navigated", || (pathname() == "/activate/bind/workspaces").then_some(())).await;
    let session = ctx.get_untracked();
    assert!(session.progress.account_bound);
    assert_eq!(session.billing_account.as_deref(), Some("alice"));
}

// ---- Bind: workspaces ----

#[wasm_bindgen_test]
async fn bind_is_busy_while_it_runs_sends_once_and_a_wrong_code_is_said_at_the_code() {
    clear_storage();
    let fake = Fake::install(300);
    fake.route("POST /api/v1/bind/account", 422, r#"{"code":"code_wrong","tries_left":4}"#);
    let (page, ctx) = bind_account();
    let root = &page.root;
    ready(root).await;
    type_into(&wait_for("form", || by_label(root, "Username")).await, "alice");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    let bind = button(root, "Bind").unwrap();
    bind.click();
    bind.click();
    busy(&bind).await;
    let code =
        wait_for("code flagged", || by_label(root, "Verification code").filter(is_invalid)).await;
    assert!(root.inner_text().contains("4 tries left"), "{}", root.inner_text());
    assert!(!is_invalid(&by_label(root, "Username").unwrap()));
    assert_eq!(value_of(&code), "123456");
    assert_eq!(fake.calls().iter().filter(|c| *c == "POST /api/v1/bind/account").count(), 1);
    assert!(!ctx.get_untracked().progress.account_bound);
    assert_eq!(pathname(), "/activate/bind/account");
}

#[wasm_bindgen_test]
async fn an_expired_code_is_one_summary_item_with_its_bullet_beside_its_first_line() {
    clear_storage();
    // The app's own stylesheet, as the served page has it: the summary's look is the CSS's.
    struct Styled(web_sys::Element);
    impl Drop for Styled {
        // Gone even when an assertion fails, so the next tests run without it.
        fn drop(&mut self) {
            self.0.remove();
        }
    }
    let style = document().create_element("style").unwrap();
    style.set_text_content(Some(include_str!("../../style/main.css")));
    document().head().unwrap().append_child(&style).unwrap();
    let _style = Styled(style);
    let fake = Fake::install(0);
    fake.route("POST /api/v1/bind/account", 422, r#"{"code":"code_expired"}"#);
    let (page, _ctx) = bind_account();
    let root = &page.root;
    root.set_attribute("style", "width: 320px").unwrap();
    ready(root).await;
    type_into(&wait_for("form", || by_label(root, "Username")).await, "alice");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    button(root, "Bind").unwrap().click();
    let summary = wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    let items = summary.query_selector_all("li").unwrap();
    assert_eq!(items.length(), 1, "{}", summary.inner_text());
    let link = summary.query_selector("li a").unwrap().unwrap();
    assert!(link.text_content().unwrap().contains("has expired"));
    // The message wraps at this width; as an inline-block the link's lines sat beside the bullet's
    // baseline (its last line), so its first lines read as an item of their own without a bullet.
    let height = link.get_bounding_client_rect().height();
    assert!(height > 40.0, "the message should wrap here ({height} px)");
    let display =
        window().get_computed_style(&link).unwrap().unwrap().get_property_value("display");
    assert_eq!(display.unwrap(), "block");
}
