//! Codes across routes: a code proves one purpose, and every route that takes a code names each way
//! it can be refused (not sent, wrong, expired, locked); the errors of sending one; and the site a
//! marketplace does not offer, on both routes that take a site.

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, CodeSent, SendCodeRequest, StepAccepted, Workspace, paths},
    draft::{BindAccountDraft, CreateWorkspaceDraft},
    flow::CreateTab,
    rules,
};
use common::{Client, Mock, aws, basic, huawei};
use server_mock::store::seed::DEMO_BILLING;

const DEMO_EMAIL: &str = "demo.billing@example.com";
fn bind_account(code: &str) -> BindAccountDraft {
    BindAccountDraft { username: DEMO_BILLING.into(), verification_code: code.into() }
}

fn create(site: &str, code: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: site.into(),
        workspace_name: "Coded".into(),
        workspace_language: "en".into(),
        email: DEMO_EMAIL.into(),
        verification_code: code.into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    }
}

async fn send(client: &mut Client, request: SendCodeRequest) -> u16 {
    client.post(paths::SEND_CODE, &request).await.status
}

fn register_code(email: &str) -> SendCodeRequest {
    SendCodeRequest::Register { email: email.into() }
}

fn create_code(email: &str) -> SendCodeRequest {
    SendCodeRequest::CreateWorkspace { email: email.into() }
}

fn bind_code() -> SendCodeRequest {
    SendCodeRequest::BindAccount { username: DEMO_BILLING.into() }
}

/// A code that is surely not the live one: the live one with its last digit turned.
fn wrong(code: &str) -> String {
    let last = code.as_bytes()[5] - b'0';
    format!("{}{}", &code[..5], (last + 1) % 10)
}

/// A seeded mock and an AWS arrival whose session has bound the demo Billing Center account.
async fn bound_session(mock: &Mock) -> Client {
    let mut client = mock.arrive(aws("246813579024"));
    assert_eq!(send(&mut client, bind_code()).await, 200);
    let draft = bind_account(&mock.last_code(DEMO_EMAIL));
    assert_eq!(client.post(paths::BIND_ACCOUNT, &draft).await.status, 200);
    client
}

#[tokio::test]
async fn a_code_sent_to_create_a_workspace_does_not_register_that_address() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let email = "twice@example.com";
    assert_eq!(send(&mut client, create_code(email)).await, 200);
    let for_create = mock.last_code(email);
    let reply =
        client.post(paths::REGISTER_BASIC, &basic("cn2", "coder", email, &for_create)).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);

    // Each Send code button waits on its own: the register code goes at once, and proves it.
    assert_eq!(send(&mut client, register_code(email)).await, 200);
    let for_register = mock.last_code(email);
    let reply =
        client.post(paths::REGISTER_BASIC, &basic("cn2", "coder", email, &for_register)).await;
    assert!(reply.ok::<StepAccepted>().progress.basic_info_done);
}

#[tokio::test]
async fn a_code_sent_to_bind_an_account_does_not_create_a_workspace() {
    let mock = Mock::seeded();
    let mut client = bound_session(&mock).await;
    // The bind code went to the demo account's own email, the one the create form names.
    let bind_code = mock.last_code(DEMO_EMAIL);
    let reply = client.post(paths::CREATE_WORKSPACE, &create("cn2", &bind_code)).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);
    assert_eq!(send(&mut client, create_code(DEMO_EMAIL)).await, 200);
    let code = mock.last_code(DEMO_EMAIL);
    client.post(paths::CREATE_WORKSPACE, &create("cn2", &code)).await.ok::<Workspace>();
}

#[tokio::test]
async fn the_sessions_hourly_quota_counts_every_purpose() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let email = "quota@example.com";
    for sent in 0..rules::CODES_PER_SESSION_PER_HOUR {
        let request = if sent % 2 == 0 { register_code(email) } else { create_code(email) };
        assert_eq!(send(&mut client, request).await, 200, "send {sent}");
        mock.advance(60);
    }
    let reply = client.post(paths::SEND_CODE, &create_code(email)).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());
}

#[tokio::test]
async fn a_register_code_for_a_taken_email_is_refused_before_any_mail() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let before = mock.store().read(|d| d.mailbox.len());
    let reply = client.post(paths::SEND_CODE, &register_code("Demo.Billing@Example.com")).await;
    assert_eq!(reply.error(), ApiError::EmailTaken);
    assert_eq!(mock.store().read(|d| d.mailbox.len()), before);
}

#[tokio::test]
async fn a_bind_code_for_an_unknown_account_is_named() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::BindAccount { username: "nobody_here".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.error(), ApiError::UnknownAccount);
    let request = SendCodeRequest::BindAccount { username: "no".into() };
    let fields = client.post(paths::SEND_CODE, &request).await.error().field_errors();
    assert!(fields.get(FieldId::Username).is_some(), "{fields:?}");
}

#[tokio::test]
async fn binding_an_account_names_a_code_not_sent_wrong_locked_and_expired() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post(paths::BIND_ACCOUNT, &bind_account("123456")).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);

    assert_eq!(send(&mut client, bind_code()).await, 200);
    let code = mock.last_code(DEMO_EMAIL);
    let reply = client.post(paths::BIND_ACCOUNT, &bind_account(&wrong(&code))).await;
    assert_eq!(reply.error(), ApiError::CodeWrong { tries_left: rules::CODE_MAX_TRIES - 1 });
    for _ in 1..rules::CODE_MAX_TRIES - 1 {
        client.post(paths::BIND_ACCOUNT, &bind_account(&wrong(&code))).await;
    }
    let reply = client.post(paths::BIND_ACCOUNT, &bind_account(&wrong(&code))).await;
    assert_eq!(reply.error(), ApiError::CodeLocked);
    let reply = client.post(paths::BIND_ACCOUNT, &bind_account(&code)).await;
    assert_eq!(reply.error(), ApiError::CodeLocked);

    mock.advance(60);
    assert_eq!(send(&mut client, bind_code()).await, 200);
    let code = mock.last_code(DEMO_EMAIL);
    mock.advance(u64::from(rules::CODE_VALID_SECS));
    let reply = client.post(paths::BIND_ACCOUNT, &bind_account(&code)).await;
    assert_eq!(reply.error(), ApiError::CodeExpired);
}

#[tokio::test]
async fn creating_a_workspace_names_a_code_not_sent_wrong_and_expired() {
    let mock = Mock::seeded();
    let mut client = bound_session(&mock).await;
    let reply = client.post(paths::CREATE_WORKSPACE, &create("cn2", "123456")).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);

    assert_eq!(send(&mut client, create_code(DEMO_EMAIL)).await, 200);
    let code = mock.last_code(DEMO_EMAIL);
    let reply = client.post(paths::CREATE_WORKSPACE, &create("cn2", &wrong(&code))).await;
    assert_eq!(reply.error(), ApiError::CodeWrong { tries_left: rules::CODE_MAX_TRIES - 1 });
    mock.advance(u64::from(rules::CODE_VALID_SECS));
    let reply = client.post(paths::CREATE_WORKSPACE, &create("cn2", &code)).await;
    assert_eq!(reply.error(), ApiError::CodeExpired);
}

#[tokio::test]
async fn a_site_the_marketplace_does_not_offer_is_a_site_field_error_on_both_routes() {
    let mock = Mock::seeded();
    let mut client = bound_session(&mock).await;
    // AWS offers cn2 and us1; the site is checked before the code.
    let reply = client.post(paths::CREATE_WORKSPACE, &create("cn1", "123456")).await;
    let fields = reply.error().field_errors();
    assert_eq!(fields.get(FieldId::Site), Some(FieldError::SiteNotOffered));

    let mut fresh = mock.arrive(aws("123456789012"));
    let reply =
        fresh.post(paths::REGISTER_BASIC, &basic("cn4", "coder", "x@example.com", "123456")).await;
    assert_eq!(reply.error().field_errors().get(FieldId::Site), Some(FieldError::SiteNotOffered));
    // Huawei offers every site: the same draft gets as far as the code.
    let mut huawei = mock.arrive(huawei("00112233445566778899aabbccddeeff"));
    let reply =
        huawei.post(paths::REGISTER_BASIC, &basic("cn4", "coder", "x@example.com", "123456")).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);
}

#[tokio::test]
async fn a_sent_code_says_where_it_went_and_for_how_long() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let sent: CodeSent = client.post(paths::SEND_CODE, &bind_code()).await.ok();
    assert_eq!(sent.sent_to, "de***@example.com");
    assert_eq!(sent.valid_for_secs, rules::CODE_VALID_SECS);
    let subjects = mock.store().read(|d| d.mailbox.last().map(|m| m.subject.clone()));
    assert_eq!(subjects.as_deref(), Some("Your Guance Billing Center binding code"));
}
