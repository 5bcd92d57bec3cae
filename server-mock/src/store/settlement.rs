//! The Billing Center's Change settlement method: a workspace of the signed-in Billing Center
//! account is paid from now on by the account itself or by a cloud account bound to it (core's
//! rule, [`NewSettlement::allowed`]). A refusal changes nothing.

use activation_core::{
    FieldError, FieldErrors, FieldId,
    api::{ApiError, Workspace as WorkspaceView},
    domain::{CloudAccount, WorkspaceId},
    settlement::{CloudBinding, NewSettlement},
};

use super::data::Data;

/// Settles workspace `id` of Billing Center account `billing` as `settlement` says; the workspace
/// as the Billing Center lists it. `not_found` for a workspace that is not this account's.
pub fn change(
    data: &mut Data,
    billing: &str,
    id: &WorkspaceId,
    settlement: &NewSettlement,
) -> Result<WorkspaceView, ApiError> {
    let ours = data.workspaces.get(id).is_some_and(|w| w.billing.as_deref() == Some(billing));
    if !ours {
        return Err(ApiError::NotFound);
    }
    if let Some(account) = settlement.account() {
        let binding = match data.billing_of(account) {
            None => CloudBinding::Unbound,
            Some(bound) if bound == billing => CloudBinding::ThisAccount,
            Some(_) => CloudBinding::AnotherAccount,
        };
        settlement.allowed(binding)?;
        issued_instance(data, settlement)?;
    }
    let workspace = data.workspaces.get_mut(id).ok_or(ApiError::NotFound)?;
    workspace.settled_by = settlement.account().cloned();
    Ok(workspace.view(None))
}

/// Alibaba: the Product Instance ID must be one the marketplace issued to that account, as an
/// activation's must be the marketplace's (`mismatches_marketplace` on the field). Huawei's
/// instances are not kept by the simulator: its Instance ID is checked by format only.
fn issued_instance(data: &Data, settlement: &NewSettlement) -> Result<(), ApiError> {
    if let NewSettlement::Cloud {
        account: account @ CloudAccount::Aliyun(_),
        instance_id: Some(instance),
    } = settlement
    {
        let issued = data
            .aliyun_instances
            .get(&instance.to_string())
            .is_some_and(|identity| &identity.cloud_account() == account);
        if !issued {
            let field =
                FieldErrors::single(FieldId::AliyunInstanceId, FieldError::MismatchesMarketplace);
            return Err(field.into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use activation_core::{
        api::{Settlement, WorkspaceState},
        domain::{AliyunAccountId, AwsAccountId, Identity, InstanceId, Marketplace},
    };

    use super::*;
    use crate::store::{data::cloud_key, seed};

    fn demo() -> Data {
        let mut data = Data::default();
        seed::demo(&mut data);
        data
    }

    /// The ID of the demo workspace called `name`.
    fn named(data: &Data, name: &str) -> WorkspaceId {
        data.workspaces.values().find(|w| w.name.as_str() == name).expect(name).id.clone()
    }

    fn aliyun(id: &str) -> NewSettlement {
        NewSettlement::Cloud {
            account: CloudAccount::Aliyun(AliyunAccountId::parse(id).unwrap()),
            instance_id: Some(InstanceId::parse("cmgj00012345").unwrap()),
        }
    }

    #[test]
    fn a_cloud_account_bound_to_this_billing_account_settles_its_workspace() {
        let mut data = demo();
        let id = named(&data, "Demo Staging");
        let account = CloudAccount::Aliyun(AliyunAccountId::parse("6543210987654321").unwrap());
        data.cloud_bindings.insert(cloud_key(&account), seed::DEMO_BILLING.to_owned());
        issue(&mut data, "6543210987654321");
        let view = change(&mut data, seed::DEMO_BILLING, &id, &aliyun("6543210987654321")).unwrap();
        assert_eq!(view.settlement, Settlement::of(&account));
        assert_eq!(view.state, WorkspaceState::Bound);
        assert_eq!(data.workspaces[&id].settled_by.as_ref(), Some(&account));
    }

    /// The simulator sold instance `cmgj00012345` to Alibaba account `account`.
    fn issue(data: &mut Data, account: &str) {
        let identity = Identity::Aliyun {
            account_id: AliyunAccountId::parse(account).unwrap(),
            instance_id: InstanceId::parse("cmgj00012345").unwrap(),
        };
        data.aliyun_instances.insert("cmgj00012345".to_owned(), identity);
    }

    #[test]
    fn an_alibaba_instance_must_be_one_the_marketplace_issued_to_that_account() {
        let mut data = demo();
        let id = named(&data, "Demo Staging");
        let account = CloudAccount::Aliyun(AliyunAccountId::parse("6543210987654321").unwrap());
        data.cloud_bindings.insert(cloud_key(&account), seed::DEMO_BILLING.to_owned());
        let mismatch = Err(ApiError::from(FieldErrors::single(
            FieldId::AliyunInstanceId,
            FieldError::MismatchesMarketplace,
        )));
        let unknown = change(&mut data, seed::DEMO_BILLING, &id, &aliyun("6543210987654321"));
        assert_eq!(unknown, mismatch, "an instance nobody sold");
        issue(&mut data, "1111222233334444");
        let others = change(&mut data, seed::DEMO_BILLING, &id, &aliyun("6543210987654321"));
        assert_eq!(others, mismatch, "another account's instance");
        assert_eq!(data.workspaces[&id].settled_by, None);
    }

    #[test]
    fn an_unbound_or_foreign_cloud_account_is_refused_and_nothing_changes() {
        let mut data = demo();
        let id = named(&data, "Demo Staging");
        let before = serde_json::to_string(&data).unwrap();
        let unbound = change(&mut data, seed::DEMO_BILLING, &id, &aliyun("6543210987654321"));
        assert_eq!(unbound, Err(ApiError::CloudAccountNotBound));
        // The demo's bound Alibaba account settles for bound_billing.
        let foreign = change(&mut data, seed::DEMO_BILLING, &id, &aliyun(seed::BOUND_ALIYUN));
        assert_eq!(foreign, Err(ApiError::CloudAccountAlreadyBound));
        assert_eq!(serde_json::to_string(&data).unwrap(), before);
    }

    #[test]
    fn direct_takes_a_workspace_off_its_cloud_account_but_the_binding_stays() {
        let mut data = demo();
        let id = named(&data, "Bound via aws");
        let view = change(&mut data, seed::BOUND_BILLING, &id, &NewSettlement::Direct).unwrap();
        assert_eq!(view.settlement, Settlement::BillingCenter);
        assert_eq!(data.workspaces[&id].settled_by, None);
        let aws = seed::bound_account(Marketplace::Aws);
        assert_eq!(data.billing_of(&aws).map(String::as_str), Some(seed::BOUND_BILLING));
    }

    #[test]
    fn another_billing_accounts_workspace_is_not_found() {
        let mut data = demo();
        let id = named(&data, "Bound via aws");
        let before = serde_json::to_string(&data).unwrap();
        let aws = NewSettlement::Cloud {
            account: CloudAccount::Aws(AwsAccountId::parse(seed::BOUND_AWS).unwrap()),
            instance_id: None,
        };
        for settlement in [NewSettlement::Direct, aws] {
            let refused = change(&mut data, seed::DEMO_BILLING, &id, &settlement);
            assert_eq!(refused, Err(ApiError::NotFound));
        }
        let missing = WorkspaceId::parse("ws_999999").unwrap();
        let refused = change(&mut data, seed::DEMO_BILLING, &missing, &NewSettlement::Direct);
        assert_eq!(refused, Err(ApiError::NotFound));
        assert_eq!(serde_json::to_string(&data).unwrap(), before);
    }
}
