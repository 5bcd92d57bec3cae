//! The account pages in headless Chromium: login, help, workspace home and Billing Center here;
//! already bound in `already_bound`. Without a backend (a refused port) for the network paths; with
//! `fetch` answered in the page (the fake backend of `bind/fake.rs`) for the backend's refusals and
//! successes.

#![cfg(target_arch = "wasm32")]

use browser_tests::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement};

wasm_bindgen_test_configure!(run_in_browser);

#[path = "account/already_bound.rs"]
mod already_bound;
// The browser tests' fake backend (shared with the bind and shell tests); these use a part.
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use fake::Fake;

// ---- find / act helpers ----

async fn shown(root: &Element, id: &str) -> HtmlElement {
    wait_for(id, || test_id(root, id).filter(is_shown)).await
}

fn link(root: &Element, text: &str) -> Option<HtmlElement> {
    by_text(root, "a", text)
}

fn page_text(root: &Element) -> String {
    root.text_content().unwrap_or_default()
}

const WORKSPACE_JSON: &str = r#"{"id":"ws-prod","name":"Production","site":"cn2","language":"en","settlement":{"kind":"cloud_account","marketplace":"aws","account":"1234****9012"},"state":"bound"}"#;

// ---- Login ----

#[wasm_bindgen_test]
async fn login_has_labelled_username_and_password_and_a_log_in_button() {
    clear_storage();
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Log in to Guance");
    let username = by_label(root, "Username").expect("Username is labelled");
    let password = by_label(root, "Password").expect("Password is labelled");
    assert_eq!(username.get_attribute("autocomplete").as_deref(), Some("username"));
    assert_eq!(password.get_attribute("type").as_deref(), Some("password"));
    assert_eq!(password.get_attribute("autocomplete").as_deref(), Some("current-password"));
    assert!(button(root, "Log in").is_some());
    assert!(!is_shown(&test_id(root, "error-summary").unwrap()), "no error before a submit");
}

#[wasm_bindgen_test]
async fn log_in_with_nothing_typed_flags_both_fields_and_fixing_them_clears_the_errors() {
    clear_storage();
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    button(root, "Log in").unwrap().click();
    let summary = shown(root, "error-summary").await;
    assert!(page_text(&summary).contains("Username"), "{}", page_text(&summary));
    let username = by_label(root, "Username").unwrap();
    let password = by_label(root, "Password").unwrap();
    assert!(is_invalid(&username) && is_invalid(&password));

    type_into(&username, "demo");
    wait_for("username valid", || (!is_invalid(&username)).then_some(())).await;
    assert!(is_invalid(&password), "the password is still missing");
    type_into(&password, "secret-pass");
    wait_for("password valid", || (!is_invalid(&password)).then_some(())).await;
    wait_for("summary hidden", || (!is_shown(&summary)).then_some(())).await;
}

#[wasm_bindgen_test]
async fn a_refused_network_offers_try_again_and_keeps_what_was_typed() {
    clear_storage();
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    type_into(&by_label(root, "Username").unwrap(), "demo");
    type_into(&by_label(root, "Password").unwrap(), "secret-pass");
    button(root, "Log in").unwrap().click();
    let failure = shown(root, "failure").await;
    assert!(page_text(&failure).contains("could not be reached"), "{}", page_text(&failure));
    assert!(button(&failure, "Try again").is_some());
    assert_eq!(value_of(&by_label(root, "Username").unwrap()), "demo");
    assert_eq!(value_of(&by_label(root, "Password").unwrap()), "secret-pass");
    assert_eq!(pathname(), "/login");
}

#[wasm_bindgen_test]
async fn log_in_is_disabled_with_progress_while_it_runs_and_a_double_click_sends_once() {
    clear_storage();
    let fake = Fake::answering(&[("POST /api/v1/login", 0, "")]);
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    type_into(&by_label(root, "Username").unwrap(), "demo");
    type_into(&by_label(root, "Password").unwrap(), "secret-pass");
    let log_in = button(root, "Log in").unwrap();
    log_in.click();
    log_in.click();
    busy(&log_in).await;
    assert_eq!(fake.count("POST /api/v1/login"), 1);
}

#[wasm_bindgen_test]
async fn wrong_credentials_and_too_many_attempts_are_said_without_try_again() {
    let refusals = [
        (401, r#"{"code":"bad_credentials"}"#, "username or password is not right"),
        (429, r#"{"code":"rate_limited","retry_after_secs":120}"#, "Try again in 2 min"),
    ];
    for (status, body, said) in refusals {
        clear_storage();
        let _fake = Fake::answering(&[("POST /api/v1/login", status, body)]);
        let page = mount_app("/login", REFUSED);
        let root = &page.root;
        wait_for("heading", || heading(root)).await;
        type_into(&by_label(root, "Username").unwrap(), "demo");
        type_into(&by_label(root, "Password").unwrap(), "wrong-pass");
        button(root, "Log in").unwrap().click();
        let failure = shown(root, "failure").await;
        assert!(page_text(&failure).contains(said), "{}", page_text(&failure));
        assert!(button(&failure, "Try again").is_none(), "sending the same again cannot help");
        assert_eq!(value_of(&by_label(root, "Password").unwrap()), "wrong-pass");
    }
}

#[wasm_bindgen_test]
async fn logging_in_leads_to_the_workspace_home_with_its_datakit_command() {
    clear_storage();
    let home = format!(
        r#"{{"username":"demo","workspace":{WORKSPACE_JSON},"install_command":"DK_DATAWAY=https://example bash -c install.sh"}}"#
    );
    let _fake = Fake::answering(&[
        ("POST /api/v1/login", 200, r#"{"username":"demo"}"#),
        ("GET /api/v1/workspace", 200, &home),
    ]);
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    type_into(&by_label(root, "Username").unwrap(), "demo");
    type_into(&by_label(root, "Password").unwrap(), "secret-pass");
    button(root, "Log in").unwrap().click();
    let command = shown(root, "install-command").await;
    assert_eq!(pathname(), "/workspace");
    assert_eq!(heading(root).as_deref(), Some("Workspace home"));
    assert!(page_text(&command).starts_with("DK_DATAWAY="));
    let text = page_text(root);
    for expected in ["demo", "Production", "China 2 (Ningxia)", "AWS account 1234****9012"] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    assert!(text.contains("Start by installing DataKit"));
    assert!(button(root, "Log out").is_some());
}

#[wasm_bindgen_test]
async fn the_login_page_speaks_chinese_after_the_switch() {
    clear_storage();
    let page = mount_app("/login", REFUSED);
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    let zh: HtmlElement =
        root.query_selector("button[lang=zh-CN]").unwrap().unwrap().unchecked_into();
    zh.click();
    wait_for("Chinese heading", || heading(root).filter(|h| h == "登录观测云")).await;
    assert!(by_label(root, "用户名").is_some() && by_label(root, "密码").is_some());
    assert!(button(root, "登录").is_some());
    let en: HtmlElement = root.query_selector("button[lang=en]").unwrap().unwrap().unchecked_into();
    en.click();
    wait_for("English heading", || heading(root).filter(|h| h == "Log in to Guance")).await;
}

// ---- Help ----

#[wasm_bindgen_test]
async fn every_help_topic_lists_its_steps_and_links_back_to_activation() {
    clear_storage();
    let topics = [
        ("aliyun-account-id", "How to find your Alibaba Cloud account ID", "16-digit"),
        ("aliyun-instance-id", "How to find your Alibaba product instance ID", "Instance ID"),
        ("huawei-account-id", "How to find your Huawei Cloud account ID", "My Credentials"),
        (
            "huawei-instance-id",
            "How to find your Huawei Cloud instance ID",
            "Application Information",
        ),
    ];
    for (topic, title, mentioned) in topics {
        let page = mount_app(&format!("/help/{topic}"), REFUSED);
        let root = &page.root;
        assert_eq!(wait_for(title, || heading(root)).await, title);
        let steps = test_id(root, "help-steps").unwrap();
        assert_eq!(steps.query_selector_all("li").unwrap().length(), 3, "{topic}");
        assert!(page_text(&steps).contains(mentioned), "{topic}: {}", page_text(&steps));
        let back = link(root, "Back to activation").expect("a link back");
        assert_eq!(back.get_attribute("href").as_deref(), Some("/activate"));
    }
}

#[wasm_bindgen_test]
async fn an_unknown_help_topic_is_not_found() {
    clear_storage();
    let page = mount_app("/help/no-such-topic", REFUSED);
    assert_eq!(wait_for("heading", || heading(&page.root)).await, "Page not found");
}

// ---- Workspace home, Billing Center ----

#[wasm_bindgen_test]
async fn the_workspace_switcher_lists_every_workspace_the_one_just_bound_first() {
    clear_storage();
    let staging = r#"{"id":"ws-stage","name":"Staging","site":"us1","language":"zh","settlement":{"kind":"billing_center"},"state":"bound"}"#;
    let home = format!(
        r#"{{"username":"demo","workspace":{staging},"install_command":"DK_DATAWAY=https://us1 install",
        "workspaces":[{{"workspace":{staging},"install_command":"DK_DATAWAY=https://us1 install"}},
        {{"workspace":{WORKSPACE_JSON},"install_command":"DK_DATAWAY=https://cn2 install"}}]}}"#
    );
    let _fake = Fake::answering(&[("GET /api/v1/workspace", 200, &home)]);
    let page = mount_app("/workspace", REFUSED);
    let root = &page.root;
    let command = shown(root, "install-command").await;
    let switcher = by_label(root, "Workspace").expect("a Workspace switcher labelled so");
    let options: Vec<String> = (0..2)
        .map(|i| {
            let option = switcher.query_selector_all("option").unwrap().item(i).unwrap();
            option.text_content().unwrap()
        })
        .collect();
    assert_eq!(options, ["Staging", "Production"]);
    assert_eq!(page_text(&test_id(root, "workspace-name").unwrap()), "Staging");
    assert!(page_text(&command).contains("us1"));
    fake::choose(&switcher, "1");
    wait_for("switched", || {
        test_id(root, "workspace-name").filter(|n| page_text(n) == "Production")
    })
    .await;
    let command: Element = shown(root, "install-command").await.into();
    assert!(page_text(&command).contains("cn2"));
    assert!(page_text(root).contains("China 2 (Ningxia)"));
}

#[wasm_bindgen_test]
async fn one_workspace_needs_no_switcher() {
    clear_storage();
    let home = format!(
        r#"{{"username":"demo","workspace":{WORKSPACE_JSON},"install_command":"DK_DATAWAY=https://cn2 install"}}"#
    );
    let _fake = Fake::answering(&[("GET /api/v1/workspace", 200, &home)]);
    let page = mount_app("/workspace", REFUSED);
    let root = &page.root;
    shown(root, "install-command").await;
    assert!(test_id(root, "workspace-switcher").is_none());
    assert_eq!(page_text(&test_id(root, "workspace-name").unwrap()), "Production");
}

#[wasm_bindgen_test]
async fn the_workspace_home_without_a_backend_offers_try_again() {
    clear_storage();
    let fake = Fake::answering(&[]);
    let page = mount_app("/workspace", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Workspace home");
    let failure = shown(root, "failure").await;
    assert_eq!(fake.count("GET /api/v1/workspace"), 1);
    button(&failure, "Try again").expect("Try again").click();
    wait_for("a second request", || (fake.count("GET /api/v1/workspace") == 2).then_some(())).await;
    // Still no backend: it says so again.
    shown(root, "failure").await;
}

#[wasm_bindgen_test]
async fn the_workspace_home_signed_out_links_to_login() {
    clear_storage();
    let _fake = Fake::answering(&[("GET /api/v1/workspace", 401, r#"{"code":"unauthorized"}"#)]);
    let page = mount_app("/workspace", REFUSED);
    let root = &page.root;
    let failure = shown(root, "failure").await;
    assert!(page_text(&failure).contains("Please log in first."));
    assert!(button(&failure, "Try again").is_none());
    let log_in = link(root, "Log in").expect("a login link");
    assert_eq!(log_in.get_attribute("href").as_deref(), Some("/login"));
}

#[wasm_bindgen_test]
async fn billing_login_and_workspace_management() {
    clear_storage();
    let page = mount_app("/billing", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Log in to the Billing Center");
    assert!(by_label(root, "Username").is_some() && by_label(root, "Password").is_some());
    drop(page);

    let list = format!(r#"{{"workspaces":[{WORKSPACE_JSON}]}}"#);
    let _fake = Fake::answering(&[("GET /api/v1/billing/workspaces", 200, &list)]);
    let page = mount_app("/billing/workspaces", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Workspace management");
    let row = shown(root, "workspace-row").await;
    assert!(page_text(&row).contains("Production"));
    assert!(page_text(&row).contains("AWS account 1234****9012"), "{}", page_text(&row));
    assert!(button(root, "Log out").is_some());
}

#[wasm_bindgen_test]
async fn billing_workspaces_signed_out_links_to_the_billing_login() {
    clear_storage();
    let _fake =
        Fake::answering(&[("GET /api/v1/billing/workspaces", 401, r#"{"code":"unauthorized"}"#)]);
    let page = mount_app("/billing/workspaces", REFUSED);
    let root = &page.root;
    shown(root, "failure").await;
    let log_in = link(root, "Log in").expect("a login link");
    assert_eq!(log_in.get_attribute("href").as_deref(), Some("/billing"));
}
