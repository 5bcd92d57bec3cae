//! Validated values: each is a newtype with a private field and one checking constructor (`parse`),
//! and serde goes through that constructor, so an invalid value cannot exist anywhere: not in the app,
//! not in the mock's memory, not in its state file.

mod ids;
mod marketplace;
mod person;
mod workspace;

pub use ids::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, InstanceId, LicenseArn,
    ProductCode,
};
pub use marketplace::{CloudAccount, Identity, Marketplace, Site};
pub use person::{
    CompanyName, ContactName, Email, Industry, Password, PasswordStrength, Phone, Username,
    VerificationCode,
};
pub use workspace::{WorkspaceId, WorkspaceLanguage, WorkspaceName};

use crate::field::FieldError;

/// Defines a string newtype whose only way in is `parse`, with serde through it.
macro_rules! validated_string {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            /// The value as stored (normalised by `parse`).
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::field::FieldError;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $name::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(value: $name) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}
pub(crate) use validated_string;

/// Trimmed text of `min..=max` characters with no control characters.
fn plain_text(value: &str, min: u16, max: u16) -> Result<String, FieldError> {
    let trimmed = value.trim();
    let chars = trimmed.chars().count();
    if chars == 0 {
        return Err(FieldError::Required);
    }
    if trimmed.chars().any(char::is_control) {
        return Err(FieldError::ControlCharacters);
    }
    if chars < usize::from(min) {
        return Err(FieldError::TooShort { min });
    }
    if chars > usize::from(max) {
        return Err(FieldError::TooLong { max });
    }
    Ok(trimmed.to_owned())
}

/// Exactly `len` ASCII digits, surrounding whitespace ignored.
fn digits(value: &str, len: u16) -> Result<String, FieldError> {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return Err(FieldError::Required);
    }
    if trimmed.chars().any(char::is_whitespace) {
        return Err(FieldError::ContainsWhitespace);
    }
    if !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldError::DigitsOnly);
    }
    if trimmed.len() != usize::from(len) {
        return Err(FieldError::WrongLength { len });
    }
    Ok(trimmed.to_owned())
}

/// Shows the first and last four characters: `1234****9012`.
pub fn mask_middle(value: &str) -> String {
    let chars: Vec<char> = value.chars().collect();
    if chars.len() <= 8 {
        return "*".repeat(chars.len());
    }
    let head: String = chars[..4].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}****{tail}")
}
