//! Reading the four enums the wire tags with a field of the object itself: [`ApiError`] (`code`),
//! [`FieldError`] (`kind`), [`Identity`] (`marketplace`) and [`Settlement`] (`kind`).
//!
//! Their `Serialize` and JSON schema are derived from the enums' own `#[serde(tag = ...)]`. Their
//! `Deserialize` reads one flat struct (derived too) holding the tag and every variant's fields,
//! then builds the variant, checking that its fields are there. serde's derive for an internally
//! tagged enum first buffers the whole object into its `Content` tree, and instantiates that
//! machinery for each enum: in the first screen's wasm module, which reads the session answer
//! (an [`Identity`], [`Settlement`]s) and any refusal ([`ApiError`] with its [`FieldError`]s), that
//! was the largest code of all (docs/performance.md). Both directions are one wire form: each
//! enum's tests send every variant through serde_json and back.

use serde::{Deserialize, Deserializer, de::Error};

use crate::{
    api::{ApiError, Settlement},
    domain::{
        AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId,
        LicenseArn, Marketplace, ProductCode,
    },
    field::{FieldError, FieldErrors},
    flow::{Step, TokenProblem},
};

/// `field`, which the variant named by the tag must have.
fn needs<T, E: Error>(value: Option<T>, field: &'static str) -> Result<T, E> {
    value.ok_or_else(|| E::missing_field(field))
}

/// [`ApiError`]'s `code`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum ErrorCode {
    InvalidFields,
    MalformedRequest,
    Token,
    CodeWrong,
    CodeExpired,
    CodeLocked,
    CodeNotSent,
    CodeSentTooRecently,
    UsernameTaken,
    EmailTaken,
    WorkspaceNameTaken,
    UnknownAccount,
    CloudAccountAlreadyBound,
    CloudAccountNotBound,
    WorkspaceSettledElsewhere,
    WrongStep,
    NotFound,
    MethodNotAllowed,
    SessionExpired,
    BadCredentials,
    Unauthorized,
    RateLimited,
    IdempotencyConflict,
    DirectLoginUnavailable,
    Unavailable,
    Internal,
    CrossSite,
    TooLarge,
}

/// An error body: its code and whichever fields its variant has.
#[derive(Deserialize)]
struct ErrorBody {
    code: ErrorCode,
    fields: Option<FieldErrors>,
    problem: Option<TokenProblem>,
    tries_left: Option<u8>,
    retry_after_secs: Option<u32>,
    expected: Option<Step>,
}

impl<'de> Deserialize<'de> for ApiError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<ApiError, D::Error> {
        use ErrorCode as C;
        let body = ErrorBody::deserialize(deserializer)?;
        Ok(match body.code {
            C::InvalidFields => ApiError::InvalidFields { fields: needs(body.fields, "fields")? },
            C::MalformedRequest => ApiError::MalformedRequest,
            C::Token => ApiError::Token { problem: needs(body.problem, "problem")? },
            C::CodeWrong => {
                ApiError::CodeWrong { tries_left: needs(body.tries_left, "tries_left")? }
            }
            C::CodeExpired => ApiError::CodeExpired,
            C::CodeLocked => ApiError::CodeLocked,
            C::CodeNotSent => ApiError::CodeNotSent,
            C::CodeSentTooRecently => ApiError::CodeSentTooRecently {
                retry_after_secs: needs(body.retry_after_secs, "retry_after_secs")?,
            },
            C::UsernameTaken => ApiError::UsernameTaken,
            C::EmailTaken => ApiError::EmailTaken,
            C::WorkspaceNameTaken => ApiError::WorkspaceNameTaken,
            C::UnknownAccount => ApiError::UnknownAccount,
            C::CloudAccountAlreadyBound => ApiError::CloudAccountAlreadyBound,
            C::CloudAccountNotBound => ApiError::CloudAccountNotBound,
            C::WorkspaceSettledElsewhere => ApiError::WorkspaceSettledElsewhere,
            C::WrongStep => ApiError::WrongStep { expected: needs(body.expected, "expected")? },
            C::NotFound => ApiError::NotFound,
            C::MethodNotAllowed => ApiError::MethodNotAllowed,
            C::SessionExpired => ApiError::SessionExpired,
            C::BadCredentials => ApiError::BadCredentials,
            C::Unauthorized => ApiError::Unauthorized,
            C::RateLimited => ApiError::RateLimited {
                retry_after_secs: needs(body.retry_after_secs, "retry_after_secs")?,
            },
            C::IdempotencyConflict => ApiError::IdempotencyConflict,
            C::DirectLoginUnavailable => ApiError::DirectLoginUnavailable,
            C::Unavailable => ApiError::Unavailable,
            C::Internal => ApiError::Internal,
            C::CrossSite => ApiError::CrossSite,
            C::TooLarge => ApiError::TooLarge,
        })
    }
}

/// [`FieldError`]'s `kind`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum FieldErrorKind {
    Required,
    TooShort,
    TooLong,
    WrongLength,
    InvalidCharacters,
    MustStartWithLetter,
    ControlCharacters,
    ContainsWhitespace,
    DigitsOnly,
    HexOnly,
    InvalidEmail,
    InvalidPhone,
    InvalidArn,
    PasswordTooCommon,
    PasswordIsUsername,
    PasswordIsEmail,
    PasswordMismatch,
    MustAgree,
    MismatchesMarketplace,
    SiteNotOffered,
    Taken,
    WorkspaceNameTaken,
    UnknownAccount,
    CodeWrong,
    CodeExpired,
    CodeLocked,
    CodeNotSent,
}

/// A field error: its kind and whichever number its variant has.
#[derive(Deserialize)]
struct FieldErrorBody {
    kind: FieldErrorKind,
    min: Option<u16>,
    max: Option<u16>,
    len: Option<u16>,
    tries_left: Option<u8>,
}

impl<'de> Deserialize<'de> for FieldError {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<FieldError, D::Error> {
        use FieldErrorKind as K;
        let body = FieldErrorBody::deserialize(deserializer)?;
        Ok(match body.kind {
            K::Required => FieldError::Required,
            K::TooShort => FieldError::TooShort { min: needs(body.min, "min")? },
            K::TooLong => FieldError::TooLong { max: needs(body.max, "max")? },
            K::WrongLength => FieldError::WrongLength { len: needs(body.len, "len")? },
            K::InvalidCharacters => FieldError::InvalidCharacters,
            K::MustStartWithLetter => FieldError::MustStartWithLetter,
            K::ControlCharacters => FieldError::ControlCharacters,
            K::ContainsWhitespace => FieldError::ContainsWhitespace,
            K::DigitsOnly => FieldError::DigitsOnly,
            K::HexOnly => FieldError::HexOnly,
            K::InvalidEmail => FieldError::InvalidEmail,
            K::InvalidPhone => FieldError::InvalidPhone,
            K::InvalidArn => FieldError::InvalidArn,
            K::PasswordTooCommon => FieldError::PasswordTooCommon,
            K::PasswordIsUsername => FieldError::PasswordIsUsername,
            K::PasswordIsEmail => FieldError::PasswordIsEmail,
            K::PasswordMismatch => FieldError::PasswordMismatch,
            K::MustAgree => FieldError::MustAgree,
            K::MismatchesMarketplace => FieldError::MismatchesMarketplace,
            K::SiteNotOffered => FieldError::SiteNotOffered,
            K::Taken => FieldError::Taken,
            K::WorkspaceNameTaken => FieldError::WorkspaceNameTaken,
            K::UnknownAccount => FieldError::UnknownAccount,
            K::CodeWrong => {
                FieldError::CodeWrong { tries_left: needs(body.tries_left, "tries_left")? }
            }
            K::CodeExpired => FieldError::CodeExpired,
            K::CodeLocked => FieldError::CodeLocked,
            K::CodeNotSent => FieldError::CodeNotSent,
        })
    }
}

/// An identity: its marketplace and whichever IDs that marketplace sends (the account ID's form
/// depends on the marketplace, so it is read as text and checked once the marketplace is known).
#[derive(Deserialize)]
struct IdentityBody {
    marketplace: Marketplace,
    account_id: String,
    product_code: Option<ProductCode>,
    license_arn: Option<LicenseArn>,
    instance_id: Option<InstanceId>,
    tenant: Option<HuaweiTenant>,
}

impl<'de> Deserialize<'de> for Identity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Identity, D::Error> {
        let body = IdentityBody::deserialize(deserializer)?;
        let id = body.account_id.as_str();
        Ok(match body.marketplace {
            Marketplace::Aws => Identity::Aws {
                account_id: AwsAccountId::parse(id).map_err(D::Error::custom)?,
                product_code: needs(body.product_code, "product_code")?,
                license_arn: needs(body.license_arn, "license_arn")?,
            },
            Marketplace::Aliyun => Identity::Aliyun {
                account_id: AliyunAccountId::parse(id).map_err(D::Error::custom)?,
                instance_id: needs(body.instance_id, "instance_id")?,
            },
            Marketplace::Huawei => Identity::Huawei {
                account_id: HuaweiAccountId::parse(id).map_err(D::Error::custom)?,
                instance_id: needs(body.instance_id, "instance_id")?,
                tenant: needs(body.tenant, "tenant")?,
            },
        })
    }
}

/// [`Settlement`]'s `kind`.
#[derive(Deserialize)]
#[serde(rename_all = "snake_case")]
enum SettlementKind {
    BillingCenter,
    CloudAccount,
}

/// A settlement: its kind, and the cloud account's marketplace and masked ID when it has one.
#[derive(Deserialize)]
struct SettlementBody {
    kind: SettlementKind,
    marketplace: Option<Marketplace>,
    account: Option<String>,
}

impl<'de> Deserialize<'de> for Settlement {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Settlement, D::Error> {
        let body = SettlementBody::deserialize(deserializer)?;
        Ok(match body.kind {
            SettlementKind::BillingCenter => Settlement::BillingCenter,
            SettlementKind::CloudAccount => Settlement::CloudAccount {
                marketplace: needs(body.marketplace, "marketplace")?,
                account: needs(body.account, "account")?,
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use serde_json::{from_value, json};

    use super::*;

    #[test]
    fn a_variant_without_its_field_is_refused() {
        assert!(from_value::<ApiError>(json!({"code": "code_wrong"})).is_err());
        assert!(from_value::<ApiError>(json!({"code": "rate_limited"})).is_err());
        assert!(from_value::<ApiError>(json!({"code": "invalid_fields"})).is_err());
        assert!(from_value::<FieldError>(json!({"kind": "too_long"})).is_err());
        assert!(
            from_value::<Settlement>(json!({"kind": "cloud_account", "account": "12**"})).is_err()
        );
        let mut aws = serde_json::to_value(crate::fixtures::aws()).unwrap();
        aws.as_object_mut().unwrap().remove("license_arn");
        assert!(from_value::<Identity>(aws).is_err(), "no license ARN");
    }

    #[test]
    fn an_unknown_tag_or_a_tag_of_another_type_is_refused() {
        assert!(from_value::<ApiError>(json!({"code": "on_fire"})).is_err());
        assert!(from_value::<ApiError>(json!({"kind": "required"})).is_err());
        assert!(from_value::<ApiError>(json!("session_expired")).is_err());
        assert!(from_value::<Settlement>(json!({"kind": "required"})).is_err());
    }

    #[test]
    fn an_account_id_is_checked_by_its_marketplaces_rules() {
        let mut aws = serde_json::to_value(crate::fixtures::aws()).unwrap();
        assert_eq!(from_value::<Identity>(aws.clone()).unwrap(), crate::fixtures::aws());
        aws["account_id"] = json!(crate::fixtures::HUAWEI_ID);
        assert!(from_value::<Identity>(aws).is_err(), "a Huawei account ID on AWS");
    }

    #[test]
    fn fields_of_other_variants_are_ignored_as_serde_ignores_unknown_fields() {
        let error = json!({"code": "session_expired", "tries_left": 3, "extra": true});
        assert_eq!(from_value::<ApiError>(error).unwrap(), ApiError::SessionExpired);
        let required = json!({"kind": "required", "min": 2});
        assert_eq!(from_value::<FieldError>(required).unwrap(), FieldError::Required);
    }
}
