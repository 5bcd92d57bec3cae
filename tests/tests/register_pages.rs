//! The register path's screens in headless Chromium: labels, errors and how they clear, failures that
//! keep what was typed, drafts that survive a reload, the marketplace-specific fields. Basic info,
//! Choose and the pages without a session here; Company info in `company`; the activation method
//! and the summary in `method`.

#![cfg(target_arch = "wasm32")]

#[path = "register/company.rs"]
mod company;
// Shared with bind_pages.rs, which uses all of it; the register screens need only a part.
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;
#[path = "register/member.rs"]
mod member;
#[path = "register/method.rs"]
mod method;

use activation_core::{api::SessionContext, domain::Identity, flow::Progress};
use app::{i18n::text, pages};
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session(identity: Identity) -> SessionContext {
    session_of(identity, Progress::default())
}

fn basic(identity: Identity) -> Mounted {
    mount_page("/activate/register/basic", REFUSED, Some(session(identity)), || {
        view! { <pages::RegisterBasic/> }
    })
}

/// Basic info as a user fills it in: every required field, valid.
const BASIC_FILLED: [(&str, &str); 5] = [
    ("Username", "alice"),
    ("Password", "Blue-Harbor-2041"),
    ("Confirm password", "Blue-Harbor-2041"),
    ("Email", "alice@example.com"),
    ("Verification code", "123456"),
];

fn fill_basic(root: &web_sys::HtmlElement) {
    for (label, value) in BASIC_FILLED {
        type_into(&by_label(root, label).unwrap(), value);
    }
}

/// The answer to a register step that was accepted, with `progress`.
fn accepted(progress: Progress) -> String {
    let accepted = activation_core::api::StepAccepted { progress, guance_account: None };
    serde_json::to_string(&accepted).unwrap()
}

const BASIC_LABELS: [&str; 7] =
    ["Site", "Username", "Password", "Confirm password", "Email", "Verification code", "Phone"];

#[wasm_bindgen_test]
async fn basic_info_has_every_labelled_field_and_its_buttons() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Basic info");
    for label in BASIC_LABELS {
        assert!(by_label(root, label).is_some(), "no control labelled {label}");
    }
    assert!(button(root, "Send code").is_some());
    assert!(button(root, "Next").is_some());
    assert!(root.inner_text().contains("(optional)"), "phone is marked optional");
    // AWS offers two sites, China 2 first.
    let site = by_label(root, "Site").unwrap();
    let options = site.query_selector_all("option").unwrap();
    assert_eq!(options.length(), 2);
    assert!(site.inner_text().contains("China 2 (Ningxia)"));
    assert!(site.inner_text().contains("Overseas 1 (Oregon)"));
    assert!(root.inner_text().contains("cannot be changed after registration"));
}

#[wasm_bindgen_test]
async fn nothing_is_flagged_while_typing_a_first_attempt() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    let username = wait_for("username", || by_label(root, "Username")).await;
    type_into(&username, "1x");
    sleep(std::time::Duration::from_millis(100)).await;
    assert!(!is_invalid(&username));
    assert!(!is_shown(&test_id(root, "error-summary").unwrap()));
}

#[wasm_bindgen_test]
async fn next_with_empty_fields_shows_the_summary_and_each_field_error() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    settled(root).await;
    button(root, "Next").unwrap().click();
    let summary = wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    assert_eq!(
        document().active_element().as_ref(),
        Some(summary.unchecked_ref::<web_sys::Element>())
    );
    for label in ["Username", "Password", "Confirm password", "Email", "Verification code"] {
        let control = by_label(root, label).unwrap();
        assert!(is_invalid(&control), "{label} is not marked invalid");
        let described = control.get_attribute("aria-describedby").unwrap_or_default();
        assert!(described.contains("-error"), "{label}: {described}");
    }
    assert!(!is_invalid(&by_label(root, "Phone").unwrap()), "phone is optional");
    let text = summary.inner_text();
    assert!(text.contains("Username: Enter a username."), "{text}");
    // Each summary entry links to its field.
    let link = by_text(root, "a", "Email: Enter an email address.").unwrap();
    link.click();
    assert_eq!(document().active_element().unwrap().id(), "field-email");
}

#[wasm_bindgen_test]
async fn a_fixed_field_clears_its_error_and_only_its_own() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    settled(root).await;
    button(root, "Next").unwrap().click();
    let username =
        wait_for("invalid username", || by_label(root, "Username").filter(is_invalid)).await;
    type_into(&username, "1abc");
    // Still wrong, differently: the message follows.
    let error = wait_for("new error", || {
        let line = root.query_selector("#field-username-error").unwrap()?;
        line.text_content().filter(|text| !text.contains("Enter a username"))
    })
    .await;
    assert!(error.contains("start with a letter"), "{error}");
    type_into(&username, "alice");
    wait_for("cleared", || (!is_invalid(&username)).then_some(())).await;
    assert!(root.query_selector("#field-username-error").unwrap().is_none());
    assert!(is_invalid(&by_label(root, "Email").unwrap()), "other errors stay");
}

#[wasm_bindgen_test]
async fn a_common_password_and_a_mismatch_are_named() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    let password = wait_for("password", || by_label(root, "Password")).await;
    type_into(&password, "password123");
    type_into(&by_label(root, "Confirm password").unwrap(), "password124");
    wait_for("strength hint", || root.inner_text().contains("Strength: weak").then_some(())).await;
    button(root, "Next").unwrap().click();
    let text =
        wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await.inner_text();
    assert!(text.contains("too common"), "{text}");
}

#[wasm_bindgen_test]
async fn a_network_failure_is_shown_with_try_again_and_keeps_what_was_typed() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    wait_for("form", || by_label(root, "Username")).await;
    fill_basic(root);
    button(root, "Next").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    assert!(button(root, "Try again").is_some());
    for (label, value) in BASIC_FILLED {
        assert_eq!(value_of(&by_label(root, label).unwrap()), value, "{label} lost");
    }
    assert!(
        !button(root, "Next").unwrap().unchecked_ref::<web_sys::HtmlButtonElement>().disabled()
    );
}

#[wasm_bindgen_test]
async fn send_code_checks_the_email_first() {
    clear_storage();
    let page = basic(aws());
    let root = &page.root;
    wait_for("send code", || button(root, "Send code")).await.click();
    let email = wait_for("email error", || by_label(root, "Email").filter(is_invalid)).await;
    type_into(&email, "alice@example.com");
    wait_for("email fixed", || (!is_invalid(&email)).then_some(())).await;
    button(root, "Send code").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"));
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_draft_but_not_passwords_or_codes() {
    clear_storage();
    {
        let page = basic(aws());
        let root = &page.root;
        wait_for("form", || by_label(root, "Username")).await;
        type_into(&by_label(root, "Username").unwrap(), "alice");
        type_into(&by_label(root, "Email").unwrap(), "alice@example.com");
        type_into(&by_label(root, "Password").unwrap(), "Blue-Harbor-2041");
        type_into(&by_label(root, "Verification code").unwrap(), "123456");
        let stored = wait_for("draft saved", || {
            let storage = window().session_storage().unwrap().unwrap();
            storage.get_item("activation.basic").unwrap().filter(|s| s.contains("alice"))
        })
        .await;
        assert!(!stored.contains("Blue-Harbor"), "a password was stored: {stored}");
    }
    let page = basic(aws());
    let root = &page.root;
    let username = wait_for("form", || by_label(root, "Username")).await;
    let restored =
        wait_for("restored", || Some(value_of(&username)).filter(|v| !v.is_empty())).await;
    assert_eq!(restored, "alice");
    assert_eq!(value_of(&by_label(root, "Email").unwrap()), "alice@example.com");
    assert_eq!(value_of(&by_label(root, "Password").unwrap()), "");
    assert_eq!(value_of(&by_label(root, "Verification code").unwrap()), "");
}

#[wasm_bindgen_test]
async fn choose_offers_both_ways_and_explains_the_billing_center() {
    clear_storage();
    let page = mount_page("/activate/choose", REFUSED, Some(session(aliyun())), || {
        view! { <pages::Choose/> }
    });
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    assert!(root.inner_text().contains("What is a Billing Center account?"));
    let register = by_text(root, "a .choice-title", "Register a new account").unwrap();
    let bind = by_text(root, "a .choice-title", "I have a Billing Center account").unwrap();
    let href =
        |e: &web_sys::HtmlElement| e.parent_element().unwrap().get_attribute("href").unwrap();
    assert_eq!(href(&register), "/activate/register/basic");
    assert_eq!(href(&bind), "/activate/bind/account");
}

/// The text of the elements `ids` (space-separated) names, joined as accessible names are.
fn text_of_ids(ids: &str) -> String {
    ids.split_whitespace()
        .filter_map(|id| document().get_element_by_id(id))
        .map(|e| e.text_content().unwrap_or_default().trim().to_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A link's accessible name: its `aria-labelledby` targets' text if any, else its own text.
fn accessible_name(link: &web_sys::Element) -> String {
    match link.get_attribute("aria-labelledby") {
        Some(ids) => text_of_ids(&ids),
        None => link.text_content().unwrap_or_default().trim().to_owned(),
    }
}

#[wasm_bindgen_test]
async fn choose_cards_are_named_by_their_title_and_described_by_their_detail() {
    clear_storage();
    let page = mount_page("/activate/choose", REFUSED, Some(session(aws())), || {
        view! { <pages::Choose/> }
    });
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    let links = root.query_selector_all(".choice a").unwrap();
    assert_eq!(links.length(), 2);
    let mut seen = Vec::new();
    for i in 0..links.length() {
        let link: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
        let described = link.get_attribute("aria-describedby").unwrap_or_default();
        seen.push((accessible_name(&link), text_of_ids(&described)));
    }
    assert_eq!(seen[0].0, "Register a new account");
    assert_eq!(seen[0].1, text::REGISTER_NEW_DETAIL.en);
    assert_eq!(seen[1].0, "I have a Billing Center account");
    assert_eq!(seen[1].1, text::HAVE_ACCOUNT_DETAIL.en);
    // The visible text of each link is its name (axe-core's label-content-name-mismatch).
    for i in 0..links.length() {
        let link: web_sys::Element = links.item(i).unwrap().dyn_into().unwrap();
        assert_eq!(link.text_content().unwrap().trim(), seen[i as usize].0);
    }
}

#[wasm_bindgen_test]
async fn each_token_problem_has_its_page_saying_what_to_do() {
    clear_storage();
    for (code, expected) in [
        ("missing", "No sign-in token came"),
        ("invalid", "not valid"),
        ("expired", "has expired"),
        ("used", "already used"),
    ] {
        let page = mount_app(&format!("/activate/error/{code}"), REFUSED);
        let root = &page.root;
        let problem = wait_for("problem", || test_id(root, "token-problem")).await;
        assert!(problem.inner_text().contains(expected), "{code}: {}", problem.inner_text());
        assert!(root.inner_text().contains(text::WAY_BACK_TITLE.en));
    }
}

#[wasm_bindgen_test]
async fn without_a_session_the_activation_pages_say_it_ended() {
    clear_storage();
    // A refused network is not "ended": it offers Try again.
    let page = mount_app("/activate/register/basic", REFUSED);
    let root = &page.root;
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"));
    assert!(button(root, "Try again").is_some());
}

#[wasm_bindgen_test]
async fn basic_info_names_a_taken_username_next_to_its_field() {
    clear_storage();
    let fake = fake::Fake::install(0);
    fake.route("POST /api/v1/register/basic", 409, r#"{"code":"username_taken"}"#);
    let page = basic(aws());
    let root = &page.root;
    wait_for("form", || by_label(root, "Username")).await;
    fill_basic(root);
    button(root, "Next").unwrap().click();
    let username = wait_for("taken", || by_label(root, "Username").filter(is_invalid)).await;
    assert!(root.inner_text().contains("is already registered"), "{}", root.inner_text());
    assert!(!is_invalid(&by_label(root, "Email").unwrap()), "only the username is wrong");
    assert_eq!(value_of(&username), "alice");
    assert_eq!(value_of(&by_label(root, "Password").unwrap()), "Blue-Harbor-2041");
}

#[wasm_bindgen_test]
async fn basic_info_next_is_busy_while_it_runs_and_a_double_click_sends_once() {
    clear_storage();
    let fake = fake::Fake::install(300);
    let done = Progress { basic_info_done: true, ..Progress::default() };
    fake.route("POST /api/v1/register/basic", 200, &accepted(done));
    let page = basic(aws());
    let root = &page.root;
    wait_for("form", || by_label(root, "Username")).await;
    fill_basic(root);
    let next = button(root, "Next").unwrap();
    next.click();
    next.click();
    busy(&next).await;
    wait_for("the next step", || {
        (window().location().pathname().unwrap() == "/activate/register/company").then_some(())
    })
    .await;
    assert_eq!(fake.count("POST /api/v1/register/basic"), 1, "{:?}", fake.calls());
}
