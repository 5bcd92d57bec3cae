//! Idempotency keys on create and bind-workspace: the same key and body replay the first answer;
//! the same key with any other body, a password or a code included, is `idempotency_conflict`; and
//! the state file keeps no secret of a remembered request, only an argon2 hash of them.

mod common;

use activation_core::{
    api::{ApiError, BoundAccount, SendCodeRequest, Workspace, WorkspaceState, paths},
    draft::{BindAccountDraft, CreateWorkspaceDraft},
    flow::CreateTab,
};
use common::{Client, Mock, aliyun};
use server_mock::store::seed::DEMO_BILLING;

const DEMO_EMAIL: &str = "demo.billing@example.com";

async fn bound_session(mock: &Mock) -> (Client, BoundAccount) {
    let mut client = mock.arrive(aliyun("9999888877776666"));
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    let bound = client.post(paths::BIND_ACCOUNT, &draft).await.ok();
    (client, bound)
}

/// A new-account create draft for `email`, with its code already sent.
async fn new_account(mock: &Mock, client: &mut Client, email: &str) -> CreateWorkspaceDraft {
    let request = SendCodeRequest::CreateWorkspace { email: email.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    CreateWorkspaceDraft {
        tab: CreateTab::NewAccount,
        site: "cn1".into(),
        workspace_name: "Keyed".into(),
        workspace_language: "en".into(),
        username: "keyed_owner".into(),
        password: "Silver-Lantern-58".into(),
        confirm_password: "Silver-Lantern-58".into(),
        email: email.into(),
        verification_code: mock.last_code(email),
        phone: String::new(),
        agree_terms: true,
    }
}

#[tokio::test]
async fn a_create_key_replays_its_answer_and_refuses_another_password_or_code() {
    let mock = Mock::seeded();
    let (mut client, _) = bound_session(&mock).await;
    let draft = new_account(&mock, &mut client, "keyed@example.com").await;
    let first: Workspace = client.post_keyed(paths::CREATE_WORKSPACE, &draft, "k").await.ok();
    let again: Workspace = client.post_keyed(paths::CREATE_WORKSPACE, &draft, "k").await.ok();
    assert_eq!(again, first);

    let password = "Copper-Harbor-91".to_owned();
    let other_password = CreateWorkspaceDraft {
        password: password.clone(),
        confirm_password: password,
        ..draft.clone()
    };
    let reply = client.post_keyed(paths::CREATE_WORKSPACE, &other_password, "k").await;
    assert_eq!(reply.error(), ApiError::IdempotencyConflict);
    let other_code = CreateWorkspaceDraft { verification_code: "000000".into(), ..draft.clone() };
    let reply = client.post_keyed(paths::CREATE_WORKSPACE, &other_code, "k").await;
    assert_eq!(reply.error(), ApiError::IdempotencyConflict);
    let renamed = CreateWorkspaceDraft { workspace_name: "Renamed".into(), ..draft };
    let reply = client.post_keyed(paths::CREATE_WORKSPACE, &renamed, "k").await;
    assert_eq!(reply.error(), ApiError::IdempotencyConflict);
    let created =
        mock.store().read(|d| d.workspaces.values().filter(|w| w.name.as_str() == "Keyed").count());
    assert_eq!(created, 1);
}

#[tokio::test]
async fn only_a_keyed_create_hashes_its_secrets_to_compare_a_retry() {
    let mock = Mock::seeded();
    let (mut client, _) = bound_session(&mock).await;
    let draft = new_account(&mock, &mut client, "unkeyed@example.com").await;
    let before = mock.store().password_hashes();
    client.post(paths::CREATE_WORKSPACE, &draft).await.ok::<Workspace>();
    // The new owner's password only: without a key no retry is ever compared.
    assert_eq!(mock.store().password_hashes() - before, 1);

    let keyed = CreateWorkspaceDraft {
        username: "keyed_two".into(),
        workspace_name: "Keyed two".into(),
        ..new_account(&mock, &mut client, "keyed.two@example.com").await
    };
    let before = mock.store().password_hashes();
    client.post_keyed(paths::CREATE_WORKSPACE, &keyed, "k").await.ok::<Workspace>();
    assert_eq!(mock.store().password_hashes() - before, 2, "the password and the secrets' hash");
}

#[tokio::test]
async fn a_remembered_create_keeps_no_password_or_code() {
    let mock = Mock::seeded();
    let (mut client, _) = bound_session(&mock).await;
    let draft = new_account(&mock, &mut client, "secret@example.com").await;
    client.post_keyed(paths::CREATE_WORKSPACE, &draft, "k").await.ok::<Workspace>();
    let saved = mock.store().read(|d| serde_json::to_string(d).unwrap());
    assert!(!saved.contains("Silver-Lantern-58"), "the password is in the state");
    let (request, secrets) = mock.store().read(|d| {
        let seen = d.idempotency.values().next().unwrap();
        (seen.request.clone(), seen.secrets.clone())
    });
    assert!(!request.contains(&draft.verification_code), "{request}");
    assert!(request.contains("keyed_owner"), "the rest of the body is compared as sent: {request}");
    // The secrets only as a slow, salted hash: a stolen state file does not give them away.
    let secrets = secrets.expect("the secrets' hash is kept");
    assert!(secrets.starts_with("$argon2id$"), "{secrets}");
    assert!(!secrets.contains("Silver-Lantern-58") && !secrets.contains(&draft.verification_code));
}

#[tokio::test]
async fn a_bind_key_is_for_one_workspace() {
    let mock = Mock::seeded();
    let (mut client, bound) = bound_session(&mock).await;
    let bindable: Vec<_> =
        bound.workspaces.iter().filter(|w| w.state == WorkspaceState::Bindable).collect();
    assert!(bindable.len() >= 2, "{bindable:?}");
    let first = paths::bind_workspace(&bindable[0].id);
    let second = paths::bind_workspace(&bindable[1].id);
    let bound: Workspace = client.post_keyed(&first, &(), "b").await.ok();
    assert_eq!(client.post_keyed(&first, &(), "b").await.ok::<Workspace>(), bound);
    assert_eq!(client.post_keyed(&second, &(), "b").await.error(), ApiError::IdempotencyConflict);
    // Nothing happened to the second one, and its own key binds it.
    let still = mock.store().read(|d| d.workspaces[&bindable[1].id].settled_by.is_none());
    assert!(still);
    let other: Workspace = client.post_keyed(&second, &(), "b2").await.ok();
    assert_eq!(other.state, WorkspaceState::Bound);
}

#[tokio::test]
async fn a_key_is_refused_when_empty_or_longer_than_128() {
    let mock = Mock::seeded();
    let (mut client, bound) = bound_session(&mock).await;
    let path = paths::bind_workspace(&bound.workspaces[0].id);
    assert_eq!(client.post_keyed(&path, &(), "").await.error(), ApiError::MalformedRequest);
    let long = "k".repeat(129);
    assert_eq!(client.post_keyed(&path, &(), &long).await.error(), ApiError::MalformedRequest);
    let longest = "k".repeat(128);
    assert_eq!(client.post_keyed(&path, &(), &longest).await.status, 200);
}
