//! Validated values: each is a newtype with a private field and one checking constructor (`parse`),
//! and serde goes through that constructor, so an invalid value cannot exist anywhere: not in the app,
//! not in the mock's memory, not in its state file.

mod ids;
mod marketplace;
mod person;
#[cfg(feature = "schema")]
pub mod schema;
mod workspace;

pub use ids::{
    AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiMember, HuaweiTenant, InstanceId,
    LicenseArn, ProductCode,
};
pub use marketplace::{CloudAccount, Identity, Marketplace, Site};
pub use person::{
    CompanyName, ContactName, Email, Industry, Password, PasswordStrength, Phone, Username,
    VerificationCode,
};
pub use workspace::{WorkspaceId, WorkspaceLanguage, WorkspaceName};

use crate::field::FieldError;

/// Defines a string newtype whose only way in is `parse`, with serde through it. `schema` is its
/// JSON Schema (an expression over [`schema`]'s helpers and the type's own constants, `Self::MAX`),
/// described by the doc comment: the rule `parse` enforces, as the OpenAPI document states it.
macro_rules! validated_string {
    ($(#[doc = $doc:literal])* $name:ident, schema: $schema:expr) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        #[cfg(feature = "schema")]
        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn schema_id() -> std::borrow::Cow<'static, str> {
                concat!(module_path!(), "::", stringify!($name)).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                $crate::domain::schema::described($schema, &[$($doc),*])
            }
        }

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

#[cfg(test)]
mod tests {
    use std::fmt::Debug;

    use proptest::prelude::*;
    use serde::{Serialize, de::DeserializeOwned};

    use super::*;

    /// The serde contract of every validated type, checked for one raw input: an accepted value
    /// round-trips through JSON and re-parses to itself; a rejected input cannot be deserialized.
    pub(crate) fn assert_serde_goes_through_parse<T>(
        input: &str,
        parse: fn(&str) -> Result<T, FieldError>,
        raw: fn(&T) -> &str,
    ) where
        T: Serialize + DeserializeOwned + PartialEq + Debug,
    {
        let raw_json = serde_json::to_string(input).unwrap();
        match parse(input) {
            Ok(value) => {
                let json = serde_json::to_string(&value).unwrap();
                assert_eq!(json, serde_json::to_string(raw(&value)).unwrap());
                let back: T = serde_json::from_str(&json).unwrap();
                assert_eq!(back, value, "serde round trip of {input:?}");
                assert_eq!(parse(raw(&value)).as_ref(), Ok(&value), "parse is idempotent");
                let direct: T = serde_json::from_str(&raw_json).unwrap();
                assert_eq!(direct, value, "deserializing the raw input parses it");
            }
            Err(error) => {
                let result = serde_json::from_str::<T>(&raw_json);
                assert!(result.is_err(), "{input:?} was rejected ({error:?}) but deserialized");
            }
        }
    }

    #[test]
    fn mask_middle_of_an_aws_account_id() {
        assert_eq!(mask_middle("123456789012"), "1234****9012");
    }

    #[test]
    fn mask_middle_hides_short_values_entirely() {
        assert_eq!(mask_middle(""), "");
        assert_eq!(mask_middle("1234"), "****");
        assert_eq!(mask_middle("12345678"), "********");
    }

    #[test]
    fn mask_middle_of_a_9_char_value_shows_four_each_side() {
        assert_eq!(mask_middle("123456789"), "1234****6789");
    }

    #[test]
    fn mask_middle_counts_multi_byte_characters_as_one() {
        assert_eq!(mask_middle("一二三四五六七八九十"), "一二三四****七八九十");
        assert_eq!(mask_middle("一二三四五六七八"), "********");
    }

    #[test]
    fn plain_text_trims_and_keeps_inner_whitespace() {
        assert_eq!(plain_text("  a  b  ", 1, 10), Ok("a  b".to_owned()));
    }

    #[test]
    fn plain_text_whitespace_only_is_required() {
        assert_eq!(plain_text("", 1, 10), Err(FieldError::Required));
        assert_eq!(plain_text(" \t\n\u{3000}", 1, 10), Err(FieldError::Required));
    }

    #[test]
    fn plain_text_rejects_inner_control_characters() {
        assert_eq!(plain_text("a\nb", 1, 10), Err(FieldError::ControlCharacters));
        assert_eq!(plain_text("a\u{0}", 1, 10), Err(FieldError::ControlCharacters));
        assert_eq!(plain_text("\u{7f}", 1, 10), Err(FieldError::ControlCharacters));
        assert_eq!(plain_text("\u{1b}[0m", 1, 10), Err(FieldError::ControlCharacters));
    }

    #[test]
    fn plain_text_limits_count_characters_after_trimming() {
        assert_eq!(plain_text(" a ", 2, 3), Err(FieldError::TooShort { min: 2 }));
        assert_eq!(plain_text(" ab ", 2, 3), Ok("ab".to_owned()));
        assert_eq!(plain_text("汉字汉", 2, 3), Ok("汉字汉".to_owned()));
        assert_eq!(plain_text("汉字汉字", 2, 3), Err(FieldError::TooLong { max: 3 }));
    }

    #[test]
    fn digits_checks_in_order_required_whitespace_digits_length() {
        assert_eq!(digits("  ", 3), Err(FieldError::Required));
        assert_eq!(digits("1 2a", 3), Err(FieldError::ContainsWhitespace));
        assert_eq!(digits("12a", 3), Err(FieldError::DigitsOnly));
        assert_eq!(digits("12", 3), Err(FieldError::WrongLength { len: 3 }));
        assert_eq!(digits(" 123 ", 3), Ok("123".to_owned()));
    }

    #[test]
    fn digits_rejects_non_ascii_digits() {
        assert_eq!(digits("１２３", 3), Err(FieldError::DigitsOnly));
        assert_eq!(digits("١٢٣", 3), Err(FieldError::DigitsOnly));
    }

    #[test]
    fn a_validated_string_displays_and_converts_as_stored() {
        let name = WorkspaceName::parse("  Prod  ").unwrap();
        assert_eq!(name.to_string(), "Prod");
        assert_eq!(name.as_str(), "Prod");
        assert_eq!(String::from(name.clone()), "Prod");
        assert_eq!(WorkspaceName::try_from(" Prod ".to_owned()), Ok(name));
        assert_eq!(WorkspaceName::try_from(String::new()), Err(FieldError::Required));
    }

    proptest! {
        #[test]
        fn mask_middle_keeps_the_ends_and_hides_the_middle(value in "\\PC{0,40}") {
            let chars: Vec<char> = value.chars().collect();
            let masked: Vec<char> = mask_middle(&value).chars().collect();
            if chars.len() <= 8 {
                prop_assert_eq!(masked.len(), chars.len());
                prop_assert!(masked.iter().all(|&c| c == '*'));
            } else {
                prop_assert_eq!(masked.len(), 12);
                prop_assert_eq!(&masked[..4], &chars[..4]);
                prop_assert_eq!(&masked[4..8], &['*'; 4]);
                prop_assert_eq!(&masked[8..], &chars[chars.len() - 4..]);
            }
        }

        #[test]
        fn plain_text_accepts_only_trimmed_control_free_text_in_range(value in any::<String>()) {
            if let Ok(text) = plain_text(&value, 2, 10) {
                prop_assert_eq!(text.trim(), text.as_str());
                prop_assert!((2..=10).contains(&text.chars().count()));
                prop_assert!(!text.chars().any(char::is_control));
                prop_assert_eq!(plain_text(&text, 2, 10), Ok(text.clone()));
            }
        }
    }
}
