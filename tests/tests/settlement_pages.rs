//! Workspace management's Change settlement method, in headless Chromium against the fake backend:
//! the dialog's choices and fields, errors on Confirm next to each field and in the summary,
//! Escape and Cancel keeping the list as it was (focus back on the button), a refusal keeping what
//! was typed, Confirm changing the row at once; and the links from Activated to the Billing Center.

#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use app::i18n::text;
use browser_tests::*;
use fake::{Fake, key};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlElement, HtmlInputElement};

wasm_bindgen_test_configure!(run_in_browser);

const LIST: &str = "GET /api/v1/billing/workspaces";
const CHANGE: &str = "POST /api/v1/billing/workspaces/ws_000002/settlement";

fn row(id: &str, name: &str, settlement: &str) -> String {
    row_in(id, name, settlement, "bindable")
}

/// A workspace in `state`, as the mock lists it (no cloud account looking: `bindable` or `bound`).
fn row_in(id: &str, name: &str, settlement: &str, state: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","site":"cn1","language":"en","settlement":{settlement},"state":"{state}"}}"#
    )
}

const DIRECT: &str = r#"{"kind":"billing_center"}"#;

fn list() -> String {
    format!(
        r#"{{"workspaces":[{},{}]}}"#,
        row("ws_000001", "Production", DIRECT),
        row("ws_000002", "Staging", DIRECT)
    )
}

/// Workspace management with two workspaces, both paid directly.
async fn management(fake: &Fake) -> Mounted {
    fake.route(LIST, 200, &list());
    let page = mount_app("/billing/workspaces", REFUSED);
    wait_for("the list", || test_id(&page.root, "workspace-row")).await;
    page
}

fn settlement_of(root: &Element, name: &str) -> String {
    cell_of(root, name, "settlement")
}

/// The text of the cell whose test id is `cell`, in the row of the workspace `name`.
fn cell_of(root: &Element, name: &str, cell: &str) -> String {
    let rows = root.query_selector_all("[data-testid=workspace-row]").unwrap();
    (0..rows.length())
        .filter_map(|i| rows.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|r| r.inner_text().contains(name))
        .and_then(|r| test_id(&r, cell))
        .map(|cell| cell.inner_text())
        .expect(name)
}

fn change_button(root: &Element) -> HtmlElement {
    root.query_selector("#settle-ws_000002").unwrap().unwrap().dyn_into().unwrap()
}

async fn open_dialog(root: &Element) -> HtmlElement {
    change_button(root).click();
    wait_for("the dialog", || test_id(root, "settlement-dialog")).await
}

fn radio(dialog: &HtmlElement, label: &str) -> HtmlInputElement {
    by_label(dialog, label).expect(label).dyn_into().unwrap()
}

fn pick(dialog: &HtmlElement, label: &str) {
    radio(dialog, label).click();
}

fn active_id() -> String {
    document().active_element().map(|e| e.id()).unwrap_or_default()
}

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

#[wasm_bindgen_test]
async fn the_dialog_is_labelled_offers_the_four_methods_and_asks_for_each_ones_ids() {
    clear_storage();
    let fake = Fake::install(0);
    let page = management(&fake).await;
    let root = &page.root;
    assert_eq!(settlement_of(root, "Staging"), text::BILLED_BY_BILLING_CENTER.en);
    let dialog = open_dialog(root).await;
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    let title = document().get_element_by_id("settlement-title").unwrap();
    assert_eq!(title.text_content().as_deref(), Some(text::CHANGE_SETTLEMENT.en));
    assert!(radio(&dialog, text::SETTLE_DIRECT.en).checked(), "starts from the current method");
    assert_eq!(active_id(), "settlement-direct", "focus moves into the dialog");
    pick(&dialog, text::AWS_ACCOUNT.en);
    wait_for("the AWS field", || by_label(&dialog, text::AWS_ACCOUNT_ID.en)).await;
    pick(&dialog, text::ALIYUN_ACCOUNT.en);
    wait_for("the Alibaba fields", || by_label(&dialog, text::ALIYUN_INSTANCE_ID.en)).await;
    assert!(by_label(&dialog, text::ALIYUN_ACCOUNT_ID.en).is_some());
    assert!(by_label(&dialog, text::AWS_ACCOUNT_ID.en).is_none(), "one method's fields at a time");
    let help: HtmlElement = dialog
        .query_selector("a[href='/help/aliyun-instance-id']")
        .unwrap()
        .expect("a link to how to obtain it")
        .dyn_into()
        .unwrap();
    assert!(
        help.inner_text().starts_with(text::HOW_TO_OBTAIN_INSTANCE_ID.en),
        "{}",
        help.inner_text()
    );
    assert_eq!(help.get_attribute("target").as_deref(), Some("_blank"), "what was typed stays");
    pick(&dialog, text::HUAWEI_ACCOUNT.en);
    wait_for("the Huawei fields", || by_label(&dialog, text::HUAWEI_INSTANCE_ID.en)).await;
    assert!(by_label(&dialog, text::HUAWEI_ACCOUNT_ID.en).is_some());
    // The page behind is out of reach while the dialog is open.
    assert!(change_button(root).closest("[inert]").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn confirm_with_bad_ids_flags_each_field_and_the_summary_and_sends_nothing() {
    clear_storage();
    let fake = Fake::install(0);
    let page = management(&fake).await;
    let dialog = open_dialog(&page.root).await;
    pick(&dialog, text::ALIYUN_ACCOUNT.en);
    let account = wait_for("the field", || by_label(&dialog, text::ALIYUN_ACCOUNT_ID.en)).await;
    type_into(&account, "12345");
    assert!(!is_invalid(&account), "nothing is flagged while typing");
    button(&dialog, text::CONFIRM.en).unwrap().click();
    let summary =
        wait_for("the summary", || test_id(&dialog, "error-summary").filter(is_shown)).await;
    assert_eq!(summary.query_selector_all("li").unwrap().length(), 2, "{}", summary.inner_text());
    assert!(is_invalid(&account));
    assert!(is_invalid(&by_label(&dialog, text::ALIYUN_INSTANCE_ID.en).unwrap()));
    type_into(&account, "1234567890123456");
    wait_for("the fixed field clears", || (!is_invalid(&account)).then_some(())).await;
    assert_eq!(fake.count(CHANGE), 0);
}

#[wasm_bindgen_test]
async fn escape_and_cancel_close_the_dialog_keep_the_list_and_return_focus() {
    clear_storage();
    let fake = Fake::install(0);
    let page = management(&fake).await;
    let root = &page.root;
    let dialog = open_dialog(root).await;
    pick(&dialog, text::AWS_ACCOUNT.en);
    let id = wait_for("the field", || by_label(&dialog, text::AWS_ACCOUNT_ID.en)).await;
    type_into(&id, "123456789012");
    key(&id, "Escape", false);
    wait_for("closed", || test_id(root, "settlement-dialog").is_none().then_some(())).await;
    wait_for("focus back", || (active_id() == "settle-ws_000002").then_some(())).await;
    assert!(change_button(root).closest("[inert]").unwrap().is_none());
    let dialog = open_dialog(root).await;
    button(&dialog, text::CANCEL.en).unwrap().click();
    wait_for("closed", || test_id(root, "settlement-dialog").is_none().then_some(())).await;
    assert_eq!(settlement_of(root, "Staging"), text::BILLED_BY_BILLING_CENTER.en);
    assert_eq!(fake.count(CHANGE), 0);
}

#[wasm_bindgen_test]
async fn tab_stays_inside_the_dialog() {
    clear_storage();
    let fake = Fake::install(0);
    let page = management(&fake).await;
    let dialog = open_dialog(&page.root).await;
    let confirm = button(&dialog, text::CONFIRM.en).unwrap();
    confirm.focus().unwrap();
    key(&confirm, "Tab", false);
    assert_eq!(active_id(), "settlement-direct", "Tab from the last control goes to the first");
    key(&radio(&dialog, text::SETTLE_DIRECT.en), "Tab", true);
    let active = document().active_element().unwrap();
    assert_eq!(active.text_content().as_deref(), Some(text::CONFIRM.en));
}

#[wasm_bindgen_test]
async fn a_cloud_account_not_bound_yet_is_explained_and_what_was_typed_stays() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route(CHANGE, 409, r#"{"code":"cloud_account_not_bound"}"#);
    let page = management(&fake).await;
    let dialog = open_dialog(&page.root).await;
    pick(&dialog, text::AWS_ACCOUNT.en);
    let id = wait_for("the field", || by_label(&dialog, text::AWS_ACCOUNT_ID.en)).await;
    type_into(&id, "123456789012");
    button(&dialog, text::CONFIRM.en).unwrap().click();
    let banner = wait_for("the refusal", || test_id(&dialog, "failure")).await;
    assert!(banner.inner_text().contains("Bind it first"), "{}", banner.inner_text());
    assert_eq!(value_of(&id), "123456789012");
    assert!(test_id(&page.root, "settlement-dialog").is_some(), "the dialog stays open");
    assert!(fake.bodies().iter().any(|b| b.contains(r#""aws_account_id":"123456789012""#)));
}

#[wasm_bindgen_test]
async fn confirm_changes_the_row_at_once() {
    clear_storage();
    let fake = Fake::install(0);
    let changed = row_in(
        "ws_000002",
        "Staging",
        r#"{"kind":"cloud_account","marketplace":"aliyun","account":"1234********3456"}"#,
        "bound",
    );
    fake.route(CHANGE, 200, &changed);
    let page = management(&fake).await;
    let root = &page.root;
    let dialog = open_dialog(root).await;
    pick(&dialog, text::ALIYUN_ACCOUNT.en);
    let id = wait_for("the field", || by_label(&dialog, text::ALIYUN_ACCOUNT_ID.en)).await;
    type_into(&id, "1234567890123456");
    type_into(&by_label(&dialog, text::ALIYUN_INSTANCE_ID.en).unwrap(), "cmgj00012345");
    button(&dialog, text::CONFIRM.en).unwrap().click();
    wait_for("closed", || test_id(root, "settlement-dialog").is_none().then_some(())).await;
    assert_eq!(settlement_of(root, "Staging"), "Alibaba Cloud account 1234********3456");
    assert_eq!(settlement_of(root, "Production"), text::BILLED_BY_BILLING_CENTER.en);
    // No cloud account is looking at the Billing Center: bound to one, not "to this" one.
    assert_eq!(cell_of(root, "Staging", "state"), text::STATE_BOUND_TO_CLOUD_ACCOUNT.en);
    assert_eq!(cell_of(root, "Production", "state"), text::STATE_BINDABLE.en);
    let status = test_id(root, "settlement-changed").unwrap();
    assert_eq!(status.inner_text(), text::SETTLEMENT_CHANGED.en);
    assert_eq!(fake.count(LIST), 1, "no reload needed");
    let body = fake.bodies().into_iter().last().unwrap();
    assert!(body.contains(r#""method":"aliyun""#) && body.contains("cmgj00012345"), "{body}");
}

fn finished(progress: activation_core::flow::Progress) -> activation_core::api::SessionContext {
    let mut context = session_of(aws(), progress);
    context.finished = Some(activation_core::api::Activation {
        billing_account: "demo_billing".into(),
        workspaces: vec![],
        settlement: activation_core::api::Settlement::BillingCenter,
    });
    context
}

#[wasm_bindgen_test]
async fn activated_and_bound_link_to_workspace_management_in_the_billing_center() {
    use activation_core::flow::{Progress, Step};
    use leptos::prelude::*;
    clear_storage();
    let _fake = Fake::install(0);
    let activated = Progress { activated: true, ..Progress::default() };
    let bound = fake::bind_progress(1, true);
    for (step, progress) in [(Step::Activated, activated), (Step::Bound, bound)] {
        let page = mount_page(&step.path(), REFUSED, Some(finished(progress)), move || {
            if step == Step::Activated {
                view! { <app::pages::Activated/> }.into_any()
            } else {
                view! { <app::pages::Bound/> }.into_any()
            }
        });
        let link =
            wait_for("the link", || by_text(&page.root, "a", text::SEE_IN_BILLING_CENTER.en)).await;
        assert_eq!(link.get_attribute("href").as_deref(), Some("/billing"), "{step:?}");
    }
}

#[wasm_bindgen_test]
async fn the_huawei_instance_id_links_its_help_page_in_a_new_tab() {
    clear_storage();
    let fake = Fake::install(0);
    let page = management(&fake).await;
    let dialog = open_dialog(&page.root).await;
    pick(&dialog, text::HUAWEI_ACCOUNT.en);
    wait_for("the Huawei fields", || by_label(&dialog, text::HUAWEI_INSTANCE_ID.en)).await;
    let help: HtmlElement = dialog
        .query_selector("a[href='/help/huawei-instance-id']")
        .unwrap()
        .expect("a link to how to find the Huawei instance ID")
        .dyn_into()
        .unwrap();
    assert!(help.inner_text().starts_with(text::HOW_TO_FIND_HUAWEI_INSTANCE_ID.en));
    assert_eq!(help.get_attribute("target").as_deref(), Some("_blank"), "what was typed stays");
}

#[wasm_bindgen_test]
async fn an_instance_the_marketplace_did_not_issue_is_flagged_on_its_field_and_nothing_is_lost() {
    clear_storage();
    let fake = Fake::install(0);
    let refusal = r#"{"code":"invalid_fields","fields":{"aliyun_instance_id":{"kind":"mismatches_marketplace"}}}"#;
    fake.route(CHANGE, 422, refusal);
    let page = management(&fake).await;
    let dialog = open_dialog(&page.root).await;
    pick(&dialog, text::ALIYUN_ACCOUNT.en);
    let account = wait_for("the field", || by_label(&dialog, text::ALIYUN_ACCOUNT_ID.en)).await;
    type_into(&account, "1234567890123456");
    let instance = by_label(&dialog, text::ALIYUN_INSTANCE_ID.en).unwrap();
    type_into(&instance, "cmgj00099999");
    button(&dialog, text::CONFIRM.en).unwrap().click();
    wait_for("the field flagged", || is_invalid(&instance).then_some(())).await;
    let summary = test_id(&dialog, "error-summary").filter(is_shown).expect("the summary");
    assert!(summary.inner_text().contains("does not match"), "{}", summary.inner_text());
    assert!(!is_invalid(&account), "only the instance is wrong");
    assert_eq!(
        (value_of(&account), value_of(&instance)),
        ("1234567890123456".into(), "cmgj00099999".into())
    );
}
