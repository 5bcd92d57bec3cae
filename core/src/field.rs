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
}

impl FieldId {
    /// Every field, in screen order (error summaries list them in this order).
    pub const ALL: [FieldId; 21] = [
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
        }
    }
}

/// Every way one input can be wrong, with what a message needs to say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;
    use serde_json::json;

    use super::*;

    /// Where each variant sits in [`ALL_ERRORS`]. No wildcard arm: a new variant does not compile
    /// until it has a place here, and the test below holds the list to these places.
    fn ordinal(error: FieldError) -> usize {
        use FieldError as E;
        match error {
            E::Required => 0,
            E::TooShort { .. } => 1,
            E::TooLong { .. } => 2,
            E::WrongLength { .. } => 3,
            E::InvalidCharacters => 4,
            E::MustStartWithLetter => 5,
            E::ControlCharacters => 6,
            E::ContainsWhitespace => 7,
            E::DigitsOnly => 8,
            E::HexOnly => 9,
            E::InvalidEmail => 10,
            E::InvalidPhone => 11,
            E::InvalidArn => 12,
            E::PasswordTooCommon => 13,
            E::PasswordIsUsername => 14,
            E::PasswordIsEmail => 15,
            E::PasswordMismatch => 16,
            E::MustAgree => 17,
            E::MismatchesMarketplace => 18,
            E::SiteNotOffered => 19,
            E::Taken => 20,
            E::WorkspaceNameTaken => 21,
            E::UnknownAccount => 22,
            E::CodeWrong { .. } => 23,
            E::CodeExpired => 24,
            E::CodeLocked => 25,
            E::CodeNotSent => 26,
        }
    }

    #[test]
    fn the_example_list_has_every_field_error_once_in_order() {
        let ordinals: Vec<usize> = ALL_ERRORS.into_iter().map(ordinal).collect();
        assert_eq!(ordinals, (0..ALL_ERRORS.len()).collect::<Vec<_>>());
    }

    /// One example of every variant, for round trips.
    const ALL_ERRORS: [FieldError; 27] = [
        FieldError::Required,
        FieldError::TooShort { min: 4 },
        FieldError::TooLong { max: 64 },
        FieldError::WrongLength { len: 12 },
        FieldError::InvalidCharacters,
        FieldError::MustStartWithLetter,
        FieldError::ControlCharacters,
        FieldError::ContainsWhitespace,
        FieldError::DigitsOnly,
        FieldError::HexOnly,
        FieldError::InvalidEmail,
        FieldError::InvalidPhone,
        FieldError::InvalidArn,
        FieldError::PasswordTooCommon,
        FieldError::PasswordIsUsername,
        FieldError::PasswordIsEmail,
        FieldError::PasswordMismatch,
        FieldError::MustAgree,
        FieldError::MismatchesMarketplace,
        FieldError::SiteNotOffered,
        FieldError::Taken,
        FieldError::WorkspaceNameTaken,
        FieldError::UnknownAccount,
        FieldError::CodeWrong { tries_left: 3 },
        FieldError::CodeExpired,
        FieldError::CodeLocked,
        FieldError::CodeNotSent,
    ];

    #[test]
    fn field_ids_are_listed_in_declaration_order_once_each() {
        assert!(FieldId::ALL.windows(2).all(|w| w[0] < w[1]));
        let names: HashSet<_> = FieldId::ALL.into_iter().map(FieldId::as_str).collect();
        assert_eq!(names.len(), FieldId::ALL.len());
    }

    #[test]
    fn a_field_id_serializes_as_its_snake_case_name() {
        for field in FieldId::ALL {
            let json = serde_json::to_string(&field).unwrap();
            assert_eq!(json, format!("\"{}\"", field.as_str()));
            assert_eq!(serde_json::from_str::<FieldId>(&json).unwrap(), field);
        }
        assert_eq!(FieldId::ConfirmPassword.as_str(), "confirm_password");
        assert!(serde_json::from_str::<FieldId>(r#""ConfirmPassword""#).is_err());
    }

    #[test]
    fn field_error_serde_is_tagged_by_kind() {
        assert_eq!(
            serde_json::to_value(FieldError::Required).unwrap(),
            json!({"kind": "required"})
        );
        assert_eq!(
            serde_json::to_value(FieldError::TooShort { min: 8 }).unwrap(),
            json!({"kind": "too_short", "min": 8})
        );
        assert_eq!(
            serde_json::to_value(FieldError::CodeWrong { tries_left: 2 }).unwrap(),
            json!({"kind": "code_wrong", "tries_left": 2})
        );
        assert_eq!(
            serde_json::to_value(FieldError::PasswordIsEmail).unwrap(),
            json!({"kind": "password_is_email"})
        );
    }

    #[test]
    fn every_field_error_round_trips_through_serde() {
        for error in ALL_ERRORS {
            let json = serde_json::to_value(error).unwrap();
            assert!(json["kind"].is_string(), "{json}");
            assert_eq!(serde_json::from_value::<FieldError>(json).unwrap(), error);
        }
    }

    #[test]
    fn an_unknown_error_kind_is_rejected() {
        assert!(serde_json::from_value::<FieldError>(json!({"kind": "on_fire"})).is_err());
        assert!(serde_json::from_value::<FieldError>(json!({"kind": "too_short"})).is_err());
        assert!(serde_json::from_value::<FieldError>(json!("required")).is_err());
    }

    #[test]
    fn the_first_error_per_field_wins() {
        let mut errors = FieldErrors::new();
        errors.add(FieldId::Password, FieldError::TooShort { min: 8 });
        errors.add(FieldId::Password, FieldError::PasswordTooCommon);
        assert_eq!(errors.get(FieldId::Password), Some(FieldError::TooShort { min: 8 }));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn from_iterator_also_keeps_the_first_error_per_field() {
        let errors: FieldErrors = [
            (FieldId::Email, FieldError::InvalidEmail),
            (FieldId::Email, FieldError::Taken),
            (FieldId::Username, FieldError::Taken),
        ]
        .into_iter()
        .collect();
        assert_eq!(errors.get(FieldId::Email), Some(FieldError::InvalidEmail));
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn errors_are_listed_in_screen_order_whatever_the_insertion_order() {
        let mut errors = FieldErrors::new();
        errors.add(FieldId::WorkspaceName, FieldError::Required);
        errors.add(FieldId::Email, FieldError::InvalidEmail);
        errors.add(FieldId::Site, FieldError::SiteNotOffered);
        errors.add(FieldId::Username, FieldError::Taken);
        let fields: Vec<FieldId> = errors.iter().map(|(field, _)| field).collect();
        assert_eq!(
            fields,
            [FieldId::Site, FieldId::Username, FieldId::Email, FieldId::WorkspaceName]
        );
    }

    #[test]
    fn check_keeps_the_value_or_records_the_error() {
        let mut errors = FieldErrors::new();
        assert_eq!(errors.check(FieldId::Phone, Ok::<_, FieldError>(7)), Some(7));
        assert!(errors.is_empty());
        let failed: Option<u8> = errors.check(FieldId::Phone, Err(FieldError::InvalidPhone));
        assert_eq!(failed, None);
        assert_eq!(errors.get(FieldId::Phone), Some(FieldError::InvalidPhone));
    }

    #[test]
    fn clear_forgets_a_fixed_field_only() {
        let mut errors = FieldErrors::single(FieldId::Username, FieldError::Required);
        errors.add(FieldId::Password, FieldError::Required);
        errors.clear(FieldId::Username);
        errors.clear(FieldId::Email);
        assert_eq!(errors.get(FieldId::Username), None);
        assert_eq!(errors.get(FieldId::Password), Some(FieldError::Required));
        assert_eq!(errors.len(), 1);
    }

    #[test]
    fn single_and_empty() {
        assert!(FieldErrors::new().is_empty());
        assert_eq!(FieldErrors::new(), FieldErrors::default());
        let one = FieldErrors::single(FieldId::AgreeTerms, FieldError::MustAgree);
        assert_eq!(one.len(), 1);
        assert!(!one.is_empty());
        assert_eq!(one.get(FieldId::AgreeTerms), Some(FieldError::MustAgree));
    }

    #[test]
    fn field_errors_serialize_as_an_object_keyed_by_field_id_in_screen_order() {
        let mut errors = FieldErrors::new();
        errors.add(FieldId::ConfirmPassword, FieldError::PasswordMismatch);
        errors.add(FieldId::Username, FieldError::TooShort { min: 4 });
        let text = serde_json::to_string(&errors).unwrap();
        assert_eq!(
            text,
            concat!(
                r#"{"username":{"kind":"too_short","min":4},"#,
                r#""confirm_password":{"kind":"password_mismatch"}}"#,
            )
        );
        assert_eq!(serde_json::from_str::<FieldErrors>(&text).unwrap(), errors);
        assert_eq!(serde_json::to_string(&FieldErrors::new()).unwrap(), "{}");
    }

    #[test]
    fn field_errors_with_an_unknown_field_are_rejected() {
        let text = r#"{"shoe_size":{"kind":"required"}}"#;
        assert!(serde_json::from_str::<FieldErrors>(text).is_err());
    }

    #[test]
    fn a_field_error_displays_for_logs() {
        assert_eq!(
            FieldError::TooLong { max: 50 }.to_string(),
            "invalid value: TooLong { max: 50 }"
        );
    }

    fn arbitrary_entry() -> impl Strategy<Value = (FieldId, FieldError)> {
        (0..FieldId::ALL.len(), 0..ALL_ERRORS.len())
            .prop_map(|(field, error)| (FieldId::ALL[field], ALL_ERRORS[error]))
    }

    proptest! {
        #[test]
        fn field_errors_keep_first_errors_in_screen_order_and_round_trip(
            entries in prop::collection::vec(arbitrary_entry(), 0..40)
        ) {
            let errors: FieldErrors = entries.iter().copied().collect();
            let listed: Vec<(FieldId, FieldError)> = errors.iter().collect();
            prop_assert!(listed.windows(2).all(|w| w[0].0 < w[1].0));
            for (field, error) in &listed {
                let first = entries.iter().find(|(f, _)| f == field).map(|(_, e)| *e);
                prop_assert_eq!(Some(*error), first);
            }
            let distinct: HashSet<FieldId> = entries.iter().map(|(f, _)| *f).collect();
            prop_assert_eq!(errors.len(), distinct.len());
            let text = serde_json::to_string(&errors).unwrap();
            prop_assert_eq!(serde_json::from_str::<FieldErrors>(&text).unwrap(), errors);
        }
    }
}
