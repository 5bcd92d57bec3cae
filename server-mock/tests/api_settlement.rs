//! The Billing Center's Change settlement method (`POST /api/v1/billing/workspaces/{id}/settlement`)
//! through the real router: who may call it, core's validation, the bind-first rule, and the list
//! answering the change at once.

mod common;

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, BillingAccount, Settlement, Workspace, WorkspaceList, paths},
    domain::{Marketplace, WorkspaceId},
    draft::LoginDraft,
    settlement::{SettlementDraft, SettlementMethod},
};
use common::{Client, Mock};
use server_mock::store::seed::{
    BOUND_ALIYUN, BOUND_AWS, BOUND_BILLING, DEMO_BILLING, DEMO_PASSWORD,
};

async fn billing_login(mock: &Mock, username: &str) -> Client {
    let mut client = mock.client();
    let login = LoginDraft { username: username.into(), password: DEMO_PASSWORD.into() };
    client.post(paths::BILLING_LOGIN, &login).await.ok::<BillingAccount>();
    client
}

async fn list(client: &mut Client) -> Vec<Workspace> {
    client.get(paths::BILLING_WORKSPACES).await.ok::<WorkspaceList>().workspaces
}

async fn id_of(client: &mut Client, name: &str) -> WorkspaceId {
    list(client).await.into_iter().find(|w| w.name.as_str() == name).expect(name).id
}

fn aws(id: &str) -> SettlementDraft {
    SettlementDraft {
        method: SettlementMethod::Aws,
        aws_account_id: id.into(),
        ..SettlementDraft::default()
    }
}

fn aliyun(id: &str, instance: &str) -> SettlementDraft {
    SettlementDraft {
        method: SettlementMethod::Aliyun,
        aliyun_account_id: id.into(),
        aliyun_instance_id: instance.into(),
        ..SettlementDraft::default()
    }
}

fn direct() -> SettlementDraft {
    SettlementDraft::default()
}

#[tokio::test]
async fn only_a_signed_in_billing_center_account_changes_a_settlement() {
    let mock = Mock::seeded();
    let mut owner = billing_login(&mock, BOUND_BILLING).await;
    let id = id_of(&mut owner, "Bound via aws").await;
    let mut stranger = mock.client();
    let reply = stranger.post(&paths::billing_settlement(&id), &direct()).await;
    assert_eq!(reply.error(), ApiError::Unauthorized);
    // Another Billing Center account cannot reach it either.
    let mut other = billing_login(&mock, DEMO_BILLING).await;
    let reply = other.post(&paths::billing_settlement(&id), &direct()).await;
    assert_eq!((reply.status, reply.error()), (404, ApiError::NotFound));
    let after = list(&mut owner).await;
    let aws = after.iter().find(|w| w.id == id).unwrap();
    assert!(matches!(
        aws.settlement,
        Settlement::CloudAccount { marketplace: Marketplace::Aws, .. }
    ));
}

#[tokio::test]
async fn a_bound_cloud_account_settles_another_workspace_and_the_list_shows_it_at_once() {
    let mock = Mock::seeded();
    let mut client = billing_login(&mock, BOUND_BILLING).await;
    let id = id_of(&mut client, "Bound via huawei").await;
    let changed: Workspace =
        client.post(&paths::billing_settlement(&id), &aws(BOUND_AWS)).await.ok();
    let expected =
        Settlement::CloudAccount { marketplace: Marketplace::Aws, account: "1111****3333".into() };
    assert_eq!(changed.settlement, expected);
    let listed = list(&mut client).await;
    assert_eq!(listed.iter().find(|w| w.id == id).unwrap().settlement, expected);
    // And back to the Billing Center paying directly.
    let back: Workspace = client.post(&paths::billing_settlement(&id), &direct()).await.ok();
    assert_eq!(back.settlement, Settlement::BillingCenter);
    assert_eq!(
        list(&mut client).await.iter().find(|w| w.id == id).unwrap().settlement,
        Settlement::BillingCenter
    );
}

#[tokio::test]
async fn an_unbound_cloud_account_must_be_bound_first_and_a_foreign_one_is_refused() {
    let mock = Mock::seeded();
    let mut client = billing_login(&mock, DEMO_BILLING).await;
    let id = id_of(&mut client, "Demo Staging").await;
    let before = list(&mut client).await;
    let reply = client.post(&paths::billing_settlement(&id), &aws("123456789012")).await;
    assert_eq!((reply.status, reply.error()), (409, ApiError::CloudAccountNotBound));
    let reply =
        client.post(&paths::billing_settlement(&id), &aliyun(BOUND_ALIYUN, "cmgj00012345")).await;
    assert_eq!((reply.status, reply.error()), (409, ApiError::CloudAccountAlreadyBound));
    assert_eq!(list(&mut client).await, before, "a refusal changes nothing");
}

#[tokio::test]
async fn the_ids_are_checked_by_cores_rules_field_by_field() {
    let mock = Mock::seeded();
    let mut client = billing_login(&mock, BOUND_BILLING).await;
    let id = id_of(&mut client, "Bound via aliyun").await;
    let reply = client.post(&paths::billing_settlement(&id), &aliyun("12345", "two words")).await;
    assert_eq!(reply.status, 422);
    let ApiError::InvalidFields { fields } = reply.error() else { panic!("{:?}", reply.error()) };
    assert_eq!(fields.get(FieldId::AliyunAccountId), Some(FieldError::WrongLength { len: 16 }));
    assert_eq!(fields.get(FieldId::AliyunInstanceId), Some(FieldError::ContainsWhitespace));
    let reply = client.post_raw(&paths::billing_settlement(&id), r#"{"method":"paypal"}"#).await;
    assert_eq!(reply.error(), ApiError::MalformedRequest);
}
