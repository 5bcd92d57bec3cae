//! `Deserialize` for the tagged enums the app reads, written out instead of derived.
//!
//! serde's derive reads an internally tagged enum (`{"code": "…", …}`) by first buffering the whole
//! object into its generic `Content` tree, and generates that buffering anew for every variant with
//! fields: in the wasm every customer downloads, [`ApiError`], [`FieldError`], [`FieldId`],
//! [`Identity`] and [`Settlement`] cost 12,006 compressed bytes more that way (README,
//! Performance). Here each is read as one flat struct of optional fields (a single map pass), and
//! its tag picks the variant. The wire format is the derived `Serialize`'s, unchanged, and the JSON
//! Schema still comes from the enum itself; core's contract tests (`api_tests.rs`, `field.rs`)
//! round-trip every variant through both.

use serde::{
    Deserialize, Deserializer,
    de::{Error, Unexpected},
};

use crate::{
    api::{ApiError, Settlement},
    domain::{
        AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId,
        LicenseArn, Marketplace, ProductCode,
    },
    field::{FieldError, FieldErrors, FieldId},
    flow::{Step, TokenProblem},
};

/// `value`, or the error serde gives for a missing field.
fn need<T, E: Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

fn unknown<E: Error>(tag: &str, what: &'static str) -> E {
    E::invalid_value(Unexpected::Str(tag), &what)
}

#[derive(Deserialize)]
struct ApiErrorWire {
    code: String,
    fields: Option<FieldErrors>,
    problem: Option<TokenProblem>,
    tries_left: Option<u8>,
    retry_after_secs: Option<u32>,
    expected: Option<Step>,
}

impl<'de> Deserialize<'de> for ApiError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use ApiError as A;
        let wire = ApiErrorWire::deserialize(deserializer)?;
        let retry_after_secs = || need(wire.retry_after_secs, "retry_after_secs");
        Ok(match wire.code.as_str() {
            "invalid_fields" => A::InvalidFields { fields: need(wire.fields, "fields")? },
            "malformed_request" => A::MalformedRequest,
            "token" => A::Token { problem: need(wire.problem, "problem")? },
            "code_wrong" => A::CodeWrong { tries_left: need(wire.tries_left, "tries_left")? },
            "code_expired" => A::CodeExpired,
            "code_locked" => A::CodeLocked,
            "code_not_sent" => A::CodeNotSent,
            "code_sent_too_recently" => {
                A::CodeSentTooRecently { retry_after_secs: retry_after_secs()? }
            }
            "username_taken" => A::UsernameTaken,
            "email_taken" => A::EmailTaken,
            "workspace_name_taken" => A::WorkspaceNameTaken,
            "unknown_account" => A::UnknownAccount,
            "cloud_account_already_bound" => A::CloudAccountAlreadyBound,
            "workspace_settled_elsewhere" => A::WorkspaceSettledElsewhere,
            "wrong_step" => A::WrongStep { expected: need(wire.expected, "expected")? },
            "not_found" => A::NotFound,
            "method_not_allowed" => A::MethodNotAllowed,
            "session_expired" => A::SessionExpired,
            "bad_credentials" => A::BadCredentials,
            "unauthorized" => A::Unauthorized,
            "rate_limited" => A::RateLimited { retry_after_secs: retry_after_secs()? },
            "idempotency_conflict" => A::IdempotencyConflict,
            "unavailable" => A::Unavailable,
            "internal" => A::Internal,
            other => return Err(unknown(other, "an error code")),
        })
    }
}

#[derive(Deserialize)]
struct FieldErrorWire {
    kind: String,
    min: Option<u16>,
    max: Option<u16>,
    len: Option<u16>,
    tries_left: Option<u8>,
}

impl<'de> Deserialize<'de> for FieldError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use FieldError as E;
        let wire = FieldErrorWire::deserialize(deserializer)?;
        Ok(match wire.kind.as_str() {
            "required" => E::Required,
            "too_short" => E::TooShort { min: need(wire.min, "min")? },
            "too_long" => E::TooLong { max: need(wire.max, "max")? },
            "wrong_length" => E::WrongLength { len: need(wire.len, "len")? },
            "invalid_characters" => E::InvalidCharacters,
            "must_start_with_letter" => E::MustStartWithLetter,
            "control_characters" => E::ControlCharacters,
            "contains_whitespace" => E::ContainsWhitespace,
            "digits_only" => E::DigitsOnly,
            "hex_only" => E::HexOnly,
            "invalid_email" => E::InvalidEmail,
            "invalid_phone" => E::InvalidPhone,
            "invalid_arn" => E::InvalidArn,
            "password_too_common" => E::PasswordTooCommon,
            "password_is_username" => E::PasswordIsUsername,
            "password_is_email" => E::PasswordIsEmail,
            "password_mismatch" => E::PasswordMismatch,
            "must_agree" => E::MustAgree,
            "mismatches_marketplace" => E::MismatchesMarketplace,
            "site_not_offered" => E::SiteNotOffered,
            "taken" => E::Taken,
            "workspace_name_taken" => E::WorkspaceNameTaken,
            "unknown_account" => E::UnknownAccount,
            "code_wrong" => E::CodeWrong { tries_left: need(wire.tries_left, "tries_left")? },
            "code_expired" => E::CodeExpired,
            "code_locked" => E::CodeLocked,
            "code_not_sent" => E::CodeNotSent,
            other => return Err(unknown(other, "a field error kind")),
        })
    }
}

/// By its snake_case name ([`FieldId::as_str`]), also as a map key.
impl<'de> Deserialize<'de> for FieldId {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = String::deserialize(deserializer)?;
        FieldId::ALL
            .into_iter()
            .find(|field| field.as_str() == name)
            .ok_or_else(|| unknown(&name, "a field name"))
    }
}

#[derive(Deserialize)]
struct IdentityWire {
    marketplace: Marketplace,
    account_id: String,
    product_code: Option<ProductCode>,
    license_arn: Option<LicenseArn>,
    instance_id: Option<InstanceId>,
    tenant: Option<HuaweiTenant>,
}

impl<'de> Deserialize<'de> for Identity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = IdentityWire::deserialize(deserializer)?;
        // The account ID's rules depend on the marketplace, so it is checked once that is known.
        let account = wire.account_id;
        Ok(match wire.marketplace {
            Marketplace::Aws => Identity::Aws {
                account_id: AwsAccountId::try_from(account).map_err(D::Error::custom)?,
                product_code: need(wire.product_code, "product_code")?,
                license_arn: need(wire.license_arn, "license_arn")?,
            },
            Marketplace::Aliyun => Identity::Aliyun {
                account_id: AliyunAccountId::try_from(account).map_err(D::Error::custom)?,
                instance_id: need(wire.instance_id, "instance_id")?,
            },
            Marketplace::Huawei => Identity::Huawei {
                account_id: HuaweiAccountId::try_from(account).map_err(D::Error::custom)?,
                instance_id: need(wire.instance_id, "instance_id")?,
                tenant: need(wire.tenant, "tenant")?,
            },
        })
    }
}

#[derive(Deserialize)]
struct SettlementWire {
    kind: String,
    marketplace: Option<Marketplace>,
    account: Option<String>,
}

impl<'de> Deserialize<'de> for Settlement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = SettlementWire::deserialize(deserializer)?;
        Ok(match wire.kind.as_str() {
            "billing_center" => Settlement::BillingCenter,
            "cloud_account" => Settlement::CloudAccount {
                marketplace: need(wire.marketplace, "marketplace")?,
                account: need(wire.account, "account")?,
            },
            other => return Err(unknown(other, "a settlement kind")),
        })
    }
}
