//! The pages around the activation, in headless Chromium: the start page (the service check, its
//! Try again, the ways in), the Billing Center login and workspace management, logging out, and
//! the activation shell while it loads and when the session call fails. `window.fetch` is answered
//! by the fake backend of the bind tests.

#![cfg(target_arch = "wasm32")]

// Shared with bind_pages.rs, which uses all of it; these screens need only a part.
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use activation_core::flow::{Progress, Step};
use app::i18n::text;
use browser_tests::*;
use fake::Fake;
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

const WORKSPACE: &str = r#"{"id":"ws_000001","name":"Production","site":"cn2","language":"en","settlement":{"kind":"billing_center"},"state":"bound"}"#;

fn calls_to(fake: &Fake, call: &str) -> usize {
    fake.calls().iter().filter(|c| c.as_str() == call).count()
}

// ---- The start page ----

#[wasm_bindgen_test]
async fn the_start_page_links_to_both_logins_and_try_again_checks_the_service_again() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("GET /api/health", 503, r#"{"code":"unavailable"}"#);
    let page = mount_app("/", REFUSED);
    let root = &page.root;
    let status = wait_for("the service check", || test_id(root, "backend-status")).await;
    assert!(status.inner_text().contains(text::BACKEND_DOWN.en), "{}", status.inner_text());
    let login = by_text(root, "a", text::HOME_LOGIN_LINK.en).expect("a way to log in");
    assert_eq!(login.get_attribute("href"), Some(Step::Login.path()));
    let billing =
        by_text(root, "a", text::HOME_BILLING_LINK.en).expect("a way to the Billing Center");
    assert_eq!(billing.get_attribute("href").as_deref(), Some("/billing"));
    fake.route("GET /api/health", 200, r#"{"status":"ok","service":"server-mock","version":"1"}"#);
    button(&status, "Try again").expect("Try again").click();
    wait_for("the service reachable", || {
        test_id(root, "backend-status").filter(|s| s.inner_text().contains(text::BACKEND_OK.en))
    })
    .await;
    assert_eq!(calls_to(&fake, "GET /api/health"), 2);
}

// ---- Billing Center ----

async fn fill_login(root: &HtmlElement, password: &str) {
    type_into(&wait_for("form", || by_label(root, "Username")).await, "demo_billing");
    type_into(&by_label(root, "Password").unwrap(), password);
}

#[wasm_bindgen_test]
async fn the_billing_center_login_leads_to_workspace_management() {
    clear_storage();
    let fake = Fake::install(300);
    fake.route("POST /api/v1/billing/login", 200, r#"{"username":"demo_billing"}"#);
    fake.route(
        "GET /api/v1/billing/workspaces",
        200,
        &format!(r#"{{"workspaces":[{WORKSPACE}]}}"#),
    );
    let page = mount_app("/billing", REFUSED);
    let root = &page.root;
    fill_login(root, "Demo-Activation-2026").await;
    let log_in = button(root, "Log in").unwrap();
    log_in.click();
    log_in.click();
    busy(&log_in).await;
    wait_for("workspace management", || (pathname() == "/billing/workspaces").then_some(())).await;
    wait_for("the list", || test_id(root, "workspace-row")).await;
    assert_eq!(heading(root).as_deref(), Some(text::BILLING_WORKSPACES_TITLE.en));
    assert_eq!(calls_to(&fake, "POST /api/v1/billing/login"), 1);
    let body = fake.bodies().into_iter().next().unwrap_or_default();
    assert!(body.contains(r#""username":"demo_billing""#), "{body}");
}

#[wasm_bindgen_test]
async fn the_billing_center_login_names_empty_fields_and_wrong_credentials() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("POST /api/v1/billing/login", 401, r#"{"code":"bad_credentials"}"#);
    let page = mount_app("/billing", REFUSED);
    let root = &page.root;
    wait_for("form", || by_label(root, "Username")).await;
    button(root, "Log in").unwrap().click();
    wait_for("both flagged", || {
        let both =
            is_invalid(&by_label(root, "Username")?) && is_invalid(&by_label(root, "Password")?);
        both.then_some(())
    })
    .await;
    assert!(fake.calls().is_empty(), "nothing is sent with empty fields");
    fill_login(root, "Wrong-Password-1").await;
    wait_for("fixed", || by_label(root, "Username").filter(|u| !is_invalid(u))).await;
    button(root, "Log in").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("The username or password is not right."));
    assert!(button(&failure, "Try again").is_none());
    assert_eq!(value_of(&by_label(root, "Username").unwrap()), "demo_billing");
    assert_eq!(pathname(), "/billing");
}

#[wasm_bindgen_test]
async fn workspace_management_says_when_there_are_none_and_try_again_loads_the_list() {
    clear_storage();
    let fake = Fake::install(0);
    let page = mount_app("/billing/workspaces", REFUSED);
    let root = &page.root;
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    fake.route("GET /api/v1/billing/workspaces", 200, r#"{"workspaces":[]}"#);
    button(&failure, "Try again").expect("Try again").click();
    let none = wait_for("the empty list", || test_id(root, "no-workspaces")).await;
    assert_eq!(none.inner_text(), text::BILLING_NO_WORKSPACES.en);
    assert_eq!(calls_to(&fake, "GET /api/v1/billing/workspaces"), 2);
}

// ---- Logging out ----

fn home_json() -> String {
    format!(
        r#"{{"username":"demo","workspace":{WORKSPACE},"install_command":"DK_DATAWAY=https://example bash -c install.sh"}}"#
    )
}

#[wasm_bindgen_test]
async fn log_out_is_busy_while_it_runs_sends_once_and_goes_to_the_start() {
    clear_storage();
    let fake = Fake::install(300);
    fake.route("GET /api/v1/workspace", 200, &home_json());
    fake.route("POST /api/v1/logout", 204, "");
    let page = mount_app("/workspace", REFUSED);
    let root = &page.root;
    wait_for("the home", || test_id(root, "install-command")).await;
    let log_out = button(root, "Log out").unwrap();
    log_out.click();
    log_out.click();
    busy(&log_out).await;
    wait_for("the start page", || (pathname() == "/").then_some(())).await;
    assert_eq!(calls_to(&fake, "POST /api/v1/logout"), 1);
}

#[wasm_bindgen_test]
async fn a_failed_log_out_says_so_and_try_again_logs_out() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(
        "GET /api/v1/billing/workspaces",
        200,
        &format!(r#"{{"workspaces":[{WORKSPACE}]}}"#),
    );
    fake.route("POST /api/v1/logout", 503, r#"{"code":"unavailable"}"#);
    let page = mount_app("/billing/workspaces", REFUSED);
    let root = &page.root;
    wait_for("the list", || test_id(root, "workspace-row")).await;
    button(root, "Log out").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(
        failure.inner_text().contains("busy or unavailable right now"),
        "{}",
        failure.inner_text()
    );
    assert_eq!(pathname(), "/billing/workspaces", "still signed in, still here");
    fake.route("POST /api/v1/logout", 204, "");
    button(&failure, "Try again").expect("Try again").click();
    wait_for("the Billing Center login", || (pathname() == "/billing").then_some(())).await;
}

// ---- The activation shell ----

fn session() -> String {
    serde_json::to_string(&session_of(aws(), Progress::default())).unwrap()
}

#[wasm_bindgen_test]
async fn the_shell_says_it_is_looking_up_the_account_while_the_session_loads() {
    clear_storage();
    let fake = Fake::install(600);
    fake.route("GET /api/v1/session", 200, &session());
    let page = mount_app(&Step::RegisterBasic.path(), REFUSED);
    let root = &page.root;
    let card =
        wait_for("the loading card", || root.query_selector("section[aria-busy=true]").unwrap())
            .await;
    assert!(card.text_content().unwrap().contains(text::ARRIVAL_LOADING.en));
    assert_eq!(heading(root).as_deref(), Some(text::ARRIVAL_TITLE.en));
    let title =
        wait_for("the step", || heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)).await;
    assert_eq!(title, text::BASIC_TITLE.en);
    assert!(root.query_selector("[aria-busy=true]").unwrap().is_none(), "no card still busy");
}

#[wasm_bindgen_test]
async fn a_session_call_the_service_refuses_offers_try_again_which_resumes_the_step() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("GET /api/v1/session", 503, r#"{"code":"unavailable"}"#);
    let page = mount_app(&Step::RegisterBasic.path(), REFUSED);
    let root = &page.root;
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(
        failure.inner_text().contains("busy or unavailable right now"),
        "{}",
        failure.inner_text()
    );
    fake.route("GET /api/v1/session", 200, &session());
    button(&failure, "Try again").expect("Try again").click();
    let title = wait_for("the step", || heading(root).filter(|h| h == text::BASIC_TITLE.en)).await;
    assert_eq!(title, text::BASIC_TITLE.en);
    assert!(by_label(root, "Username").is_some());
}

#[wasm_bindgen_test]
async fn a_slow_answer_says_it_is_working_then_that_it_takes_longer_then_nothing() {
    clear_storage();
    let fake = Fake::install(4000);
    fake.route("POST /api/v1/billing/login", 200, r#"{"username":"demo_billing"}"#);
    fake.route("GET /api/v1/billing/workspaces", 200, r#"{"workspaces":[]}"#);
    let page = mount_app("/billing", REFUSED);
    let root = &page.root;
    fill_login(root, "Demo-Activation-2026").await;
    button(root, "Log in").unwrap().click();
    let note = || root.query_selector(".pending-note").unwrap().and_then(|n| n.text_content());
    wait_for("working", || note().filter(|n| n == text::WORKING.en)).await;
    wait_for("slow", || note().filter(|n| n == text::SLOW.en)).await;
    wait_for("answered", || (pathname() == "/billing/workspaces").then_some(())).await;
}
