//! A Guance console user without a Billing Center account registers through a marketplace: once
//! the email code proves the address, Register makes the Billing Center account, the new workspace
//! joins the existing console account, and its other workspaces are offered for binding. Before,
//! Send code and Basic info refused the email (`email_taken`): a dead end.

mod common;

use activation_core::{
    api::{
        Activation, ApiError, BillingAccount, SendCodeRequest, StepAccepted, Workspace,
        WorkspaceHome, WorkspaceList, WorkspaceState, paths,
    },
    domain::{Email, Site, Username, WorkspaceLanguage, WorkspaceName},
    draft::{ActivationDraft, LoginDraft},
};
use common::{Client, Mock, PASSWORD, aws, basic, company};
use server_mock::store::{
    Data,
    accounts::{self, NewWorkspace},
    data::GuanceAccount,
    hash_password, seed,
};

const CAROL_EMAIL: &str = "carol@example.com";
/// Carol's own console password; the one she types on Basic info is her new Billing Center's.
const CAROL_PASSWORD: &str = "Carol-Console-2026";

/// The demo data plus carol, a free-plan console user with workspaces "Free" and "Lab".
fn with_carol() -> Mock {
    server_mock::store::use_fast_hashes();
    let mut data = Data::default();
    seed::demo(&mut data);
    data.guance.insert(
        "carol".into(),
        GuanceAccount {
            username: Username::parse("carol").unwrap(),
            email: Email::parse(CAROL_EMAIL).unwrap(),
            phone: None,
            password_hash: hash_password(CAROL_PASSWORD),
        },
    );
    for name in ["Free", "Lab"] {
        let new = NewWorkspace {
            name: WorkspaceName::parse(name).unwrap(),
            site: Site::Cn1,
            language: WorkspaceLanguage::En,
        };
        let id = accounts::create_workspace(&mut data, new, "carol", "unused");
        data.workspaces.get_mut(&id).unwrap().billing = None;
    }
    Mock::with_data(data)
}

/// Register steps 1 and 2 with carol's email and `username`; Basic info's answer.
async fn basic_and_company(mock: &Mock, client: &mut Client, username: &str) -> StepAccepted {
    let request = SendCodeRequest::Register { email: CAROL_EMAIL.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200, "a code is sent");
    let code = mock.last_code(CAROL_EMAIL);
    let accepted: StepAccepted =
        client.post(paths::REGISTER_BASIC, &basic("cn2", username, CAROL_EMAIL, &code)).await.ok();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
    accepted
}

fn method(name: &str) -> ActivationDraft {
    ActivationDraft {
        workspace_name: name.into(),
        workspace_language: "en".into(),
        ..ActivationDraft::default()
    }
}

#[tokio::test]
async fn a_guance_users_email_registers_into_their_console_account_once_the_code_proves_it() {
    let mock = with_carol();
    let mut client = mock.arrive(aws("123456789012"));
    let accepted = basic_and_company(&mock, &mut client, "carol_billing").await;
    assert_eq!(accepted.guance_account.as_deref(), Some("carol"), "the screen can say whose");
    let done: Activation = client.post(paths::REGISTER_ACTIVATE, &method("Prod")).await.ok();
    assert_eq!(done.billing_account, "carol_billing");

    // The workspace is carol's: her own console login opens it.
    let mut console = mock.client();
    let login = LoginDraft { username: "carol".into(), password: CAROL_PASSWORD.into() };
    assert_eq!(console.post(paths::LOGIN, &login).await.status, 200);
    let home: WorkspaceHome = console.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "Prod");
    // The typed username and password are the Billing Center account's, not a second console one.
    let typed = LoginDraft { username: "carol_billing".into(), password: PASSWORD.into() };
    assert_eq!(mock.client().post(paths::LOGIN, &typed).await.error(), ApiError::BadCredentials);
    let mut billing = mock.client();
    billing.post(paths::BILLING_LOGIN, &typed).await.ok::<BillingAccount>();
    let list: WorkspaceList = billing.get(paths::BILLING_WORKSPACES).await.ok();
    let names: Vec<&str> = list.workspaces.iter().map(|w| w.name.as_str()).collect();
    assert_eq!(names, ["Prod"]);
}

#[tokio::test]
async fn the_console_accounts_other_workspaces_are_offered_and_bound_on_request() {
    let mock = with_carol();
    let mut client = mock.arrive(aws("123456789012"));
    basic_and_company(&mock, &mut client, "carol").await;
    assert_eq!(
        client.get(paths::REGISTER_OFFERED).await.error(),
        ApiError::WrongStep { expected: activation_core::flow::Step::RegisterMethod },
        "offered only once activated"
    );
    client.post(paths::REGISTER_ACTIVATE, &method("Prod")).await.ok::<Activation>();
    let offered: WorkspaceList = client.get(paths::REGISTER_OFFERED).await.ok();
    let states: Vec<(&str, WorkspaceState)> =
        offered.workspaces.iter().map(|w| (w.name.as_str(), w.state)).collect();
    assert_eq!(states, [("Free", WorkspaceState::Bindable), ("Lab", WorkspaceState::Bindable)]);
    let free = &offered.workspaces[0].id;
    let bound: Workspace = client.post(&paths::register_bind_offered(free), &()).await.ok();
    assert_eq!(bound.state, WorkspaceState::Bound);
    let again: Workspace = client.post(&paths::register_bind_offered(free), &()).await.ok();
    assert_eq!(again, bound, "binding twice answers the same");

    let mut billing = mock.client();
    let login = LoginDraft { username: "carol".into(), password: PASSWORD.into() };
    billing.post(paths::BILLING_LOGIN, &login).await.ok::<BillingAccount>();
    let list: WorkspaceList = billing.get(paths::BILLING_WORKSPACES).await.ok();
    let mut names: Vec<&str> = list.workspaces.iter().map(|w| w.name.as_str()).collect();
    names.sort_unstable();
    assert_eq!(names, ["Free", "Prod"]);
}

#[tokio::test]
async fn an_ordinary_registration_is_offered_nothing_and_binds_nothing() {
    let mock = with_carol();
    let mut client = mock.arrive(aws("123456789012"));
    let email = "erin@example.com";
    let request = SendCodeRequest::Register { email: email.into() };
    client.post(paths::SEND_CODE, &request).await;
    let code = mock.last_code(email);
    let accepted: StepAccepted =
        client.post(paths::REGISTER_BASIC, &basic("cn2", "erin", email, &code)).await.ok();
    assert_eq!(accepted.guance_account, None);
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_ACTIVATE, &method("Prod")).await.ok::<Activation>();
    let offered: WorkspaceList = client.get(paths::REGISTER_OFFERED).await.ok();
    assert!(offered.workspaces.is_empty());
    let carols = mock.store().read(|d| {
        d.workspaces.values().find(|w| w.owner == "carol").map(|w| w.id.clone()).unwrap()
    });
    let reply = client.post(&paths::register_bind_offered(&carols), &()).await;
    assert_eq!(reply.error(), ApiError::NotFound, "another's workspace is not this session's");
}

#[tokio::test]
async fn an_email_with_a_billing_center_account_is_still_sent_to_bind() {
    let mock = with_carol();
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::Register { email: "demo.billing@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.error(), ApiError::EmailTaken);
    // And a username another console user has stays taken.
    let request = SendCodeRequest::Register { email: CAROL_EMAIL.into() };
    client.post(paths::SEND_CODE, &request).await;
    let code = mock.last_code(CAROL_EMAIL);
    let draft = basic("cn2", seed::DEMO_BILLING, CAROL_EMAIL, &code);
    assert_eq!(client.post(paths::REGISTER_BASIC, &draft).await.error(), ApiError::UsernameTaken);
}
