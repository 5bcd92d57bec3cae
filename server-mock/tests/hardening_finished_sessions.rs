//! Issue 13, item 8 (SPEC §6): a session that has ended gets nothing replayed, and one whose
//! activation is finished sends no more codes and binds nothing more.
//! - An idempotent replay is served only while the session is live: an expired or ended session
//!   is `session_expired`, even with a key whose first answer is remembered.
//! - After Done (bind path) or Activate (register path), sending a code or binding a workspace,
//!   a replay included, is `wrong_step`, naming the summary the session may still show.

mod common;

use activation_core::{
    api::{
        Activation, ApiError, BoundAccount, SendCodeRequest, StepAccepted, WorkspaceState, paths,
    },
    domain::WorkspaceId,
    draft::{ActivationDraft, BindAccountDraft},
    flow::Step,
    rules,
};
use common::{Client, Mock, aliyun, aws, basic, company};
use server_mock::store::seed::DEMO_BILLING;

const DEMO_EMAIL: &str = "demo.billing@example.com";

/// A session that has bound the demo Billing Center account; its bindable workspaces.
async fn bound(mock: &Mock) -> (Client, Vec<WorkspaceId>) {
    let mut client = mock.arrive(aliyun("9999888877776666"));
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    let account: BoundAccount = client.post(paths::BIND_ACCOUNT, &draft).await.ok();
    let free = account.workspaces.iter().filter(|w| w.state == WorkspaceState::Bindable);
    (client, free.map(|w| w.id.clone()).collect())
}

fn codes() -> [SendCodeRequest; 3] {
    [
        SendCodeRequest::Register { email: "late@example.com".into() },
        SendCodeRequest::BindAccount { username: DEMO_BILLING.into() },
        SendCodeRequest::CreateWorkspace { email: "late@example.com".into() },
    ]
}

#[tokio::test]
async fn an_expired_session_gets_no_bind_replayed() {
    let mock = Mock::seeded();
    let (mut client, free) = bound(&mock).await;
    let path = paths::bind_workspace(&free[0]);
    assert_eq!(client.post_keyed(&path, &(), "k").await.status, 200);
    assert_eq!(client.post_keyed(&path, &(), "k").await.status, 200, "a live session's replay");
    mock.advance(rules::SESSION_TTL_SECS + 1);
    assert_eq!(client.post_keyed(&path, &(), "k").await.error(), ApiError::SessionExpired);
}

#[tokio::test]
async fn an_ended_session_gets_no_activation_replayed() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    register_until_company(&mock, &mut client).await;
    let draft = activation();
    assert_eq!(client.post_keyed(paths::REGISTER_ACTIVATE, &draft, "k").await.status, 200);
    mock.store().write(|data| data.sessions.clear());
    let reply = client.post_keyed(paths::REGISTER_ACTIVATE, &draft, "k").await;
    assert_eq!(reply.error(), ApiError::SessionExpired);
}

#[tokio::test]
async fn a_session_done_binding_sends_no_code_and_binds_nothing_more() {
    let mock = Mock::seeded();
    let (mut client, free) = bound(&mock).await;
    let (first, second) = (paths::bind_workspace(&free[0]), paths::bind_workspace(&free[1]));
    assert_eq!(client.post_keyed(&first, &(), "k").await.status, 200);
    client.post(paths::BIND_DONE, &()).await.ok::<Activation>();
    let mails = mock.store().read(|d| d.mailbox.len());
    let finished = ApiError::WrongStep { expected: Step::Bound };
    for request in codes() {
        assert_eq!(client.post(paths::SEND_CODE, &request).await.error(), finished, "{request:?}");
    }
    assert_eq!(mock.store().read(|d| d.mailbox.len()), mails);
    // Not a new bind, nor the replay of one.
    assert_eq!(client.post(&second, &()).await.error(), finished);
    assert_eq!(client.post_keyed(&first, &(), "k").await.error(), finished);
    let settled = mock.store().read(|d| d.workspaces[&free[1]].settled_by.clone());
    assert_eq!(settled, None);
}

fn activation() -> ActivationDraft {
    ActivationDraft {
        workspace_name: "Prod".into(),
        workspace_language: "en".into(),
        ..ActivationDraft::default()
    }
}

async fn register_until_company(mock: &Mock, client: &mut Client) {
    let request = SendCodeRequest::Register { email: "reg@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let code = mock.last_code("reg@example.com");
    let draft = basic("us1", "reg_user", "reg@example.com", &code);
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
}

#[tokio::test]
async fn an_activated_session_sends_no_more_codes() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    register_until_company(&mock, &mut client).await;
    client.post(paths::REGISTER_ACTIVATE, &activation()).await.ok::<Activation>();
    let mails = mock.store().read(|d| d.mailbox.len());
    for request in codes() {
        let reply = client.post(paths::SEND_CODE, &request).await;
        assert_eq!(reply.error(), ApiError::WrongStep { expected: Step::Activated }, "{request:?}");
    }
    assert_eq!(mock.store().read(|d| d.mailbox.len()), mails);
}
