//! The rules core enforces that the OpenAPI document cannot state (`openapi::BEYOND_THE_SCHEMA`),
//! shown one by one: a request whose body the document admits, refused with 422 for that rule.
//! These are the only "schema-valid request rejected" answers a fuzzer may find, and the
//! conformance run's only exceptions; any other operation refusing a schema-valid body with 422
//! is a hole in the document.

mod common;
#[path = "support/json_schema.rs"]
mod json_schema;

use activation_core::{
    FieldError, FieldErrors, FieldId,
    api::{ApiError, SendCodeRequest, StepAccepted, paths},
    draft::{ActivationDraft, BasicInfoDraft, BindAccountDraft, CreateWorkspaceDraft},
    flow::CreateTab,
    recovery::{AccountKind, RecoveryCodeRequest, ResetPasswordDraft},
};
use common::{Client, Mock, PASSWORD, aliyun, aws, basic, company};
use json_schema::Document;
use serde::Serialize;
use server_mock::{
    openapi::{BEYOND_THE_SCHEMA, Rule},
    store::seed::DEMO_BILLING,
};

const DEMO_EMAIL: &str = "demo.billing@example.com";
/// Never sent by anyone.
const UNSENT: &str = "000000";

/// Posts `body` to `path` after checking the document admits it; the refusal.
async fn refused<B: Serialize>(client: &mut Client, path: &str, body: &B) -> ApiError {
    let document = Document::served();
    let json = serde_json::to_value(body).unwrap();
    assert!(document.admits(document.body("post", path), &json), "{path}: {json} is not admitted");
    let reply = client.post(path, body).await;
    assert_eq!(reply.status, 422, "{path}: {}", String::from_utf8_lossy(&reply.body));
    reply.error()
}

fn invalid(field: FieldId, error: FieldError) -> ApiError {
    ApiError::InvalidFields { fields: FieldErrors::single(field, error) }
}

/// An AWS buyer's register step 1, valid by every rule the schema states.
fn aws_basic() -> BasicInfoDraft {
    basic("cn2", "alice_01", "alice@example.com", UNSENT)
}

async fn register_basic_cross_field() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let cases = [
        (
            BasicInfoDraft { confirm_password: "Blue-Harbor-2042".into(), ..aws_basic() },
            invalid(FieldId::ConfirmPassword, FieldError::PasswordMismatch),
        ),
        (
            BasicInfoDraft {
                password: "Password123".into(),
                confirm_password: "Password123".into(),
                ..aws_basic()
            },
            invalid(FieldId::Password, FieldError::PasswordTooCommon),
        ),
        (
            BasicInfoDraft {
                password: "Alice_01".into(),
                confirm_password: "Alice_01".into(),
                ..aws_basic()
            },
            invalid(FieldId::Password, FieldError::PasswordIsUsername),
        ),
        (
            BasicInfoDraft { site: "cn1".into(), ..aws_basic() },
            invalid(FieldId::Site, FieldError::SiteNotOffered),
        ),
    ];
    for (draft, expected) in cases {
        assert_eq!(refused(&mut client, paths::REGISTER_BASIC, &draft).await, expected);
    }
}

async fn register_basic_emailed_code() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let error = refused(&mut client, paths::REGISTER_BASIC, &aws_basic()).await;
    assert_eq!(error, ApiError::CodeNotSent);
    let request = SendCodeRequest::Register { email: "alice@example.com".into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let wrong = if mock.last_code("alice@example.com") == "111111" { "222222" } else { "111111" };
    let draft = BasicInfoDraft { verification_code: wrong.into(), ..aws_basic() };
    let error = refused(&mut client, paths::REGISTER_BASIC, &draft).await;
    assert!(matches!(error, ApiError::CodeWrong { .. }), "{error:?}");
}

async fn register_activate_marketplace_ids() {
    let mock = Mock::new();
    let mut client = mock.arrive(aliyun("1234567890123456"));
    let email = "alice@example.com";
    let request = SendCodeRequest::Register { email: email.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = basic("cn1", "alice_01", email, &mock.last_code(email));
    client.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>();
    client.post(paths::REGISTER_COMPANY, &company()).await.ok::<StepAccepted>();
    let draft = ActivationDraft {
        workspace_name: "Prod".into(),
        workspace_language: "en".into(),
        aliyun_account_id: "1111222233334444".into(),
        aliyun_instance_id: "cmgj00053362-0001".into(),
        ..ActivationDraft::default()
    };
    let error = refused(&mut client, paths::REGISTER_ACTIVATE, &draft).await;
    assert_eq!(error, invalid(FieldId::AliyunAccountId, FieldError::MismatchesMarketplace));
}

/// Change settlement method to the Alibaba account the demo's bound_billing is bound to, with a
/// Product Instance ID the marketplace never issued to it.
async fn billing_settlement_marketplace_ids() {
    use activation_core::{
        api::{BillingAccount, WorkspaceList},
        draft::LoginDraft,
        settlement::{SettlementDraft, SettlementMethod},
    };
    use server_mock::store::seed::{BOUND_ALIYUN, BOUND_BILLING, DEMO_PASSWORD};
    let mock = Mock::seeded();
    let mut client = mock.client();
    let login = LoginDraft { username: BOUND_BILLING.into(), password: DEMO_PASSWORD.into() };
    client.post(paths::BILLING_LOGIN, &login).await.ok::<BillingAccount>();
    let list: WorkspaceList = client.get(paths::BILLING_WORKSPACES).await.ok();
    let draft = SettlementDraft {
        method: SettlementMethod::Aliyun,
        aliyun_account_id: BOUND_ALIYUN.into(),
        aliyun_instance_id: "cmgj00099999".into(),
        ..SettlementDraft::default()
    };
    let document = Document::served();
    let json = serde_json::to_value(&draft).unwrap();
    let body = document.body("post", paths::BILLING_SETTLEMENT);
    assert!(document.admits(body, &json), "{json} is not admitted");
    let reply = client.post(&paths::billing_settlement(&list.workspaces[0].id), &draft).await;
    assert_eq!(reply.status, 422, "{}", String::from_utf8_lossy(&reply.body));
    assert_eq!(
        reply.error(),
        invalid(FieldId::AliyunInstanceId, FieldError::MismatchesMarketplace)
    );
}

async fn bind_account_emailed_code() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let draft =
        BindAccountDraft { username: DEMO_BILLING.into(), verification_code: UNSENT.into() };
    assert_eq!(refused(&mut client, paths::BIND_ACCOUNT, &draft).await, ApiError::CodeNotSent);
}

/// A create-workspace form for a new account, valid by every rule the schema states.
fn create_new() -> CreateWorkspaceDraft {
    CreateWorkspaceDraft {
        tab: CreateTab::NewAccount,
        site: "cn2".into(),
        workspace_name: "Prod".into(),
        username: "alice_01".into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        email: "alice@example.com".into(),
        verification_code: UNSENT.into(),
        agree_terms: true,
        workspace_language: "en".into(),
        ..CreateWorkspaceDraft::default()
    }
}

async fn create_workspace_cross_field() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let cases = [
        (
            CreateWorkspaceDraft { confirm_password: "Blue-Harbor-2042".into(), ..create_new() },
            invalid(FieldId::ConfirmPassword, FieldError::PasswordMismatch),
        ),
        (
            CreateWorkspaceDraft { site: "eu1".into(), ..create_new() },
            invalid(FieldId::Site, FieldError::SiteNotOffered),
        ),
    ];
    for (draft, expected) in cases {
        assert_eq!(refused(&mut client, paths::CREATE_WORKSPACE, &draft).await, expected);
    }
}

async fn create_workspace_emailed_code() {
    let mock = Mock::seeded();
    let mut client = mock.arrive(aliyun("1111222233334444"));
    let request = SendCodeRequest::BindAccount { username: DEMO_BILLING.into() };
    assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200);
    let draft = BindAccountDraft {
        username: DEMO_BILLING.into(),
        verification_code: mock.last_code(DEMO_EMAIL),
    };
    assert_eq!(client.post(paths::BIND_ACCOUNT, &draft).await.status, 200);
    let draft = CreateWorkspaceDraft {
        tab: CreateTab::ExistingAccount,
        site: "cn1".into(),
        workspace_name: "Brand New".into(),
        email: DEMO_EMAIL.into(),
        verification_code: UNSENT.into(),
        agree_terms: true,
        workspace_language: "en".into(),
        ..CreateWorkspaceDraft::default()
    };
    let error = refused(&mut client, paths::CREATE_WORKSPACE, &draft).await;
    assert!(matches!(error, ApiError::CodeNotSent | ApiError::CodeWrong { .. }), "{error:?}");
}

fn reset(code: &str, password: &str, confirm: &str) -> ResetPasswordDraft {
    ResetPasswordDraft {
        account: AccountKind::Console,
        username_or_email: DEMO_BILLING.into(),
        verification_code: code.into(),
        new_password: password.into(),
        confirm_password: confirm.into(),
    }
}

async fn recovery_password_cross_field() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let ask = RecoveryCodeRequest {
        account: AccountKind::Console,
        username_or_email: DEMO_BILLING.into(),
    };
    assert_eq!(client.post(paths::RECOVERY_CODE, &ask).await.status, 200);
    let code = mock.last_code(DEMO_EMAIL);
    let cases = [
        (
            reset(&code, "Blue-Harbor-2041", "Blue-Harbor-2042"),
            invalid(FieldId::ConfirmPassword, FieldError::PasswordMismatch),
        ),
        (
            reset(&code, DEMO_EMAIL, DEMO_EMAIL),
            invalid(FieldId::Password, FieldError::PasswordIsEmail),
        ),
    ];
    for (draft, expected) in cases {
        assert_eq!(refused(&mut client, paths::RECOVERY_PASSWORD, &draft).await, expected);
    }
}

async fn recovery_password_emailed_code() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let draft = reset(UNSENT, "Blue-Harbor-2041", "Blue-Harbor-2041");
    let error = refused(&mut client, paths::RECOVERY_PASSWORD, &draft).await;
    assert_eq!(error, ApiError::CodeNotSent);
}

#[tokio::test]
async fn every_rule_beyond_the_schema_refuses_a_request_the_document_admits() {
    for &(method, path, rule) in BEYOND_THE_SCHEMA {
        match (path, rule) {
            (paths::REGISTER_BASIC, Rule::CrossField) => register_basic_cross_field().await,
            (paths::REGISTER_BASIC, Rule::EmailedCode) => register_basic_emailed_code().await,
            (paths::REGISTER_ACTIVATE, Rule::MarketplaceIds) => {
                register_activate_marketplace_ids().await
            }
            (paths::BILLING_SETTLEMENT, Rule::MarketplaceIds) => {
                billing_settlement_marketplace_ids().await
            }
            (paths::BIND_ACCOUNT, Rule::EmailedCode) => bind_account_emailed_code().await,
            (paths::CREATE_WORKSPACE, Rule::CrossField) => create_workspace_cross_field().await,
            (paths::CREATE_WORKSPACE, Rule::EmailedCode) => create_workspace_emailed_code().await,
            (paths::RECOVERY_PASSWORD, Rule::CrossField) => recovery_password_cross_field().await,
            (paths::RECOVERY_PASSWORD, Rule::EmailedCode) => recovery_password_emailed_code().await,
            other => panic!("{method:?} {other:?} is listed but not shown here"),
        }
    }
}

#[tokio::test]
async fn the_document_names_the_rules_beyond_each_schema() {
    let document = Document::served();
    for &(method, path, rule) in BEYOND_THE_SCHEMA {
        let description = &document.0["paths"][path][method.openapi_name()]["description"];
        let description = description.as_str().unwrap_or_default();
        assert!(description.contains(rule.why()), "{path} does not name {rule:?}: {description}");
    }
}
