//! The bind path's screens in headless Chromium: Billing Center account, workspace list (confirm, bind,
//! Bound, Done), create workspace (tabs, fields per tab), and the confirmation dialog. Where a test
//! needs answers, `window.fetch` is replaced by a small fake backend (see `fake`).

#![cfg(target_arch = "wasm32")]

#[path = "bind/create.rs"]
mod create;
#[path = "bind/fake.rs"]
mod fake;

use std::sync::{Arc, Mutex};

use activation_core::{api::SessionContext, flow::Progress};
use app::{components::ConfirmDialog, i18n::text, pages, state::ActivationCtx};
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

fn pathname() -> String {
    window().location().pathname().unwrap()
}

fn is_disabled(button: &web_sys::HtmlElement) -> bool {
    button.unchecked_ref::<HtmlButtonElement>().disabled()
}

fn rows(root: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let list = root.query_selector_all("[data-testid=workspace-row]").unwrap();
    (0..list.length()).filter_map(|i| list.item(i)?.dyn_into().ok()).collect()
}

fn row(root: &web_sys::Element, name: &str) -> Option<web_sys::HtmlElement> {
    rows(root).into_iter().find(|r| by_text(r, "h3", name).is_some())
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
    fake.route(
        "POST /api/v1/codes",
        200,
        r#"{"sent_to":"al***@example.com","resend_after_secs":60,"valid_for_secs":600}"#,
    );
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
    fake.route(
        "POST /api/v1/codes",
        200,
        r#"{"sent_to":"al***@example.com","resend_after_secs":60,"valid_for_secs":600}"#,
    );
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
    fake.route(
        "POST /api/v1/codes",
        200,
        r#"{"sent_to":"bo***@example.com","resend_after_secs":60,"valid_for_secs":600}"#,
    );
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
    fake.route("POST /api/v1/bind/account", 200, r#"{"billing_account":"alice","workspaces":[]}"#);
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
async fn the_list_shows_each_workspace_and_bind_only_where_it_can_be_bound() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[
        ("ws-1", "Staging", "bindable"),
        ("ws-2", "Production", "bound"),
        ("ws-3", "Legacy", "settled_elsewhere"),
    ]);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, text::BIND_WORKSPACES_TITLE.en);
    wait_for("rows", || (rows(root).len() == 3).then_some(())).await;
    let staging = row(root, "Staging").unwrap();
    let text = staging.inner_text();
    for expected in ["China 1 (Hangzhou)", "English", "Not bound"] {
        assert!(text.contains(expected), "missing {expected}: {text}");
    }
    assert!(button(&staging, "Bind").is_some());
    let production = row(root, "Production").unwrap();
    assert!(button(&production, "Bind").is_none());
    assert_eq!(test_id(&production, "bound-badge").unwrap().inner_text(), "Bound");
    let legacy = row(root, "Legacy").unwrap();
    assert!(button(&legacy, "Bind").is_none());
    assert!(legacy.inner_text().contains(text::STATE_ELSEWHERE.en));
    let create = by_text(root, "a", "Create workspace").unwrap();
    assert_eq!(
        create.get_attribute("href").as_deref(),
        Some("/activate/bind/workspaces/new/existing-account")
    );
    assert!(button(root, "Done").is_some());
}

#[wasm_bindgen_test]
async fn bind_asks_for_confirmation_then_binds_once_and_shows_bound() {
    clear_storage();
    let fake = Fake::install(300);
    fake.list(&[("ws-1", "Staging", "bindable"), ("ws-2", "Ops", "bindable")]);
    fake.route(
        "POST /api/v1/bind/workspaces/ws-1",
        200,
        &fake::workspace("ws-1", "Staging", "bound"),
    );
    let (page, ctx) = bind_workspaces(0);
    let root = &page.root;
    let staging = wait_for("rows", || row(root, "Staging")).await;
    let bind = button(&staging, "Bind").unwrap();
    bind.click();
    wait_for("dialog", || root.query_selector("[role=dialog]").unwrap()).await;
    wait_for("focus in dialog", || {
        (document().active_element()?.text_content()? == "Cancel").then_some(())
    })
    .await;
    button(root, "Cancel").unwrap().click();
    wait_for("closed", || root.query_selector("[role=dialog]").unwrap().is_none().then_some(()))
        .await;
    wait_for("focus back", || (focused_id() == "bind-ws-1").then_some(())).await;
    assert_eq!(fake.calls(), ["GET /api/v1/bind/workspaces"], "Cancel binds nothing");
    bind.click();
    wait_for("dialog", || button(root, "Confirm")).await.click();
    wait_for("busy", || is_disabled(&bind).then_some(())).await;
    bind.click();
    let badge = wait_for("bound", || test_id(&staging, "bound-badge")).await;
    assert_eq!(badge.inner_text(), "Bound");
    assert!(staging.inner_text().contains("Bound to this cloud account"));
    assert_eq!(rows(root).len(), 2, "the row stays");
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 1);
    // Another one in the same pass, with its own key.
    fake.route("POST /api/v1/bind/workspaces/ws-2", 200, &fake::workspace("ws-2", "Ops", "bound"));
    let ops = row(root, "Ops").unwrap();
    button(&ops, "Bind").unwrap().click();
    wait_for("dialog", || button(root, "Confirm")).await.click();
    wait_for("bound", || test_id(&ops, "bound-badge")).await;
    let binds: Vec<_> = fake.calls().into_iter().filter(|c| c.starts_with("POST")).collect();
    assert_eq!(binds.len(), 2, "one request per confirmed click: {binds:?}");
    let key = |call: &str| call.split(' ').nth(2).map(str::to_owned).unwrap_or_default();
    assert!(!key(&binds[0]).is_empty(), "idempotency key sent");
    assert_ne!(key(&binds[0]), key(&binds[1]), "each workspace has its own key");
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 2);
}

#[wasm_bindgen_test]
async fn a_failed_bind_offers_try_again_with_the_same_key() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[("ws-1", "Staging", "bindable")]);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    let staging = wait_for("rows", || row(root, "Staging")).await;
    button(&staging, "Bind").unwrap().click();
    wait_for("dialog", || button(root, "Confirm")).await.click();
    wait_for("failure", || test_id(&staging, "failure")).await;
    fake.route(
        "POST /api/v1/bind/workspaces/ws-1",
        200,
        &fake::workspace("ws-1", "Staging", "bound"),
    );
    button(&staging, "Try again").unwrap().click();
    wait_for("bound", || test_id(&staging, "bound-badge")).await;
    assert!(test_id(&staging, "failure").is_none());
    let keys: Vec<String> = fake.calls().into_iter().filter(|c| c.starts_with("POST")).collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "a retry reuses the key");
}

#[wasm_bindgen_test]
async fn done_before_anything_is_bound_says_to_bind_one_first() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[("ws-1", "Staging", "bindable")]);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    wait_for("rows", || row(root, "Staging")).await;
    button(root, "Done").unwrap().click();
    let alert = wait_for("alert", || test_id(root, "done-needs-one")).await;
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert_eq!(alert.inner_text(), text::DONE_NEEDS_ONE.en);
    assert!(!fake.calls().iter().any(|c| c.contains("/bind/done")));
}

#[wasm_bindgen_test]
async fn done_after_a_bind_finishes_and_opens_the_summary() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[("ws-1", "Staging", "bound")]);
    let summary = format!(
        r#"{{"billing_account":"alice","workspaces":[{}],"settlement":{{"kind":"cloud_account","marketplace":"aws","account":"1234****9012"}}}}"#,
        fake::workspace("ws-1", "Staging", "bound")
    );
    fake.route("POST /api/v1/bind/done", 200, &summary);
    let (page, ctx) = bind_workspaces(1);
    let root = &page.root;
    wait_for("rows", || row(root, "Staging")).await;
    button(root, "Done").unwrap().click();
    wait_for("navigated", || (pathname() == "/activate/bind/done").then_some(())).await;
    let session = ctx.get_untracked();
    assert!(session.progress.bind_finished);
    assert_eq!(session.finished.unwrap().billing_account, "alice");
}

#[wasm_bindgen_test]
async fn a_list_that_cannot_load_says_so_and_try_again_loads_it() {
    clear_storage();
    let fake = Fake::install(200);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    wait_for("loading", || root.inner_text().contains("Loading…").then_some(())).await;
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    fake.list(&[]);
    button(root, "Try again").unwrap().click();
    wait_for("empty list", || test_id(root, "no-workspaces")).await;
    assert!(root.inner_text().contains(text::NO_WORKSPACES.en));
}

// ---- The confirmation dialog ----

#[wasm_bindgen_test]
async fn the_dialog_keeps_focus_inside_and_escape_closes_it() {
    clear_storage();
    let open = RwSignal::new(false);
    let page = mount_page("/", REFUSED, None, move || {
        view! {
            <button id="opener" on:click=move |_| open.set(true)>"Open"</button>
            <ConfirmDialog
                open=open
                title=text::CONFIRM_BIND_TITLE
                body=text::CONFIRM_BIND_BODY
                on_confirm=Callback::new(move |()| open.set(false))
                on_cancel=Callback::new(move |()| open.set(false))
                return_focus="opener".to_owned()
            />
        }
    });
    let root = &page.root;
    wait_for("opener", || button(root, "Open")).await.click();
    let dialog = wait_for("dialog", || root.query_selector("[role=dialog]").unwrap()).await;
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    // The page behind is out of reach: the opener is inside an inert element, the dialog is not.
    let opener = document().get_element_by_id("opener").unwrap();
    wait_for("the page behind inert", || opener.closest("[inert]").unwrap()).await;
    assert!(dialog.closest("[inert]").unwrap().is_none(), "the dialog itself is inert");
    assert!(dialog.text_content().unwrap().contains(text::CONFIRM_BIND_TITLE.en));
    let (cancel, confirm) = (button(root, "Cancel").unwrap(), button(root, "Confirm").unwrap());
    wait_for("focus on cancel", || {
        (document().active_element().as_ref() == Some(cancel.unchecked_ref())).then_some(())
    })
    .await;
    fake::key(&cancel, "Tab", true);
    assert_eq!(
        document().active_element().as_ref(),
        Some(confirm.unchecked_ref()),
        "Shift+Tab wraps"
    );
    fake::key(&confirm, "Tab", false);
    assert_eq!(document().active_element().as_ref(), Some(cancel.unchecked_ref()), "Tab wraps");
    fake::key(&cancel, "Escape", false);
    wait_for("closed", || root.query_selector("[role=dialog]").unwrap().is_none().then_some(()))
        .await;
    wait_for("focus back", || (focused_id() == "opener").then_some(())).await;
    assert!(document().query_selector("[inert]").unwrap().is_none(), "inert left behind");
}

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
    wait_for("busy", || (bind.get_attribute("aria-busy").as_deref() == Some("true")).then_some(()))
        .await;
    assert!(is_disabled(&bind));
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
async fn a_workspace_settled_elsewhere_meanwhile_says_so_in_its_row_without_bind() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[("ws-1", "Staging", "bindable")]);
    fake.route(
        "POST /api/v1/bind/workspaces/ws-1",
        409,
        r#"{"code":"workspace_settled_elsewhere"}"#,
    );
    let (page, ctx) = bind_workspaces(0);
    let root = &page.root;
    let staging = wait_for("rows", || row(root, "Staging")).await;
    button(&staging, "Bind").unwrap().click();
    wait_for("dialog", || button(root, "Confirm")).await.click();
    wait_for("the row's new state", || {
        staging.inner_text().contains(text::STATE_ELSEWHERE.en).then_some(())
    })
    .await;
    assert!(button(&staging, "Bind").is_none(), "it cannot be bound here");
    assert!(test_id(root, "failure").is_none(), "the row says it; no failure banner");
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 0);
}

#[wasm_bindgen_test]
async fn done_is_busy_while_it_runs_and_a_double_click_finishes_once() {
    clear_storage();
    let fake = Fake::install(300);
    fake.list(&[("ws-1", "Staging", "bound")]);
    let summary = format!(
        r#"{{"billing_account":"alice","workspaces":[{}],"settlement":{{"kind":"cloud_account","marketplace":"aws","account":"1234****9012"}}}}"#,
        fake::workspace("ws-1", "Staging", "bound")
    );
    fake.route("POST /api/v1/bind/done", 200, &summary);
    let (page, _) = bind_workspaces(1);
    let root = &page.root;
    wait_for("rows", || row(root, "Staging")).await;
    let done = button(root, "Done").unwrap();
    done.click();
    done.click();
    wait_for("busy", || (done.get_attribute("aria-busy").as_deref() == Some("true")).then_some(()))
        .await;
    assert!(is_disabled(&done));
    wait_for("navigated", || (pathname() == "/activate/bind/done").then_some(())).await;
    let finishes = fake.calls().iter().filter(|c| c.starts_with("POST /api/v1/bind/done")).count();
    assert_eq!(finishes, 1, "{:?}", fake.calls());
}

#[wasm_bindgen_test]
async fn done_refused_or_unreachable_says_why_and_stays_on_the_list() {
    // (status, body, what is said, whether Try again can help)
    let refusals = [
        (
            409,
            r#"{"code":"wrong_step","expected":{"step":"bind_account"}}"#,
            "This step is not available yet.",
            false,
        ),
        (503, r#"{"code":"unavailable"}"#, "busy or unavailable right now", true),
        (0, "", "could not be reached", true),
    ];
    for (status, body, said, retry) in refusals {
        clear_storage();
        let fake = Fake::install(0);
        fake.list(&[("ws-1", "Staging", "bound")]);
        if status != 0 {
            fake.route("POST /api/v1/bind/done", status, body);
        }
        let (page, _) = bind_workspaces(1);
        let root = &page.root;
        wait_for("rows", || row(root, "Staging")).await;
        button(root, "Done").unwrap().click();
        let failure = wait_for("failure", || test_id(root, "failure")).await;
        assert!(failure.inner_text().contains(said), "{status}: {}", failure.inner_text());
        assert_eq!(button(&failure, "Try again").is_some(), retry, "{status}");
        assert_eq!(pathname(), "/activate/bind/workspaces", "{status}");
        assert!(row(root, "Staging").is_some(), "{status}: the list stays");
    }
}

#[wasm_bindgen_test]
async fn a_list_the_service_refuses_says_so_with_try_again() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("GET /api/v1/bind/workspaces", 503, r#"{"code":"unavailable"}"#);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(
        failure.inner_text().contains("busy or unavailable right now"),
        "{}",
        failure.inner_text()
    );
    fake.list(&[("ws-1", "Staging", "bindable")]);
    button(&failure, "Try again").expect("Try again").click();
    wait_for("rows", || row(root, "Staging")).await;
}
