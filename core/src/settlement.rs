//! The Billing Center's **Change settlement method**: who pays for one workspace. The dialog's draft
//! (the choice and the IDs exactly as typed), its validation through the same ID newtypes
//! activation uses, and the rule a cloud account must meet to settle a workspace of a Billing
//! Center account: it is bound to that account (bind it first), not to another one.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use crate::domain::schema::{Draft, OnlyWhen};
use crate::{
    api::ApiError,
    domain::{AliyunAccountId, AwsAccountId, CloudAccount, HuaweiAccountId, InstanceId},
    field::{FieldErrors, FieldId},
};

wire_enum! {
    /// Who pays for a workspace, as the dialog offers it.
    pub enum SettlementMethod {
        /// The Billing Center account pays directly.
        Direct = "direct",
        /// An AWS account (Account ID).
        Aws = "aws",
        /// An Alibaba Cloud account (Account ID and Product Instance ID).
        Aliyun = "aliyun",
        /// A Huawei Cloud account (Huawei Cloud Account ID and Instance ID).
        Huawei = "huawei",
    }
}

/// The Change settlement method dialog as typed. Only the fields of the chosen `method` are read;
/// the others keep what was typed there, so switching back loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        transform = Draft::strict()
            .optional("aws_account_id")
            .optional("aliyun_account_id")
            .optional("aliyun_instance_id")
            .optional("huawei_account_id")
            .optional("huawei_instance_id")
    ),
    schemars(transform = OnlyWhen::new("method", SettlementMethod::Aws).required("aws_account_id")),
    schemars(
        transform = OnlyWhen::new("method", SettlementMethod::Aliyun)
            .required("aliyun_account_id")
            .required("aliyun_instance_id")
    ),
    schemars(
        transform = OnlyWhen::new("method", SettlementMethod::Huawei)
            .required("huawei_account_id")
            .required("huawei_instance_id")
    )
)]
pub struct SettlementDraft {
    /// Required on the wire: a request without it changes nothing (it must not mean Direct).
    pub method: SettlementMethod,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "AwsAccountId"))]
    pub aws_account_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "AliyunAccountId"))]
    pub aliyun_account_id: String,
    /// The Alibaba Product Instance ID.
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "InstanceId"))]
    pub aliyun_instance_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "HuaweiAccountId"))]
    pub huawei_account_id: String,
    #[serde(default)]
    #[cfg_attr(feature = "schema", schemars(with = "InstanceId"))]
    pub huawei_instance_id: String,
}

impl Default for SettlementDraft {
    fn default() -> Self {
        SettlementDraft {
            method: SettlementMethod::Direct,
            aws_account_id: String::new(),
            aliyun_account_id: String::new(),
            aliyun_instance_id: String::new(),
            huawei_account_id: String::new(),
            huawei_instance_id: String::new(),
        }
    }
}

/// A valid choice: the Billing Center pays, or a cloud account (with the instance it bought, for
/// Alibaba and Huawei).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewSettlement {
    Direct,
    Cloud { account: CloudAccount, instance_id: Option<InstanceId> },
}

impl SettlementDraft {
    /// Every error of the chosen method's fields at once, or the new settlement.
    pub fn validate(&self) -> Result<NewSettlement, FieldErrors> {
        let mut errors = FieldErrors::new();
        let e = &mut errors;
        let settlement = match self.method {
            SettlementMethod::Direct => Some(NewSettlement::Direct),
            SettlementMethod::Aws => {
                e.check(FieldId::AwsAccountId, AwsAccountId::parse(&self.aws_account_id)).map(
                    |id| NewSettlement::Cloud { account: CloudAccount::Aws(id), instance_id: None },
                )
            }
            SettlementMethod::Aliyun => {
                let id = e.check(
                    FieldId::AliyunAccountId,
                    AliyunAccountId::parse(&self.aliyun_account_id),
                );
                let instance =
                    e.check(FieldId::AliyunInstanceId, InstanceId::parse(&self.aliyun_instance_id));
                id.zip(instance).map(|(id, instance)| NewSettlement::Cloud {
                    account: CloudAccount::Aliyun(id),
                    instance_id: Some(instance),
                })
            }
            SettlementMethod::Huawei => {
                let id = e.check(
                    FieldId::HuaweiAccountId,
                    HuaweiAccountId::parse(&self.huawei_account_id),
                );
                let instance =
                    e.check(FieldId::HuaweiInstanceId, InstanceId::parse(&self.huawei_instance_id));
                id.zip(instance).map(|(id, instance)| NewSettlement::Cloud {
                    account: CloudAccount::Huawei(id),
                    instance_id: Some(instance),
                })
            }
        };
        match settlement {
            Some(settlement) if errors.is_empty() => Ok(settlement),
            _ => Err(errors),
        }
    }

    /// The fields the chosen method shows, in screen order.
    pub fn fields(&self) -> &'static [FieldId] {
        match self.method {
            SettlementMethod::Direct => &[],
            SettlementMethod::Aws => &[FieldId::AwsAccountId],
            SettlementMethod::Aliyun => &[FieldId::AliyunAccountId, FieldId::AliyunInstanceId],
            SettlementMethod::Huawei => &[FieldId::HuaweiAccountId, FieldId::HuaweiInstanceId],
        }
    }
}

/// Which Billing Center account a cloud account settles for, seen from the one changing a
/// workspace's settlement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloudBinding {
    /// Bound to no Billing Center account yet.
    Unbound,
    /// Bound to the Billing Center account that owns the workspace.
    ThisAccount,
    /// Bound to another Billing Center account.
    AnotherAccount,
}

impl NewSettlement {
    /// The cloud account that would pay, if any.
    pub fn account(&self) -> Option<&CloudAccount> {
        match self {
            NewSettlement::Direct => None,
            NewSettlement::Cloud { account, .. } => Some(account),
        }
    }

    /// Whether a Billing Center account may settle its workspace this way, given how the chosen
    /// cloud account is bound: only through a cloud account bound to it (an unbound one must be
    /// bound first, from the marketplace's hand-off), since a cloud account settles for one
    /// Billing Center account. Direct is always allowed.
    pub fn allowed(&self, binding: CloudBinding) -> Result<(), ApiError> {
        match (self, binding) {
            (NewSettlement::Direct, _)
            | (NewSettlement::Cloud { .. }, CloudBinding::ThisAccount) => Ok(()),
            (NewSettlement::Cloud { .. }, CloudBinding::Unbound) => {
                Err(ApiError::CloudAccountNotBound)
            }
            (NewSettlement::Cloud { .. }, CloudBinding::AnotherAccount) => {
                Err(ApiError::CloudAccountAlreadyBound)
            }
        }
    }
}

#[cfg(test)]
#[path = "settlement_tests.rs"]
mod tests;
