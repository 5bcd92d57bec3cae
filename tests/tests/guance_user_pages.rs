//! Registering with the email of a Guance account that has no Billing Center account, in headless
//! Chromium against the fake backend: Basic info says whose account the new workspace joins (and
//! what the typed username and password are for) before going on, and Activated offers that
//! account's other workspaces for binding.

#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use activation_core::{
    api::{Activation, Settlement, StepAccepted},
    flow::{Progress, Step},
};
use app::{i18n::text, pages};
use browser_tests::*;
use fake::Fake;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const BASIC: &str = "POST /api/v1/register/basic";
const OFFERED: &str = "GET /api/v1/register/workspaces";

fn accepted(guance_account: Option<&str>) -> String {
    let progress = Progress { basic_info_done: true, ..Progress::default() };
    let accepted = StepAccepted { progress, guance_account: guance_account.map(str::to_owned) };
    serde_json::to_string(&accepted).unwrap()
}

async fn fill_and_next(root: &web_sys::HtmlElement) {
    let fields = [
        ("Username", "carol_billing"),
        ("Password", "Blue-Harbor-2041"),
        ("Confirm password", "Blue-Harbor-2041"),
        ("Email", "carol@example.com"),
        ("Verification code", "123456"),
    ];
    wait_for("form", || by_label(root, "Username")).await;
    for (label, value) in fields {
        type_into(&by_label(root, label).unwrap(), value);
    }
    button(root, "Next").unwrap().click();
}

fn basic_page() -> Mounted {
    let context = session_of(aws(), Progress::default());
    mount_page(&Step::RegisterBasic.path(), REFUSED, Some(context), || {
        view! { <pages::RegisterBasic/> }
    })
}

#[wasm_bindgen_test]
async fn basic_info_says_the_new_workspace_joins_the_guance_account_before_going_on() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(BASIC, 200, &accepted(Some("carol")));
    let page = basic_page();
    let root = &page.root;
    fill_and_next(root).await;
    let notice = wait_for("the notice", || test_id(root, "guance-account-notice")).await;
    let said = notice.inner_text();
    assert!(
        said.contains(text::GUANCE_ACCOUNT_NOTICE_START.en) && said.contains("carol"),
        "{said}"
    );
    assert!(said.contains("for your new Billing Center account"), "{said}");
    assert_eq!(pathname(), Step::RegisterBasic.path(), "the user reads it before going on");
    let active = web_sys::window().unwrap().document().unwrap().active_element().unwrap();
    assert_eq!(active.get_attribute("data-testid").as_deref(), Some("guance-account-notice"));
    let next = by_text(&notice, "a", text::NEXT.en).expect("a way on");
    assert_eq!(next.get_attribute("href"), Some(Step::RegisterCompany.path()));
}

#[wasm_bindgen_test]
async fn an_ordinary_basic_info_goes_straight_on_to_company_info() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(BASIC, 200, &accepted(None));
    let page = basic_page();
    fill_and_next(&page.root).await;
    wait_for("company info", || (pathname() == Step::RegisterCompany.path()).then_some(())).await;
    assert!(test_id(&page.root, "guance-account-notice").is_none());
}

fn offered(id: &str, name: &str, state: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","site":"cn1","language":"en","settlement":{{"kind":"billing_center"}},"state":"{state}"}}"#
    )
}

fn activated_page() -> Mounted {
    let mut context = session_of(aws(), Progress { activated: true, ..Progress::default() });
    context.finished = Some(Activation {
        billing_account: "carol_billing".into(),
        workspaces: vec![],
        settlement: Settlement::BillingCenter,
    });
    mount_page(&Step::Activated.path(), REFUSED, Some(context), || view! { <pages::Activated/> })
}

#[wasm_bindgen_test]
async fn activated_offers_the_guance_accounts_other_workspaces_and_binds_one_after_confirming() {
    clear_storage();
    let fake = Fake::install(0);
    let list = format!(
        r#"{{"workspaces":[{},{}]}}"#,
        offered("ws_000007", "Free", "bindable"),
        offered("ws_000008", "Shared", "settled_elsewhere")
    );
    fake.route(OFFERED, 200, &list);
    fake.route(
        "POST /api/v1/register/workspaces/ws_000007",
        200,
        &offered("ws_000007", "Free", "bound"),
    );
    let page = activated_page();
    let root = &page.root;
    let section = wait_for("the offers", || test_id(root, "offered")).await;
    assert!(section.inner_text().contains(text::OFFERED_TITLE.en));
    assert!(section.inner_text().contains(text::STATE_ELSEWHERE.en));
    let bind = button(&section, text::BIND.en).expect("Bind for the bindable one");
    bind.click();
    let dialog =
        wait_for("confirmation", || by_text(root, "h2", text::CONFIRM_BIND_TITLE.en)).await;
    let dialog = dialog.parent_element().unwrap();
    assert_eq!(fake.count("POST /api/v1/register/workspaces/"), 0, "nothing before Confirm");
    button(&dialog, text::CONFIRM.en).unwrap().click();
    wait_for("bound", || test_id(&section, "bound-badge")).await;
    assert_eq!(fake.count("POST /api/v1/register/workspaces/ws_000007"), 1);
    assert!(button(&section, text::BIND.en).is_none(), "the other one cannot be bound here");
}

#[wasm_bindgen_test]
async fn activated_after_an_ordinary_registration_offers_nothing() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(OFFERED, 200, r#"{"workspaces":[]}"#);
    let page = activated_page();
    let root = &page.root;
    wait_for("the summary", || by_text(root, "a", text::GO_TO_LOGIN.en)).await;
    wait_for("the list asked for", || (fake.count(OFFERED) == 1).then_some(())).await;
    assert!(test_id(root, "offered").is_none());
}
