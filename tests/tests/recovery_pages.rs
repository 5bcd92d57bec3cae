//! Forgot password? and Forgot username? in headless Chromium: reached from both logins and from
//! Already bound; `fetch` answered in the page by the fake backend of `bind/fake.rs`.

#![cfg(target_arch = "wasm32")]

// The browser tests' fake backend (shared with the bind and account tests); these use a part.
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use activation_core::{
    api::{BoundSummary, SessionContext},
    domain::Site,
    flow::Progress,
};
use app::pages::AlreadyBound;
use browser_tests::*;
use fake::Fake;
use leptos::prelude::*;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

fn link(root: &Element, text: &str) -> Option<HtmlElement> {
    by_text(root, "a", text)
}

fn href(link: &HtmlElement) -> String {
    link.get_attribute("href").unwrap_or_default()
}

fn page_text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

const SENT: &str = r#"{"sent_to":"de***@example.com","resend_after_secs":60,"valid_for_secs":600}"#;
const HOME: &str = r#"{"username":"demo_billing","workspace":{"id":"ws-prod","name":"Production","site":"cn2","language":"en","settlement":{"kind":"billing_center"},"state":"bound"},"install_command":"DK_DATAWAY=https://example install"}"#;

#[wasm_bindgen_test]
async fn both_logins_offer_forgot_password_and_forgot_username() {
    clear_storage();
    for (login, password, username) in [
        ("/login", "/login/forgot-password", "/login/forgot-username"),
        ("/billing", "/billing/forgot-password", "/billing/forgot-username"),
    ] {
        let page = mount_app(login, REFUSED);
        let root = &page.root;
        wait_for("heading", || heading(root)).await;
        let forgot_password = link(root, "Forgot password?").expect("Forgot password?");
        assert_eq!(href(&forgot_password), password);
        assert_eq!(href(&link(root, "Forgot username?").expect("Forgot username?")), username);
        forgot_password.click();
        let title =
            wait_for("recovery page", || heading(root).filter(|h| h.starts_with("Reset your")))
                .await;
        assert_eq!(pathname(), password, "{title}");
        assert!(by_label(root, "Username or email").is_some());
    }
}

#[wasm_bindgen_test]
async fn forgot_password_sends_the_code_to_the_masked_email_and_signs_in_with_the_new_password() {
    clear_storage();
    let fake = Fake::answering(&[
        ("POST /api/v1/recovery/code", 200, SENT),
        ("POST /api/v1/recovery/password", 200, r#"{"username":"demo_billing"}"#),
        ("GET /api/v1/workspace", 200, HOME),
    ]);
    let page = mount_app("/login/forgot-password", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Reset your password");
    type_into(&by_label(root, "Username or email").unwrap(), "demo_billing");
    button(root, "Send code").unwrap().click();
    wait_for("sent to", || page_text(root).contains("de***@example.com").then_some(())).await;
    assert!(button(root, "Send code").is_none(), "the button counts down");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    type_into(&by_label(root, "New password").unwrap(), "Quiet-Meadow-77");
    type_into(&by_label(root, "Confirm new password").unwrap(), "Quiet-Meadow-77");
    button(root, "Set password and log in").unwrap().click();
    wait_for("signed in", || (pathname() == "/workspace").then_some(())).await;
    let bodies = fake.bodies().join("\n");
    assert!(bodies.contains(r#""account":"console""#), "{bodies}");
    assert!(bodies.contains(r#""username_or_email":"demo_billing""#), "{bodies}");
}

#[wasm_bindgen_test]
async fn a_new_password_that_is_the_name_typed_is_flagged_and_nothing_is_sent() {
    clear_storage();
    let fake = Fake::answering(&[]);
    let page = mount_app("/login/forgot-password", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    type_into(&by_label(root, "Username or email").unwrap(), "demo_billing");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    type_into(&by_label(root, "New password").unwrap(), "demo_billing");
    type_into(&by_label(root, "Confirm new password").unwrap(), "demo_billing");
    button(root, "Set password and log in").unwrap().click();
    let summary = wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    assert!(is_invalid(&by_label(root, "New password").unwrap()));
    assert_eq!(summary.query_selector_all("li").unwrap().length(), 1, "{}", page_text(&summary));
    assert_eq!(fake.count("POST /api/v1/recovery/password"), 0);
    assert_eq!(value_of(&by_label(root, "Username or email").unwrap()), "demo_billing");
}

#[wasm_bindgen_test]
async fn an_unknown_account_is_said_at_username_or_email() {
    clear_storage();
    let _fake =
        Fake::answering(&[("POST /api/v1/recovery/code", 404, r#"{"code":"unknown_account"}"#)]);
    let page = mount_app("/billing/forgot-password", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Reset your Billing Center password");
    type_into(&by_label(root, "Username or email").unwrap(), "nobody@example.com");
    button(root, "Send code").unwrap().click();
    let name = wait_for("flagged", || by_label(root, "Username or email").filter(is_invalid)).await;
    assert!(page_text(root).contains("No account uses this username or email"));
    assert_eq!(value_of(&name), "nobody@example.com");
}

#[wasm_bindgen_test]
async fn forgot_username_says_the_same_for_any_address() {
    clear_storage();
    let fake = Fake::answering(&[(
        "POST /api/v1/recovery/username",
        200,
        r#"{"sent_to":"no***@example.com"}"#,
    )]);
    let page = mount_app("/login/forgot-username", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Find your username");
    type_into(&by_label(root, "Email").unwrap(), "nobody@example.com");
    button(root, "Email my username").unwrap().click();
    let said = wait_for("said", || test_id(root, "username-mailed").filter(is_shown)).await;
    assert_eq!(
        page_text(&said),
        "If an account uses this address, we mailed its username to no***@example.com."
    );
    assert!(fake.bodies().join("\n").contains(r#""email":"nobody@example.com""#));
    assert_eq!(href(&link(root, "Back to login").unwrap()), "/login");
}

#[wasm_bindgen_test]
async fn already_bound_leads_to_forgot_password_and_forgot_username() {
    clear_storage();
    let identity = aws();
    let session = SessionContext {
        sites: Site::ALL.to_vec(),
        default_site: Site::Cn2,
        progress: Progress { already_bound: true, ..Progress::default() },
        already_bound: Some(BoundSummary { billing_account: "de***er".into(), workspaces: vec![] }),
        ..session_of(identity, Progress::default())
    };
    let page = mount_page("/activate/bound-already", REFUSED, Some(session), || {
        view! { <AlreadyBound/> }
    });
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    assert_eq!(href(&link(root, "Forgot password?").unwrap()), "/login/forgot-password");
    assert_eq!(href(&link(root, "Forgot username?").unwrap()), "/login/forgot-username");
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_name_typed_but_not_the_code_or_the_passwords() {
    clear_storage();
    let _fake = Fake::answering(&[]);
    {
        let page = mount_app("/login/forgot-password", REFUSED);
        let root = &page.root;
        wait_for("heading", || heading(root)).await;
        type_into(&by_label(root, "Username or email").unwrap(), "demo_billing");
        type_into(&by_label(root, "Verification code").unwrap(), "123456");
        type_into(&by_label(root, "New password").unwrap(), "Quiet-Meadow-77");
        // What is typed is kept once the page's effects have run.
        sleep(std::time::Duration::from_millis(50)).await;
    }
    let page = mount_app("/login/forgot-password", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    let name = by_label(root, "Username or email").unwrap();
    wait_for("the name typed", || (value_of(&name) == "demo_billing").then_some(())).await;
    assert_eq!(value_of(&by_label(root, "Verification code").unwrap()), "");
    assert_eq!(value_of(&by_label(root, "New password").unwrap()), "");
}
