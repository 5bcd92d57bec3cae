//! The workspace list: each workspace's state, Bind with its confirmation dialog, Bound, a workspace
//! settled elsewhere meanwhile, Done, and a list that cannot load.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{Fake, bind_workspaces, fake, focused_id, is_disabled, row, rows};
use app::{components::ConfirmDialog, i18n::text};
use browser_tests::*;

/// The answer to Done: alice's summary, with the bound workspace "Staging".
fn finished_with_staging() -> String {
    format!(
        r#"{{"billing_account":"alice","workspaces":[{}],"settlement":{{"kind":"cloud_account","marketplace":"aws","account":"1234****9012"}}}}"#,
        fake::workspace("ws-1", "Staging", "bound")
    )
}

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
        &fake::moved(&fake::workspace("ws-1", "Staging", "bound"), fake::bind_progress(1, false)),
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
    fake.route(
        "POST /api/v1/bind/workspaces/ws-2",
        200,
        // The server's count after the second bind: the page adopts it.
        &fake::moved(&fake::workspace("ws-2", "Ops", "bound"), fake::bind_progress(2, false)),
    );
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
        &fake::moved(&fake::workspace("ws-1", "Staging", "bound"), fake::bind_progress(1, false)),
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
    fake.route(
        "POST /api/v1/bind/done",
        200,
        &fake::moved(&finished_with_staging(), fake::bind_progress(1, true)),
    );
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
    fake.route(
        "POST /api/v1/bind/done",
        200,
        &fake::moved(&finished_with_staging(), fake::bind_progress(1, true)),
    );
    let (page, _) = bind_workspaces(1);
    let root = &page.root;
    wait_for("rows", || row(root, "Staging")).await;
    let done = button(root, "Done").unwrap();
    done.click();
    done.click();
    busy(&done).await;
    wait_for("navigated", || (pathname() == "/activate/bind/done").then_some(())).await;
    assert_eq!(fake.count("POST /api/v1/bind/done"), 1, "{:?}", fake.calls());
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

#[wasm_bindgen_test]
async fn each_workspace_is_a_second_level_heading_and_a_plain_definition_list() {
    clear_storage();
    let fake = Fake::install(0);
    fake.list(&[("ws-1", "Staging", "bindable"), ("ws-2", "Production", "bound")]);
    let (page, _) = bind_workspaces(0);
    let root = &page.root;
    wait_for("rows", || (rows(root).len() == 2).then_some(())).await;
    for row in rows(root) {
        // Under the page's h1 (axe-core's heading-order: no h3 straight after an h1).
        let heading = row.query_selector("h2, h3, h4").unwrap().expect("the workspace's heading");
        assert_eq!(heading.tag_name(), "H2");
        // A dl holds only dt and dd, and those keep their own role (definition-list,
        // aria-allowed-role): the state's live region is inside its dd.
        let dl = row.query_selector("dl").unwrap().expect("the facts");
        let children = dl.children();
        for i in 0..children.length() {
            let child = children.item(i).unwrap();
            assert!(matches!(child.tag_name().as_str(), "DT" | "DD"), "{}", child.tag_name());
            assert!(!child.has_attribute("role"), "{} has a role", child.outer_html());
        }
        let state = test_id(&row, "workspace-state").expect("the state");
        assert_eq!(state.get_attribute("role").as_deref(), Some("status"));
        assert_eq!(state.parent_element().unwrap().tag_name(), "DD");
    }
}
