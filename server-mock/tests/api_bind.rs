//! The bind path, direct login, faults and idempotency under concurrency, through the real router.

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{
        Activation, ApiError, BoundAccount, CodeSent, LoggedIn, SendCodeRequest, SessionContext,
        Workspace, WorkspaceHome, WorkspaceList, WorkspaceState, paths,
    },
    domain::WorkspaceId,
    draft::{BindAccountDraft, CreateWorkspaceDraft, LoginDraft},
    flow::{CreateTab, Step},
};
use common::{Client, Mock, aliyun, aws, huawei};
use server_mock::store::seed::{BOUND_AWS, BOUND_HUAWEI, DEMO_BILLING, DEMO_PASSWORD};

const DEMO_EMAIL: &str = "demo.billing@example.com";

/// Binds the demo Billing Center account in `client`'s session.
async fn bind_demo(mock: &Mock, client: &mut Client) -> BoundAccount {
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    let sent: CodeSent = client.post(paths::SEND_CODE, &request).await.ok();
    assert_eq!(sent.sent_to, "de***@example.com");
    let draft = BindAccountDraft {
        username: "Demo_Billing".into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    client.post(paths::BIND_ACCOUNT, &draft).await.ok()
}

fn named<'a>(workspaces: &'a [Workspace], name: &str) -> &'a Workspace {
    workspaces.iter().find(|w| w.name.as_str() == name).unwrap()
}

fn create_existing(name: &str, code: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn1".into(),
        workspace_name: name.into(),
        workspace_language: "zh".into(),
        email: DEMO_EMAIL.into(),
        verification_code: code.into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    }
}

async fn create_code(mock: &Mock, client: &mut Client, email: &str) -> String {
    mock.advance(60);
    let request = SendCodeRequest::CreateWorkspace { email: email.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    mock.last_code(email)
}

#[tokio::test]
async fn an_unknown_billing_center_account_is_named() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let request = SendCodeRequest::BindAccount { username: "nobody_here".into() };
    let reply = client.post(paths::SEND_CODE, &request).await;
    assert_eq!(reply.error(), ApiError::UnknownAccount);
    assert_eq!(
        reply.error().field_errors().get(FieldId::Username),
        Some(FieldError::UnknownAccount)
    );
}

#[tokio::test]
async fn workspaces_cannot_be_listed_before_the_account_is_bound() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let reply = client.get(paths::BIND_WORKSPACES).await;
    assert_eq!(reply.error(), ApiError::WrongStep { expected: Step::BindAccount });
}

#[tokio::test]
async fn binding_shows_each_workspace_state_and_binds_the_bindable_ones() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let bound = bind_demo(&mock, &mut client).await;
    assert_eq!(bound.billing_account, "Demo_Billing");
    assert_eq!(named(&bound.workspaces, "Demo Production").state, WorkspaceState::Bindable);
    assert_eq!(named(&bound.workspaces, "Demo Analytics").state, WorkspaceState::SettledElsewhere);

    let production = named(&bound.workspaces, "Demo Production").id.clone();
    let path = paths::bind_workspace(&production);
    let now_bound: Workspace = client.post_keyed(&path, &(), "bind-1").await.ok();
    assert_eq!(now_bound.state, WorkspaceState::Bound);
    // A double click (same key) or a repeat (no key) binds once.
    assert_eq!(client.post_keyed(&path, &(), "bind-1").await.ok::<Workspace>(), now_bound);
    assert_eq!(client.post(&path, &()).await.ok::<Workspace>(), now_bound);

    let analytics = named(&bound.workspaces, "Demo Analytics").id.clone();
    let reply = client.post(&paths::bind_workspace(&analytics), &()).await;
    assert_eq!(reply.error(), ApiError::WorkspaceSettledElsewhere);

    let list: WorkspaceList = client.get(paths::BIND_WORKSPACES).await.ok();
    assert_eq!(named(&list.workspaces, "Demo Production").state, WorkspaceState::Bound);

    let done: Activation = client.post(paths::BIND_DONE, &()).await.ok();
    assert_eq!(done.workspaces.len(), 1);
    let context: SessionContext = client.get(paths::SESSION).await.ok();
    assert!(context.progress.bind_finished);
    assert_eq!(context.progress.workspaces_bound, 1);
}

#[tokio::test]
async fn another_accounts_workspace_is_not_found_not_bindable() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_demo(&mock, &mut client).await;
    let foreign = mock.store().read(|d| {
        d.workspaces
            .values()
            .find(|w| w.billing.as_deref() == Some("bound_billing"))
            .unwrap()
            .id
            .clone()
    });
    let reply = client.post(&paths::bind_workspace(&foreign), &()).await;
    assert_eq!(reply.error(), ApiError::NotFound);
    let missing = WorkspaceId::parse("ws_999999").unwrap();
    assert_eq!(
        client.post(&paths::bind_workspace(&missing), &()).await.error(),
        ApiError::NotFound
    );
    assert_eq!(
        client.post("/api/v1/bind/workspaces/NOT%20AN%20ID", &()).await.error(),
        ApiError::NotFound
    );
}

#[tokio::test]
async fn done_needs_at_least_one_bound_workspace() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_demo(&mock, &mut client).await;
    let reply = client.post(paths::BIND_DONE, &()).await;
    assert_eq!(reply.error(), ApiError::WrongStep { expected: Step::BindWorkspaces });
}

#[tokio::test]
async fn a_workspace_created_with_an_existing_account_is_bound_and_names_are_unique() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(huawei("00112233445566778899aabbccddeeff"));
    bind_demo(&mock, &mut client).await;
    let code = create_code(&mock, &mut client, DEMO_EMAIL).await;
    let created: Workspace = client
        .post_keyed(paths::CREATE_WORKSPACE, &create_existing("New Space", &code), "c1")
        .await
        .ok();
    assert_eq!(created.state, WorkspaceState::Bound);
    assert_eq!(created.language.code(), "zh");

    let code = create_code(&mock, &mut client, DEMO_EMAIL).await;
    let reply = client.post(paths::CREATE_WORKSPACE, &create_existing("new space", &code)).await;
    assert_eq!(reply.error(), ApiError::WorkspaceNameTaken);
}

#[tokio::test]
async fn creating_with_an_unknown_email_names_the_email_field() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(huawei("00112233445566778899aabbccddeeff"));
    bind_demo(&mock, &mut client).await;
    let mut draft = create_existing("Space", "123456");
    draft.email = "stranger@example.com".into();
    let fields = client.post(paths::CREATE_WORKSPACE, &draft).await.error().field_errors();
    assert_eq!(fields.get(FieldId::Email), Some(FieldError::UnknownAccount));
}

#[tokio::test]
async fn a_workspace_created_with_a_new_account_can_log_in_at_once() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(huawei("00112233445566778899aabbccddeeff"));
    bind_demo(&mock, &mut client).await;
    let code = create_code(&mock, &mut client, "frank@example.com").await;
    let draft = CreateWorkspaceDraft {
        tab: CreateTab::NewAccount,
        site: "cn4".into(),
        workspace_name: "Frank's".into(),
        workspace_language: "en".into(),
        username: "frank".into(),
        password: "Quiet-Meadow-77".into(),
        confirm_password: "Quiet-Meadow-77".into(),
        email: "frank@example.com".into(),
        verification_code: code,
        phone: "+86 138 0013 8000".into(),
        agree_terms: true,
    };
    client.post(paths::CREATE_WORKSPACE, &draft).await.ok::<Workspace>();
    client.post(paths::BIND_DONE, &()).await.ok::<Activation>();

    let mut browser = mock.client();
    let login = LoginDraft { username: "frank".into(), password: "Quiet-Meadow-77".into() };
    browser.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    let home: WorkspaceHome = browser.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "Frank's");
    assert!(home.install_command.contains("cn4-openway"), "{}", home.install_command);
}

#[tokio::test]
async fn the_workspace_home_lists_every_workspace_with_the_one_just_bound_first() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let bound = bind_demo(&mock, &mut client).await;
    // Not the first of the account's workspaces in any stored order: the one just bound.
    let staging = named(&bound.workspaces, "Demo Staging").id.clone();
    client.post(&paths::bind_workspace(&staging), &()).await.ok::<Workspace>();
    client.post(paths::BIND_DONE, &()).await.ok::<Activation>();

    let mut browser = mock.client();
    let login = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    browser.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    let home: WorkspaceHome = browser.get(paths::WORKSPACE_HOME).await.ok();
    assert_eq!(home.workspace.name.as_str(), "Demo Staging");
    let names: Vec<&str> = home.workspaces.iter().map(|w| w.workspace.name.as_str()).collect();
    assert_eq!(names, ["Demo Staging", "Demo Analytics", "Demo Production"]);
    assert_eq!(home.workspaces[0].install_command, home.install_command);
    assert!(home.workspaces[2].install_command.contains("aws-openway"), "{:?}", home.workspaces);
}

#[tokio::test]
async fn a_cloud_account_settles_for_one_billing_center_account() {
    let mock = Mock::seeded();
    // BOUND_AWS already settles for bound_billing: it arrives as already bound.
    let mut client = mock.arrive(aws(BOUND_AWS));
    let context: SessionContext = client.get(paths::SESSION).await.ok();
    assert_eq!(context.already_bound.unwrap().workspaces.len(), 1);
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    client.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    assert_eq!(
        client.post(paths::BIND_ACCOUNT, &draft).await.error(),
        ApiError::CloudAccountAlreadyBound
    );
}

#[tokio::test]
async fn only_a_bound_huawei_account_logs_in_directly() {
    let mock = Mock::seeded();
    // Bound, but this session's member linked no Guance account (direct login's success is in
    // huawei_direct_login.rs): the owner of the bound workspace is not signed in.
    let mut huawei_client = mock.arrive(huawei(BOUND_HUAWEI));
    let reply = huawei_client.post(paths::LOGIN_DIRECT, &()).await;
    assert_eq!(reply.error(), ApiError::DirectLoginUnavailable);

    let mut aws_client = mock.arrive(aws(BOUND_AWS));
    assert_eq!(aws_client.post(paths::LOGIN_DIRECT, &()).await.error(), ApiError::Unauthorized);
    // Not bound: the flow has no Already bound step for this session, so no direct login either.
    let mut unbound = mock.arrive(huawei("ffffffffffffffffffffffffffffffff"));
    assert_eq!(
        unbound.post(paths::LOGIN_DIRECT, &()).await.error(),
        ApiError::WrongStep { expected: Step::Choose }
    );
}

#[tokio::test]
async fn logout_ends_the_console_session() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let login = LoginDraft { username: DEMO_BILLING.into(), password: DEMO_PASSWORD.into() };
    browser.post(paths::LOGIN, &login).await.ok::<LoggedIn>();
    assert_eq!(browser.get(paths::WORKSPACE_HOME).await.status, 200);
    assert_eq!(browser.post(paths::LOGOUT, &()).await.status, 204);
    assert_eq!(browser.get(paths::WORKSPACE_HOME).await.error(), ApiError::Unauthorized);
}

#[tokio::test]
async fn fail_next_makes_exactly_that_many_requests_fail_with_503() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post("/dev/faults", &serde_json::json!({ "fail_next": 1 })).await;
    assert_eq!(reply.status, 200);
    let reply = client.get(paths::SESSION).await;
    assert_eq!(reply.error(), ApiError::Unavailable);
    assert_eq!(reply.headers["retry-after"], "1");
    assert_eq!(client.get(paths::SESSION).await.status, 200);
}

// Worker threads, so the 50 requests really race for the store instead of taking turns.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_parallel_creates_with_one_key_make_one_workspace() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_demo(&mock, &mut client).await;
    let code = create_code(&mock, &mut client, DEMO_EMAIL).await;
    let draft = create_existing("Raced", &code);
    let before = mock.store().read(|d| d.workspaces.len());
    let cookies = client.cookies.clone();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let mut racer = mock.client();
            racer.cookies = cookies.clone();
            let draft = draft.clone();
            tokio::spawn(async move {
                racer
                    .post_keyed(paths::CREATE_WORKSPACE, &draft, "same-key")
                    .await
                    .ok::<Workspace>()
            })
        })
        .collect();
    let mut ids = Vec::new();
    for task in tasks {
        ids.push(task.await.unwrap().id);
    }
    ids.dedup();
    assert_eq!(ids.len(), 1);
    assert_eq!(mock.store().read(|d| d.workspaces.len()), before + 1);
}

#[tokio::test]
async fn after_binding_an_account_the_register_path_is_closed() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind_demo(&mock, &mut client).await;
    let reply = client
        .post(paths::REGISTER_COMPANY, &activation_core::draft::CompanyDraft::default())
        .await;
    assert_eq!(reply.error(), ApiError::WrongStep { expected: Step::BindWorkspaces });
}

#[tokio::test]
async fn binding_the_same_account_again_in_one_session_answers_the_same_without_a_new_code() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let first = bind_demo(&mock, &mut client).await;
    // The retry after a lost answer, or Back and Bind again: the draft still holds the spent code.
    let draft = BindAccountDraft {
        username: "Demo_Billing".into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    let again: BoundAccount = client.post(paths::BIND_ACCOUNT, &draft).await.ok();
    assert_eq!(again, first);
    // Another session cannot use that code: it was never that session's.
    let mut other = mock.arrive(aliyun("5555666677778888"));
    assert_eq!(other.post(paths::BIND_ACCOUNT, &draft).await.error(), ApiError::CodeNotSent);
}
