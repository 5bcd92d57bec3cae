//! Which input is wrong, and how: the vocabulary every validation speaks. The UI picks the message
//! text (English or Chinese) from the variant; nothing here is prose.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// Every input on every screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum FieldId {
    Site,
    Username,
    Password,
    ConfirmPassword,
    Email,
    VerificationCode,
    Phone,
    CompanyName,
    Industry,
    ContactName,
    AgreeTerms,
    WorkspaceName,
    WorkspaceLanguage,
    AliyunAccountId,
    AliyunInstanceId,
    HuaweiAccountId,
    HuaweiInstanceId,
    AwsAccountId,
    AwsProductCode,
    AwsLicenseArn,
    HuaweiTenant,
    /// Forgot password?: the username or the email of the account.
    UsernameOrEmail,
}

impl FieldId {
    /// Every field, in screen order (error summaries list them in this order).
    pub const ALL: [FieldId; 22] = [
        FieldId::Site,
        FieldId::Username,
        FieldId::Password,
        FieldId::ConfirmPassword,
        FieldId::Email,
        FieldId::VerificationCode,
        FieldId::Phone,
        FieldId::CompanyName,
        FieldId::Industry,
        FieldId::ContactName,
        FieldId::AgreeTerms,
        FieldId::WorkspaceName,
        FieldId::WorkspaceLanguage,
        FieldId::AliyunAccountId,
        FieldId::AliyunInstanceId,
        FieldId::HuaweiAccountId,
        FieldId::HuaweiInstanceId,
        FieldId::AwsAccountId,
        FieldId::AwsProductCode,
        FieldId::AwsLicenseArn,
        FieldId::HuaweiTenant,
        FieldId::UsernameOrEmail,
    ];

    /// The field named `name` ([`FieldId::as_str`]).
    pub fn from_name(name: &str) -> Option<FieldId> {
        FieldId::ALL.into_iter().find(|field| field.as_str() == name)
    }

    /// A stable name for HTML ids and URLs, e.g. `confirm_password`.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldId::Site => "site",
            FieldId::Username => "username",
            FieldId::Password => "password",
            FieldId::ConfirmPassword => "confirm_password",
            FieldId::Email => "email",
            FieldId::VerificationCode => "verification_code",
            FieldId::Phone => "phone",
            FieldId::CompanyName => "company_name",
            FieldId::Industry => "industry",
            FieldId::ContactName => "contact_name",
            FieldId::AgreeTerms => "agree_terms",
            FieldId::WorkspaceName => "workspace_name",
            FieldId::WorkspaceLanguage => "workspace_language",
            FieldId::AliyunAccountId => "aliyun_account_id",
            FieldId::AliyunInstanceId => "aliyun_instance_id",
            FieldId::HuaweiAccountId => "huawei_account_id",
            FieldId::HuaweiInstanceId => "huawei_instance_id",
            FieldId::AwsAccountId => "aws_account_id",
            FieldId::AwsProductCode => "aws_product_code",
            FieldId::AwsLicenseArn => "aws_license_arn",
            FieldId::HuaweiTenant => "huawei_tenant",
            FieldId::UsernameOrEmail => "username_or_email",
        }
    }
}

/// Every way one input can be wrong, with what a message needs to say it. Read by `tagged.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FieldError {
    /// Nothing was entered (or only spaces), or a required choice was not made.
    Required,
    /// Fewer characters than `min`.
    TooShort { min: u16 },
    /// More characters than `max`.
    TooLong { max: u16 },
    /// Not exactly `len` characters.
    WrongLength { len: u16 },
    /// A character outside the allowed set (for usernames: letters, digits, `_ . -`).
    InvalidCharacters,
    /// Usernames start with a letter.
    MustStartWithLetter,
    /// Tabs, newlines or other control characters.
    ControlCharacters,
    /// Spaces inside a value that cannot have any (IDs).
    ContainsWhitespace,
    /// Only the digits 0–9 are allowed.
    DigitsOnly,
    /// Only the hex digits 0–9 and a–f are allowed.
    HexOnly,
    /// Not shaped like `name@example.com`.
    InvalidEmail,
    /// Neither `+` and 8–15 digits nor an 11-digit Chinese mobile number starting with 1.
    InvalidPhone,
    /// An AWS license ARN starts with `arn:aws`.
    InvalidArn,
    /// The password is on the list of common passwords.
    PasswordTooCommon,
    /// The password equals the username.
    PasswordIsUsername,
    /// The password equals the email address.
    PasswordIsEmail,
    /// Confirm password differs from password.
    PasswordMismatch,
    /// The terms must be accepted.
    MustAgree,
    /// A typed ID differs from the one the marketplace told us.
    MismatchesMarketplace,
    /// The marketplace does not offer this site.
    SiteNotOffered,
    /// Someone already has this username or email (case-insensitive).
    Taken,
    /// The owner already has a workspace with this name.
    WorkspaceNameTaken,
    /// No Billing Center account has this username.
    UnknownAccount,
    /// The verification code is not the one sent; `tries_left` more attempts.
    CodeWrong { tries_left: u8 },
    /// The verification code is older than 10 minutes, or was already used.
    CodeExpired,
    /// Five wrong tries: this code is dead; send a new one.
    CodeLocked,
    /// No code was sent to this address (press Send code first).
    CodeNotSent,
}

/// The errors of one form, at most one per field, in screen order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(transparent)]
pub struct FieldErrors(BTreeMap<FieldId, FieldError>);

impl FieldErrors {
    /// No errors.
    pub fn new() -> FieldErrors {
        FieldErrors::default()
    }

    /// One error.
    pub fn single(field: FieldId, error: FieldError) -> FieldErrors {
        let mut errors = FieldErrors::new();
        errors.add(field, error);
        errors
    }

    /// Records `error` for `field` unless the field already has one (the first problem found wins).
    pub fn add(&mut self, field: FieldId, error: FieldError) {
        self.0.entry(field).or_insert(error);
    }

    /// Keeps the parsed value, or records why `field` failed.
    pub fn check<T>(&mut self, field: FieldId, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|error| self.add(field, error)).ok()
    }

    /// The error of `field`, if any.
    pub fn get(&self, field: FieldId) -> Option<FieldError> {
        self.0.get(&field).copied()
    }

    /// Forgets the error of `field` (it was fixed).
    pub fn clear(&mut self, field: FieldId) {
        self.0.remove(&field);
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Errors in screen order.
    pub fn iter(&self) -> impl Iterator<Item = (FieldId, FieldError)> + '_ {
        self.0.iter().map(|(field, error)| (*field, *error))
    }
}

impl FromIterator<(FieldId, FieldError)> for FieldErrors {
    fn from_iter<I: IntoIterator<Item = (FieldId, FieldError)>>(iter: I) -> Self {
        let mut errors = FieldErrors::new();
        for (field, error) in iter {
            errors.add(field, error);
        }
        errors
    }
}

/// For logs and serde messages only; the UI has its own bilingual texts.
impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "invalid value: {self:?}")
    }
}

impl std::error::Error for FieldError {}

#[cfg(test)]
#[path = "field_tests.rs"]
mod tests;
