//! Company info: the required name and terms, what a Next sends, and the server's refusals.

use activation_core::{
    domain::Marketplace,
    flow::{Event, Progress},
};
use app::pages;
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

use super::{accepted, fake, session};

fn company_page() -> Mounted {
    let mut ctx = session(aws());
    ctx.progress = ctx.progress.apply(Marketplace::Aws, Event::BasicInfoAccepted).unwrap();
    mount_page("/activate/register/company", REFUSED, Some(ctx), || {
        view! { <pages::RegisterCompany/> }
    })
}

/// Company info filled in as a user would: the name typed, the terms ticked.
async fn fill_company(root: &web_sys::HtmlElement) {
    type_into(&wait_for("form", || by_label(root, "Company name")).await, "Acme Ltd");
    by_label(root, "I agree to the terms").unwrap().click();
}

#[wasm_bindgen_test]
async fn company_next_is_busy_while_it_runs_sends_once_and_then_moves_on() {
    clear_storage();
    let fake = fake::Fake::install(300);
    let done = Progress { basic_info_done: true, company_info_done: true, ..Progress::default() };
    fake.route("POST /api/v1/register/company", 200, &accepted(done));
    let page = company_page();
    let root = &page.root;
    fill_company(root).await;
    let next = button(root, "Next").unwrap();
    next.click();
    next.click();
    busy(&next).await;
    wait_for("the next step", || {
        (window().location().pathname().unwrap() == "/activate/register/method").then_some(())
    })
    .await;
    assert_eq!(fake.count("POST /api/v1/register/company"), 1, "{:?}", fake.calls());
    let bodies = fake.bodies();
    assert!(bodies.iter().any(|b| b.contains("Acme Ltd")), "{bodies:?}");
}

#[wasm_bindgen_test]
async fn an_answer_after_the_user_left_the_page_does_not_navigate() {
    clear_storage();
    let fake = fake::Fake::install(300);
    let done = Progress { basic_info_done: true, company_info_done: true, ..Progress::default() };
    fake.route("POST /api/v1/register/company", 200, &accepted(done));
    let page = company_page();
    fill_company(&page.root).await;
    let next = button(&page.root, "Next").unwrap();
    next.click();
    busy(&next).await;
    // The user leaves while the request runs: the page's view goes away.
    drop(page);
    sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(fake.count("POST /api/v1/register/company"), 1, "{:?}", fake.calls());
    assert_eq!(pathname(), "/activate/register/company", "a late answer moved the user on");
}

#[wasm_bindgen_test]
async fn company_info_refused_by_the_server_says_why_and_keeps_what_was_typed() {
    let refusals = [
        (503, r#"{"code":"unavailable"}"#, "busy or unavailable right now", true),
        (
            409,
            r#"{"code":"wrong_step","expected":{"step":"register_basic"}}"#,
            "Continue from “Basic info”",
            false,
        ),
    ];
    for (status, body, said, retry) in refusals {
        clear_storage();
        let fake = fake::Fake::install(0);
        fake.route("POST /api/v1/register/company", status, body);
        let page = company_page();
        let root = &page.root;
        fill_company(root).await;
        button(root, "Next").unwrap().click();
        let failure = wait_for("failure", || test_id(root, "failure")).await;
        assert!(failure.inner_text().contains(said), "{status}: {}", failure.inner_text());
        assert_eq!(button(&failure, "Try again").is_some(), retry, "{status}");
        assert_eq!(value_of(&by_label(root, "Company name").unwrap()), "Acme Ltd");
        assert_eq!(window().location().pathname().unwrap(), "/activate/register/company");
    }
}

#[wasm_bindgen_test]
async fn company_info_requires_the_name_and_the_terms_only() {
    clear_storage();
    let page = mount_page("/activate/register/company", REFUSED, Some(session(aws())), || {
        view! { <pages::RegisterCompany/> }
    });
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Company info");
    for label in ["Company name", "Industry", "Contact name", "I agree to the terms"] {
        assert!(by_label(root, label).is_some(), "no control labelled {label}");
    }
    // SPEC §3: "Industry, Contact name (optional)"; the company name is required.
    for (label, optional) in [("Company name", false), ("Industry", true), ("Contact name", true)] {
        let shown = by_text(root, "label", &format!("{label} (optional)")).is_some();
        assert_eq!(shown, optional, "{label}: marked optional {shown}");
    }
    assert!(by_text(root, "a", "Back").is_some());
    button(root, "Next").unwrap().click();
    wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    assert!(is_invalid(&by_label(root, "Company name").unwrap()));
    assert!(is_invalid(&by_label(root, "I agree to the terms").unwrap()));
    assert!(!is_invalid(&by_label(root, "Contact name").unwrap()));
    assert!(!is_invalid(&by_label(root, "Industry").unwrap()));
    by_label(root, "I agree to the terms").unwrap().click();
    wait_for("terms fixed", || by_label(root, "I agree to the terms").filter(|c| !is_invalid(c)))
        .await;
}
