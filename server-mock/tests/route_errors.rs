//! The refusals of each route that the path-by-path files leave out: a cloud account bound before
//! the session began, a step not reached yet or already left behind, what another session took in
//! the meantime, and the smaller validation, key and login cases. Each test names the route and
//! the exact error it must answer.

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, SendCodeRequest, StepAccepted, Workspace, WorkspaceList, paths},
    domain::WorkspaceId,
    draft::{ActivationDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft, LoginDraft},
    flow::{CreateTab, Step},
};
use axum::{
    body::Body,
    http::{HeaderValue, Request, header},
};
use common::{Client, Mock, PASSWORD, aliyun, aws, basic, company};
use server_mock::{
    access::Access,
    routes::{Method, Operation},
    store::seed::{BOUND_AWS, BOUND_BILLING, DEMO_BILLING},
};

const DEMO_EMAIL: &str = "demo.billing@example.com";
/// A route called with a body (or none): enough to be refused for the session's state alone.
#[derive(Clone, Copy, Debug)]
enum Call {
    Get(&'static str),
    Post(&'static str),
    Create,
    BindOne,
}

impl Call {
    async fn send(self, client: &mut Client) -> ApiError {
        let reply = match self {
            Call::Get(path) => client.get(path).await,
            Call::Post(path) if path == paths::REGISTER_COMPANY => {
                client.post(path, &company()).await
            }
            Call::Post(path) if path == paths::REGISTER_ACTIVATE => {
                client.post(path, &method("Refused")).await
            }
            Call::Post(path) => client.post(path, &()).await,
            Call::Create => client.post(paths::CREATE_WORKSPACE, &existing("123456")).await,
            Call::BindOne => {
                let id = WorkspaceId::parse("ws_000001").unwrap();
                client.post(&paths::bind_workspace(&id), &()).await
            }
        };
        reply.error()
    }
}

fn method(name: &str) -> ActivationDraft {
    ActivationDraft {
        workspace_name: name.into(),
        workspace_language: "en".into(),
        ..ActivationDraft::default()
    }
}

fn existing(code: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn2".into(),
        workspace_name: "Refused".into(),
        workspace_language: "en".into(),
        email: DEMO_EMAIL.into(),
        verification_code: code.into(),
        agree_terms: true,
        ..CreateWorkspaceDraft::default()
    }
}

fn new_account(username: &str, email: &str) -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::NewAccount,
        username: username.into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        email: email.into(),
        phone: "+86 138 0013 8000".into(),
        ..existing("123456")
    }
}

/// Basic and company info accepted in `client`'s session, for `username` at `email`.
async fn through_company(mock: &Mock, client: &mut Client, username: &str, email: &str) {
    let request = SendCodeRequest::Register { email: email.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = basic("cn2", username, email, &mock.last_code(email));
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
}

/// Binds the Billing Center account `username` (mailed at `email`) in `client`'s session.
async fn bind(mock: &Mock, client: &mut Client, username: &str, email: &str) {
    let request = SendCodeRequest::BindAccount { username: username.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft =
        BindAccountDraft { username: username.into(), verification_code: mock.last_code(email) };
    assert_eq!(client.post(paths::BIND_ACCOUNT, &draft).await.status, 200);
}

/// Binds the first bindable workspace of the session's Billing Center account.
async fn bind_first(client: &mut Client) -> Workspace {
    let list: WorkspaceList = client.get(paths::BIND_WORKSPACES).await.ok();
    let bindable = list
        .workspaces
        .iter()
        .find(|w| w.state == activation_core::api::WorkspaceState::Bindable)
        .expect("a bindable workspace");
    client.post(&paths::bind_workspace(&bindable.id), &()).await.ok()
}

#[tokio::test]
async fn every_later_step_refuses_a_cloud_account_bound_before_the_session() {
    let mock = Mock::seeded();
    let calls = [
        Call::Post(paths::REGISTER_COMPANY),
        Call::Post(paths::REGISTER_ACTIVATE),
        Call::Get(paths::BIND_WORKSPACES),
        Call::BindOne,
        Call::Create,
        Call::Post(paths::BIND_DONE),
    ];
    for call in calls {
        let mut client = mock.arrive(aws(BOUND_AWS));
        assert_eq!(call.send(&mut client).await, ApiError::CloudAccountAlreadyBound, "{call:?}");
    }
}

#[tokio::test]
async fn the_bind_steps_before_an_account_is_bound_send_back_to_bind_account() {
    let mock = Mock::seeded();
    for call in [Call::Get(paths::BIND_WORKSPACES), Call::BindOne, Call::Create] {
        let mut client = mock.arrive(aws("123456789012"));
        let expected = ApiError::WrongStep { expected: Step::BindAccount };
        assert_eq!(call.send(&mut client).await, expected, "{call:?}");
    }
    let mut client = mock.arrive(aws("123456789012"));
    let expected = ApiError::WrongStep { expected: Step::BindAccount };
    assert_eq!(Call::Post(paths::BIND_DONE).send(&mut client).await, expected);
}

#[tokio::test]
async fn activate_before_the_earlier_steps_names_the_step_to_go_back_to() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let expected = ApiError::WrongStep { expected: Step::RegisterBasic };
    assert_eq!(Call::Post(paths::REGISTER_ACTIVATE).send(&mut client).await, expected);
    let request = SendCodeRequest::Register { email: "early@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = basic("cn2", "early", "early@example.com", &mock.last_code("early@example.com"));
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    let expected = ApiError::WrongStep { expected: Step::RegisterCompany };
    assert_eq!(Call::Post(paths::REGISTER_ACTIVATE).send(&mut client).await, expected);
}

#[tokio::test]
async fn after_bind_done_every_step_sends_to_the_summary() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    bind_first(&mut client).await;
    assert_eq!(client.post(paths::BIND_DONE, &()).await.status, 200);
    for call in [Call::Get(paths::BIND_WORKSPACES), Call::BindOne, Call::Create] {
        let expected = ApiError::WrongStep { expected: Step::Bound };
        assert_eq!(call.send(&mut client).await, expected, "{call:?}");
    }
    let reply = client
        .post(paths::REGISTER_BASIC, &basic("cn2", "late", "late@example.com", "123456"))
        .await;
    assert_eq!(reply.error(), ApiError::WrongStep { expected: Step::Bound });
}

#[tokio::test]
async fn after_activation_the_bind_steps_send_to_the_summary() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    through_company(&mock, &mut client, "finisher", "finisher@example.com").await;
    assert_eq!(client.post(paths::REGISTER_ACTIVATE, &method("Done")).await.status, 200);
    for call in [Call::Get(paths::BIND_WORKSPACES), Call::BindOne, Call::Post(paths::BIND_DONE)] {
        let expected = ApiError::WrongStep { expected: Step::Activated };
        assert_eq!(call.send(&mut client).await, expected, "{call:?}");
    }
}

#[tokio::test]
async fn registering_after_binding_an_account_sends_to_the_workspace_list() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    let expected = ApiError::WrongStep { expected: Step::BindWorkspaces };
    let reply = client
        .post(paths::REGISTER_BASIC, &basic("cn2", "late", "late@example.com", "123456"))
        .await;
    assert_eq!(reply.error(), expected);
    assert_eq!(Call::Post(paths::REGISTER_ACTIVATE).send(&mut client).await, expected);
}

#[tokio::test]
async fn activate_checks_again_what_another_session_took_since_basic_info() {
    let mock = Mock::new();
    // The same username in two sessions, each with its own email: the first to activate has it.
    let (mut first, mut second) =
        (mock.arrive(aws("111111111111")), mock.arrive(aws("222222222222")));
    through_company(&mock, &mut first, "twin", "twin.one@example.com").await;
    through_company(&mock, &mut second, "twin", "twin.two@example.com").await;
    assert_eq!(first.post(paths::REGISTER_ACTIVATE, &method("One")).await.status, 200);
    let reply = second.post(paths::REGISTER_ACTIVATE, &method("Two")).await;
    assert_eq!(reply.error(), ApiError::UsernameTaken);

    // The same email under two usernames.
    let (mut first, mut second) =
        (mock.arrive(aws("333333333333")), mock.arrive(aws("444444444444")));
    through_company(&mock, &mut first, "mail_one", "shared@example.com").await;
    mock.advance(60);
    through_company(&mock, &mut second, "mail_two", "shared@example.com").await;
    assert_eq!(first.post(paths::REGISTER_ACTIVATE, &method("One")).await.status, 200);
    let reply = second.post(paths::REGISTER_ACTIVATE, &method("Two")).await;
    assert_eq!(reply.error(), ApiError::EmailTaken);

    // One cloud account in two sessions: the second activation would bind it twice.
    let (mut first, mut second) =
        (mock.arrive(aws("555555555555")), mock.arrive(aws("555555555555")));
    through_company(&mock, &mut first, "cloud_one", "cloud.one@example.com").await;
    through_company(&mock, &mut second, "cloud_two", "cloud.two@example.com").await;
    assert_eq!(first.post(paths::REGISTER_ACTIVATE, &method("One")).await.status, 200);
    let reply = second.post(paths::REGISTER_ACTIVATE, &method("Two")).await;
    assert_eq!(reply.error(), ApiError::CloudAccountAlreadyBound);
}

#[tokio::test]
async fn a_cloud_account_settled_for_one_billing_center_account_cannot_settle_for_another() {
    let mock = Mock::seeded();
    let account = "7777888899990000";
    let (mut first, mut second) = (mock.arrive(aliyun(account)), mock.arrive(aliyun(account)));
    // The second session binds bound_billing while the cloud account is still free...
    bind(&mock, &mut second, BOUND_BILLING, "bound.billing@example.com").await;
    // ...then the first binds demo_billing and settles one of its workspaces.
    bind(&mock, &mut first, DEMO_BILLING, DEMO_EMAIL).await;
    bind_first(&mut first).await;
    // The second can no longer settle anything, nor bind another account.
    let code = SendCodeRequest::CreateWorkspace { email: DEMO_EMAIL.into() };
    assert_eq!(second.post(paths::SEND_CODE, &code).await.status, 200);
    let draft = existing(&mock.last_code(DEMO_EMAIL));
    let reply = second.post(paths::CREATE_WORKSPACE, &draft).await;
    assert_eq!(reply.error(), ApiError::CloudAccountAlreadyBound);
    let other =
        BindAccountDraft { username: BOUND_BILLING.into(), verification_code: "123456".into() };
    let reply = second.post(paths::BIND_ACCOUNT, &other).await;
    assert_eq!(reply.error(), ApiError::CloudAccountAlreadyBound);
}

#[tokio::test]
async fn creating_with_a_new_account_checks_the_username_and_the_email_before_the_code() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    bind(&mock, &mut client, DEMO_BILLING, DEMO_EMAIL).await;
    let reply =
        client.post(paths::CREATE_WORKSPACE, &new_account("Demo_Billing", "x@example.com")).await;
    assert_eq!(reply.error(), ApiError::UsernameTaken);
    let reply = client
        .post(paths::CREATE_WORKSPACE, &new_account("fresh_owner", "DEMO.billing@example.com"))
        .await;
    assert_eq!(reply.error(), ApiError::EmailTaken);
}

#[tokio::test]
async fn basic_info_names_a_taken_email_before_asking_for_its_code() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let reply =
        client.post(paths::REGISTER_BASIC, &basic("cn2", "newcomer", DEMO_EMAIL, "123456")).await;
    assert_eq!(reply.error(), ApiError::EmailTaken);
}

#[tokio::test]
async fn company_info_and_bind_account_name_every_invalid_field() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::Register { email: "fields@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = basic("cn2", "fields", "fields@example.com", &mock.last_code("fields@example.com"));
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    let fields =
        client.post(paths::REGISTER_COMPANY, &CompanyDraft::default()).await.error().field_errors();
    assert_eq!(fields.get(FieldId::CompanyName), Some(FieldError::Required));
    assert!(fields.get(FieldId::AgreeTerms).is_some(), "{fields:?}");

    let mut binder = mock.arrive(aws("210987654321"));
    let draft = BindAccountDraft { username: "no".into(), verification_code: "12".into() };
    let fields = binder.post(paths::BIND_ACCOUNT, &draft).await.error().field_errors();
    assert!(fields.get(FieldId::Username).is_some(), "{fields:?}");
    assert!(fields.get(FieldId::VerificationCode).is_some(), "{fields:?}");
    let draft =
        BindAccountDraft { username: "nobody_here".into(), verification_code: "123456".into() };
    assert_eq!(binder.post(paths::BIND_ACCOUNT, &draft).await.error(), ApiError::UnknownAccount);
}

#[tokio::test]
async fn a_create_code_for_a_bad_email_is_an_email_field_error() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let request = SendCodeRequest::CreateWorkspace { email: "not an email".into() };
    let fields = client.post(paths::SEND_CODE, &request).await.error().field_errors();
    assert_eq!(fields.get(FieldId::Email), Some(FieldError::InvalidEmail));
}

#[tokio::test]
async fn the_billing_center_login_names_empty_fields_and_wrong_credentials() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let fields =
        client.post(paths::BILLING_LOGIN, &LoginDraft::default()).await.error().field_errors();
    assert_eq!(fields.get(FieldId::Username), Some(FieldError::Required));
    assert_eq!(fields.get(FieldId::Password), Some(FieldError::Required));
    let wrong = LoginDraft { username: DEMO_BILLING.into(), password: "Not-The-Password-1".into() };
    assert_eq!(client.post(paths::BILLING_LOGIN, &wrong).await.error(), ApiError::BadCredentials);
}

#[tokio::test]
async fn an_idempotency_key_that_is_empty_or_not_ascii_is_a_malformed_request() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let reply = client.post_keyed(paths::REGISTER_ACTIVATE, &method("Keyed"), "").await;
    assert_eq!(reply.error(), ApiError::MalformedRequest);
    let request = Request::post(paths::REGISTER_ACTIVATE)
        .header(header::CONTENT_TYPE, "application/json")
        .header("idempotency-key", HeaderValue::from_bytes(b"cl\xe9").unwrap());
    let body = Body::from(serde_json::to_vec(&method("Keyed")).unwrap());
    assert_eq!(client.send(request, body).await.error(), ApiError::MalformedRequest);
}

/// Every `/api/v1` route, called with `body` (GET routes take none), its ID filled in.
async fn call(client: &mut Client, op: &Operation, body: &str) -> ApiError {
    let path = op.path.replace("{id}", "ws_000001");
    let reply = match op.method {
        Method::Get => client.get(&path).await,
        Method::Post => client.post_raw(&path, body).await,
    };
    reply.error()
}

#[tokio::test]
async fn every_route_answers_the_refusals_that_any_route_can_get() {
    use server_mock::{api::OPERATIONS, routes::Input};
    let mock = Mock::seeded();
    for op in OPERATIONS {
        let name = format!("{:?} {}", op.method, op.path);
        // A body each route can parse (drafts take `{}`: every field as not typed yet).
        let body = if op.path == paths::SEND_CODE {
            r#"{"purpose":"register","email":"a@example.com"}"#
        } else {
            "{}"
        };
        // Without its cookie: the activation session has ended, or nobody is signed in.
        let refused = match op.access {
            Access::Open => None,
            Access::Session => Some(ApiError::SessionExpired),
            Access::SignedIn(_) => Some(ApiError::Unauthorized),
        };
        if let Some(refused) = refused {
            assert_eq!(call(&mut mock.client(), op, body).await, refused, "{name}");
        }
        // A body that is not JSON, in a live session (a signed-in route refuses a caller without
        // its login first; api_settlement.rs sends it one signed in).
        if let (Input::Json(_), Access::Open | Access::Session) = (op.input, op.access) {
            let mut client = mock.arrive(aws("123456789012"));
            assert_eq!(call(&mut client, op, "{").await, ApiError::MalformedRequest, "{name}");
        }
        // The next request fails as the service being unavailable, whatever it was.
        let mut client = mock.arrive(aws("123456789012"));
        let faults = client.post("/dev/faults", &serde_json::json!({ "fail_next": 1 })).await;
        assert_eq!(faults.status, 200);
        assert_eq!(call(&mut client, op, body).await, ApiError::Unavailable, "{name}");
    }
}
