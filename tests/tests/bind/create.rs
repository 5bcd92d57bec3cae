//! Create workspace: the tablist, the fields of each tab, errors, and what a create sends.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use super::{Page, fake, mount, ready};
use app::{i18n::text, pages, state::ActivationCtx};
use browser_tests::*;

fn create_workspace(tab: &str) -> (Page, ActivationCtx) {
    mount(&format!("/activate/bind/workspaces/new/{tab}"), 0, || {
        view! { <pages::CreateWorkspace/> }
    })
}

fn tab(root: &web_sys::Element, label: &str) -> web_sys::HtmlElement {
    by_text(root, "[role=tab]", label).unwrap_or_else(|| panic!("no tab {label}"))
}

fn selected(tab: &web_sys::HtmlElement) -> bool {
    tab.get_attribute("aria-selected").as_deref() == Some("true")
}

const EXISTING: [&str; 6] = [
    "Site",
    "Workspace name",
    "Workspace language",
    "Email",
    "Verification code",
    "I agree to the terms",
];
const NEW_ONLY: [&str; 4] = ["Username", "Password", "Confirm password", "Phone"];

#[wasm_bindgen_test]
async fn the_tabs_are_a_tablist_and_switch_the_fields() {
    clear_storage();
    let (page, _) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    assert_eq!(wait_for("heading", || heading(root)).await, "Create workspace");
    assert!(root.query_selector("[role=tablist]").unwrap().is_some());
    let (existing, new) =
        (tab(root, "I have a Guance account"), tab(root, "I don't have a Guance account"));
    assert!(selected(&existing) && !selected(&new));
    assert_eq!(existing.get_attribute("tabindex").as_deref(), Some("0"));
    for label in EXISTING {
        assert!(by_label(root, label).is_some(), "existing tab lacks {label}");
    }
    for label in NEW_ONLY {
        assert!(by_label(root, label).is_none(), "existing tab shows {label}");
    }
    assert!(root.inner_text().contains(text::EXISTING_EMAIL_HINT.en));
    assert!(button(root, "Create").is_some());
    new.click();
    wait_for("new tab", || button(root, "Register and create workspace")).await;
    assert_eq!(pathname(), "/activate/bind/workspaces/new/new-account");
    assert!(selected(&tab(root, "I don't have a Guance account")));
    assert!(!selected(&tab(root, "I have a Guance account")));
    for label in EXISTING.into_iter().chain(NEW_ONLY) {
        assert!(by_label(root, label).is_some(), "new tab lacks {label}");
    }
    assert!(button(root, "Create").is_none());
    let back = by_text(root, "a", "Back").unwrap();
    assert_eq!(back.get_attribute("href").as_deref(), Some("/activate/bind/workspaces"));
}

#[wasm_bindgen_test]
async fn arrow_keys_move_between_the_tabs() {
    clear_storage();
    let (page, _) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    let existing =
        wait_for("tabs", || by_text(root, "[role=tab]", "I have a Guance account")).await;
    existing.focus().unwrap();
    fake::key(&existing, "ArrowRight", false);
    wait_for("new tab", || button(root, "Register and create workspace")).await;
    let new = tab(root, "I don't have a Guance account");
    assert_eq!(document().active_element().as_ref(), Some(new.unchecked_ref()));
    assert!(selected(&new));
    fake::key(&new, "ArrowLeft", false);
    wait_for("existing tab", || button(root, "Create")).await;
    assert!(selected(&tab(root, "I have a Guance account")));
}

#[wasm_bindgen_test]
async fn create_with_empty_fields_flags_only_the_tabs_own_fields() {
    clear_storage();
    let (page, _) = create_workspace("new-account");
    let root = &page.root;
    ready(root).await;
    wait_for("button", || button(root, "Register and create workspace")).await.click();
    wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    for label in [
        "Workspace name",
        "Username",
        "Password",
        "Confirm password",
        "Email",
        "Verification code",
        "I agree to the terms",
    ] {
        assert!(is_invalid(&by_label(root, label).unwrap()), "{label} not flagged");
    }
    assert!(!is_invalid(&by_label(root, "Phone").unwrap()), "phone is optional");
    assert!(!is_invalid(&by_label(root, "Workspace language").unwrap()));
    tab(root, "I have a Guance account").click();
    wait_for("existing tab", || button(root, "Create")).await;
    assert!(!is_shown(&test_id(root, "error-summary").unwrap()), "the other tab's errors are gone");
    button(root, "Create").unwrap().click();
    wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    let name = by_label(root, "Workspace name").unwrap();
    assert!(is_invalid(&name));
    type_into(&name, "Ops");
    wait_for("name fixed", || (!is_invalid(&name)).then_some(())).await;
    assert!(is_invalid(&by_label(root, "Email").unwrap()));
}

async fn fill_existing(root: &web_sys::Element) {
    let site = wait_for("form", || by_label(root, "Site")).await;
    fake::choose(&site, "cn2");
    type_into(&by_label(root, "Workspace name").unwrap(), "Ops");
    type_into(&by_label(root, "Email").unwrap(), "bob@example.com");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    by_label(root, "I agree to the terms").unwrap().click();
}

#[wasm_bindgen_test]
async fn a_refused_create_offers_try_again_and_keeps_what_was_typed() {
    clear_storage();
    let (page, ctx) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    fill_existing(root).await;
    button(root, "Create").unwrap().click();
    let failure = wait_for("failure", || test_id(root, "failure")).await;
    assert!(failure.inner_text().contains("could not be reached"), "{}", failure.inner_text());
    assert!(button(root, "Try again").is_some());
    assert_eq!(value_of(&by_label(root, "Workspace name").unwrap()), "Ops");
    assert_eq!(value_of(&by_label(root, "Email").unwrap()), "bob@example.com");
    assert_eq!(value_of(&by_label(root, "Verification code").unwrap()), "123456");
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 0);
}

#[wasm_bindgen_test]
async fn a_created_workspace_counts_as_bound_and_returns_to_the_list() {
    clear_storage();
    let fake = fake::Fake::install(0);
    fake.route(
        "POST /api/v1/bind/create",
        200,
        &fake::moved(&fake::workspace("ws-9", "Ops", "bound"), fake::bind_progress(1, false)),
    );
    let (page, ctx) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    fill_existing(root).await;
    button(root, "Create").unwrap().click();
    wait_for("navigated", || (pathname() == "/activate/bind/workspaces").then_some(())).await;
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 1);
    let call = &fake.calls()[0];
    assert!(call.starts_with("POST /api/v1/bind/create ") && call.len() > 30, "key sent: {call}");
    let body = wait_for("body", || fake.bodies().into_iter().next()).await;
    for expected in [r#""tab":"existing_account""#, r#""site":"cn2""#, r#""workspace_name":"Ops""#]
    {
        assert!(body.contains(expected), "{expected} not in {body}");
    }
}

#[wasm_bindgen_test]
async fn create_is_busy_while_it_runs_and_a_double_click_sends_once_with_one_key() {
    clear_storage();
    let fake = fake::Fake::install(400);
    fake.route(
        "POST /api/v1/bind/create",
        200,
        &fake::moved(&fake::workspace("ws-9", "Ops", "bound"), fake::bind_progress(1, false)),
    );
    let (page, _) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    fill_existing(root).await;
    let create = button(root, "Create").unwrap();
    create.click();
    create.click();
    busy(&create).await;
    wait_for("navigated", || (pathname() == "/activate/bind/workspaces").then_some(())).await;
    let sent = creates(&fake);
    assert_eq!(sent.len(), 1, "{sent:?}");
}

/// The idempotency key a recorded call carried ("POST /path KEY").
fn key_of(call: &str) -> String {
    call.rsplit(' ').next().unwrap_or_default().to_owned()
}

fn creates(fake: &fake::Fake) -> Vec<String> {
    fake.calls().into_iter().filter(|c| c.starts_with("POST /api/v1/bind/create")).collect()
}

#[wasm_bindgen_test]
async fn a_create_retried_after_a_reload_sends_its_key_again_and_the_next_create_a_new_one() {
    clear_storage();
    let fake = fake::Fake::install(0);
    {
        // No answer: the network failed, or the answer was lost after the workspace was made.
        let (page, _) = create_workspace("existing-account");
        let root = &page.root;
        ready(root).await;
        fill_existing(root).await;
        button(root, "Create").unwrap().click();
        wait_for("failure", || test_id(root, "failure")).await;
    }
    let first = key_of(&creates(&fake)[0]);
    assert!(first.len() > 20, "a key was sent: {first}");
    fake.route(
        "POST /api/v1/bind/create",
        200,
        &fake::moved(&fake::workspace("ws-9", "Ops", "bound"), fake::bind_progress(1, false)),
    );
    {
        // The reload: the draft is back but for the code, which is never stored.
        let (page, _) = create_workspace("existing-account");
        let root = &page.root;
        ready(root).await;
        type_into(&by_label(root, "Verification code").unwrap(), "123456");
        button(root, "Create").unwrap().click();
        wait_for("navigated", || (pathname() == "/activate/bind/workspaces").then_some(())).await;
    }
    assert_eq!(key_of(&creates(&fake)[1]), first, "the retry after the reload");
    // The next workspace, typed afresh (only the draft is forgotten, not the key's slot).
    let storage = window().session_storage().unwrap().unwrap();
    storage.remove_item("activation.create").unwrap();
    let (page, _) = create_workspace("existing-account");
    let root = &page.root;
    ready(root).await;
    fill_existing(root).await;
    button(root, "Create").unwrap().click();
    wait_for("navigated", || (pathname() == "/activate/bind/workspaces").then_some(())).await;
    let next = key_of(&creates(&fake)[2]);
    assert!(next.len() > 20 && next != first, "another workspace, another key: {next}");
}

#[wasm_bindgen_test]
async fn a_create_the_server_refuses_is_said_where_it_belongs_and_keeps_what_was_typed() {
    // (status, body, where the message shows, what it says, whether Try again can help)
    let refusals = [
        (503, r#"{"code":"unavailable"}"#, "failure", "busy or unavailable right now", true),
        (
            409,
            r#"{"code":"workspace_name_taken"}"#,
            "Workspace name",
            "already have a workspace with this name",
            false,
        ),
        (
            422,
            r#"{"code":"code_wrong","tries_left":3}"#,
            "Verification code",
            "3 tries left",
            false,
        ),
    ];
    for (status, body, place, said, retry) in refusals {
        clear_storage();
        let fake = fake::Fake::install(0);
        fake.route("POST /api/v1/bind/create", status, body);
        let (page, ctx) = create_workspace("existing-account");
        let root = &page.root;
        ready(root).await;
        fill_existing(root).await;
        button(root, "Create").unwrap().click();
        if place == "failure" {
            let failure = wait_for("failure", || test_id(root, "failure")).await;
            assert!(failure.inner_text().contains(said), "{status}: {}", failure.inner_text());
        } else {
            wait_for(place, || by_label(root, place).filter(is_invalid)).await;
            assert!(root.inner_text().contains(said), "{status}: {}", root.inner_text());
        }
        assert_eq!(button(root, "Try again").is_some(), retry, "{status}");
        assert_eq!(value_of(&by_label(root, "Workspace name").unwrap()), "Ops");
        assert_eq!(value_of(&by_label(root, "Email").unwrap()), "bob@example.com");
        assert_eq!(ctx.get_untracked().progress.workspaces_bound, 0, "{status}");
        assert!(pathname().starts_with("/activate/bind/workspaces/new/"), "{status}");
    }
}

async fn fill_new(root: &web_sys::Element, confirm: &str) {
    let site = wait_for("form", || by_label(root, "Site")).await;
    fake::choose(&site, "cn2");
    type_into(&by_label(root, "Workspace name").unwrap(), "Ops");
    type_into(&by_label(root, "Username").unwrap(), "owner_one");
    type_into(&by_label(root, "Password").unwrap(), "Blue-Harbor-2041");
    type_into(&by_label(root, "Confirm password").unwrap(), confirm);
    type_into(&by_label(root, "Email").unwrap(), "owner@example.com");
    type_into(&by_label(root, "Verification code").unwrap(), "123456");
    by_label(root, "I agree to the terms").unwrap().click();
}

#[wasm_bindgen_test]
async fn the_new_account_tab_names_a_mismatch_clears_it_when_fixed_and_names_a_taken_username() {
    clear_storage();
    let fake = fake::Fake::install(0);
    fake.route("POST /api/v1/bind/create", 409, r#"{"code":"username_taken"}"#);
    let (page, ctx) = create_workspace("new-account");
    let root = &page.root;
    ready(root).await;
    fill_new(root, "Blue-Harbor-2042").await;
    let register = button(root, "Register and create workspace").unwrap();
    register.click();
    let confirm =
        wait_for("mismatch", || by_label(root, "Confirm password").filter(is_invalid)).await;
    assert!(root.inner_text().contains("The passwords do not match."), "{}", root.inner_text());
    assert!(fake.calls().is_empty(), "nothing is sent with a mismatch");
    type_into(&confirm, "Blue-Harbor-2041");
    wait_for("mismatch fixed", || (!is_invalid(&confirm)).then_some(())).await;
    register.click();
    let username = wait_for("taken", || by_label(root, "Username").filter(is_invalid)).await;
    assert_eq!(value_of(&username), "owner_one", "what was typed is kept");
    assert_eq!(value_of(&by_label(root, "Password").unwrap()), "Blue-Harbor-2041");
    assert!(button(root, "Try again").is_none(), "the same username again cannot help");
    assert_eq!(ctx.get_untracked().progress.workspaces_bound, 0);
    let body = wait_for("body", || fake.bodies().into_iter().next()).await;
    assert!(body.contains(r#""tab":"new_account""#), "{body}");
}
