//! **Log in directly** (Huawei, already bound) signs in only the Guance account that the unified
//! login's member (tenant + member account) made when activating: never the owner of some
//! workspace the Huawei account pays for, who can be anyone (issue 19).

mod common;
#[path = "support/documented.rs"]
mod documented;
#[path = "support/koogallery.rs"]
mod koogallery;

use activation_core::{
    api::{
        Activation, ApiError, BoundAccount, CodeSent, LoggedIn, SendCodeRequest, SessionContext,
        StepAccepted, Workspace, WorkspaceHome, paths,
    },
    draft::{ActivationDraft, BindAccountDraft, CreateWorkspaceDraft, LoginDraft},
    flow::CreateTab,
};
use common::{Client, Mock, PASSWORD, aws, basic, company};
use server_mock::store::seed::{DEMO_BILLING, DEMO_PASSWORD};

const HUAWEI: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
/// The seeded console user (demo_billing) whose email the attacker uses.
const VICTIM_EMAIL: &str = "demo.billing@example.com";

/// Register → Activate for `username` in `client`'s session (any marketplace).
async fn register(mock: &Mock, client: &mut Client, site: &str, username: &str) -> Activation {
    let email = format!("{username}@example.com");
    let request = SendCodeRequest::Register { email: email.clone() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = basic(site, username, &email, &mock.last_code(&email));
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
    let method = ActivationDraft {
        workspace_name: format!("{username} space"),
        workspace_language: "en".into(),
        huawei_account_id: if site == "cn4" { HUAWEI.into() } else { String::new() },
        ..ActivationDraft::default()
    };
    client.post(paths::REGISTER_ACTIVATE, &method).await.ok()
}

/// Binds the Billing Center account `username` (email `email`) in `client`'s session.
async fn bind(mock: &Mock, client: &mut Client, username: &str, email: &str) {
    let request = SendCodeRequest::BindAccount { username: username.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft =
        BindAccountDraft { username: username.into(), verification_code: mock.last_code(email) };
    client.post(paths::BIND_ACCOUNT, &draft).await.ok::<BoundAccount>();
}

fn create(tab: CreateTab, name: &str, email: &str, code: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab,
        site: "cn4".into(),
        workspace_name: name.into(),
        workspace_language: "en".into(),
        email: email.into(),
        verification_code: code.into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    }
}

/// A new Huawei hand-off of the (set up) Huawei account, in a new browser.
async fn huawei_again(mock: &Mock) -> Client {
    let mut browser = mock.client();
    koogallery::hand_off(&mut browser, HUAWEI).await;
    let context: SessionContext = browser.get(paths::SESSION).await.ok();
    assert!(context.already_bound.is_some(), "the Huawei account is bound now");
    browser
}

#[tokio::test]
async fn binding_a_workspace_of_someone_elses_email_lets_direct_login_sign_in_no_one() {
    let mock = Mock::seeded();
    // The attacker registers a Billing Center account (through AWS) ...
    let mut aws_session = mock.arrive(aws("123456789012"));
    register(&mock, &mut aws_session, "us1", "mallory").await;
    // ... binds a Huawei account to it ...
    mock.advance(61);
    let mut huawei = mock.client();
    koogallery::hand_off(&mut huawei, HUAWEI).await;
    bind(&mock, &mut huawei, "mallory", "mallory@example.com").await;
    // ... creates a workspace "with a Guance account": the victim's email, the code read from
    // the mailbox ...
    let request = SendCodeRequest::CreateWorkspace { email: VICTIM_EMAIL.into() };
    huawei.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft =
        create(CreateTab::ExistingAccount, "Stolen", VICTIM_EMAIL, &mock.last_code(VICTIM_EMAIL));
    huawei.post(paths::CREATE_WORKSPACE, &draft).await.ok::<Workspace>();
    huawei.post(paths::BIND_DONE, &()).await.ok::<Activation>();
    // ... and the victim has locked their account with wrong passwords.
    let mut victim = mock.client();
    for _ in 0..5 {
        let wrong =
            LoginDraft { username: DEMO_BILLING.into(), password: "Wrong-Guess-123".into() };
        assert_eq!(victim.post(paths::LOGIN, &wrong).await.error(), ApiError::BadCredentials);
    }

    // A new Huawei hand-off: Log in directly signs in no one.
    let mut again = huawei_again(&mock).await;
    let reply = again.post(paths::LOGIN_DIRECT, &()).await;
    assert_eq!(reply.error(), ApiError::DirectLoginUnavailable);
    assert!(reply.headers.get("set-cookie").is_none(), "no login cookie");
    assert_eq!(again.get(paths::WORKSPACE_HOME).await.error(), ApiError::Unauthorized);
    assert!(mock.store().read(|data| data.logins.is_empty()), "no console login at all");
    let locked = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    assert!(matches!(
        victim.post(paths::LOGIN, &locked).await.error(),
        ApiError::RateLimited { .. }
    ));
}

#[tokio::test]
async fn direct_login_signs_in_the_account_the_member_registered() {
    let mock = Mock::seeded();
    let mut first = mock.client();
    koogallery::hand_off(&mut first, HUAWEI).await;
    let context: SessionContext = first.get(paths::SESSION).await.ok();
    let member = context.member.expect("the unified login named the member");
    register(&mock, &mut first, "cn4", "hw_owner").await;

    let mut again = huawei_again(&mock).await;
    let reply = again.post(paths::LOGIN_DIRECT, &()).await;
    // Its console cookie, as the OpenAPI document says (openapi_answers.rs checks the others).
    documented::as_documented(&documented::doc(), "post", paths::LOGIN_DIRECT, &reply);
    assert!(reply.headers.contains_key("set-cookie"), "a console login cookie");
    let who: LoggedIn = reply.ok();
    assert_eq!(who.username, "hw_owner");
    let home: WorkspaceHome = again.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "hw_owner space");
    let linked = mock.store().read(|data| data.huawei.links.values().cloned().collect::<Vec<_>>());
    assert_eq!(linked, ["hw_owner"], "member {} linked its own account", member.as_str());
}

#[tokio::test]
async fn direct_login_signs_in_the_account_the_member_created_while_binding() {
    let mock = Mock::seeded();
    let mut first = mock.client();
    koogallery::hand_off(&mut first, HUAWEI).await;
    bind(&mock, &mut first, DEMO_BILLING, VICTIM_EMAIL).await;
    mock.advance(61);
    let email = "newcomer@example.com";
    let request = SendCodeRequest::CreateWorkspace { email: email.into() };
    first.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = CreateWorkspaceDraft {
        username: "newcomer".into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        ..create(CreateTab::NewAccount, "Newcomer's", email, &mock.last_code(email))
    };
    first.post(paths::CREATE_WORKSPACE, &draft).await.ok::<Workspace>();
    first.post(paths::BIND_DONE, &()).await.ok::<Activation>();

    let mut again = huawei_again(&mock).await;
    let who: LoggedIn = again.post(paths::LOGIN_DIRECT, &()).await.ok();
    assert_eq!(who.username, "newcomer");
    let home: WorkspaceHome = again.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "Newcomer's");
}

#[tokio::test]
async fn the_member_account_is_in_the_session_answer_to_pre_fill_the_username() {
    let mock = Mock::new();
    let mut browser = mock.client();
    koogallery::hand_off(&mut browser, HUAWEI).await;
    let json: serde_json::Value = browser.get(paths::SESSION).await.json();
    assert_eq!(json["member"], "hw_0a1b2c3d");
    // Other marketplaces have no member: the field is left out.
    let mut aws_session = mock.arrive(aws("123456789012"));
    let json: serde_json::Value = aws_session.get(paths::SESSION).await.json();
    assert!(json.get("member").is_none(), "{json}");
}
