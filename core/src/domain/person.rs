//! What people type about themselves and their company.

use serde::{Deserialize, Serialize};

use super::{digits, plain_text, validated_string};
use crate::{field::FieldError, passwords};

validated_string! {
    /// 4–32 characters: ASCII letters, digits, `_ . -`, starting with a letter. Unique
    /// case-insensitively; a Billing Center username never changes after registration.
    Username
}

impl Username {
    pub const MIN: u16 = 4;
    pub const MAX: u16 = 32;

    pub fn parse(value: &str) -> Result<Username, FieldError> {
        let value = value.trim();
        let Some(first) = value.chars().next() else {
            return Err(FieldError::Required);
        };
        if !value.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-')) {
            return Err(FieldError::InvalidCharacters);
        }
        if !first.is_ascii_alphabetic() {
            return Err(FieldError::MustStartWithLetter);
        }
        let len = value.len(); // ASCII only by now
        if len < usize::from(Self::MIN) {
            return Err(FieldError::TooShort { min: Self::MIN });
        }
        if len > usize::from(Self::MAX) {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        Ok(Username(value.to_owned()))
    }

    /// The key under which usernames are unique: case-insensitive.
    pub fn unique_key(&self) -> String {
        self.0.to_ascii_lowercase()
    }
}

/// 8–64 characters, not a common password; never trimmed, never printed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "String", into = "String")]
pub struct Password(String);

impl Password {
    pub const MIN: u16 = 8;
    pub const MAX: u16 = 64;

    /// Checks the rules that need no other field; see [`Password::check_against`] for the rest.
    pub fn parse(value: &str) -> Result<Password, FieldError> {
        let chars = value.chars().count();
        if chars == 0 {
            return Err(FieldError::Required);
        }
        if value.chars().any(char::is_control) {
            return Err(FieldError::ControlCharacters);
        }
        if chars < usize::from(Self::MIN) {
            return Err(FieldError::TooShort { min: Self::MIN });
        }
        if chars > usize::from(Self::MAX) {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        if passwords::is_common(value) {
            return Err(FieldError::PasswordTooCommon);
        }
        Ok(Password(value.to_owned()))
    }

    /// The cross-field rule: a password may not equal the username or the email (case-insensitive).
    pub fn check_against(
        &self,
        username: Option<&Username>,
        email: Option<&Email>,
    ) -> Result<(), FieldError> {
        let lower = self.0.to_lowercase();
        if username.is_some_and(|u| u.unique_key() == lower) {
            return Err(FieldError::PasswordIsUsername);
        }
        if email.is_some_and(|e| e.as_str() == lower) {
            return Err(FieldError::PasswordIsEmail);
        }
        Ok(())
    }

    /// The secret itself, for hashing or sending; never for display.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl TryFrom<String> for Password {
    type Error = FieldError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Password::parse(&value)
    }
}

impl From<Password> for String {
    fn from(value: Password) -> String {
        value.0
    }
}

/// How hard a password would be to guess, as a hint while typing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum PasswordStrength {
    /// Refused, or easy to guess.
    Weak,
    /// Acceptable.
    Fair,
    /// Long and varied.
    Strong,
}

impl PasswordStrength {
    /// A hint for what is typed so far: length and variety of character classes.
    pub fn of(value: &str) -> PasswordStrength {
        if Password::parse(value).is_err() {
            return PasswordStrength::Weak;
        }
        let classes = [
            value.chars().any(|c| c.is_lowercase()),
            value.chars().any(|c| c.is_uppercase()),
            value.chars().any(|c| c.is_numeric()),
            value.chars().any(|c| !c.is_alphanumeric()),
        ]
        .into_iter()
        .filter(|&present| present)
        .count();
        let len = value.chars().count();
        match (len, classes) {
            (12.., 3..) | (16.., 2..) => PasswordStrength::Strong,
            (_, 2..) | (12.., _) => PasswordStrength::Fair,
            _ => PasswordStrength::Weak,
        }
    }
}

validated_string! {
    /// `local@domain.tld`, ASCII, at most 254 characters; stored lower-cased.
    Email
}

impl Email {
    pub const MAX: u16 = 254;

    pub fn parse(value: &str) -> Result<Email, FieldError> {
        let value = value.trim();
        if value.is_empty() {
            return Err(FieldError::Required);
        }
        if value.len() > usize::from(Self::MAX) {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        let lower = value.to_ascii_lowercase();
        let (local, domain) = lower.rsplit_once('@').ok_or(FieldError::InvalidEmail)?;
        if valid_local_part(local) && valid_domain(domain) {
            Ok(Email(lower))
        } else {
            Err(FieldError::InvalidEmail)
        }
    }

    /// For showing where a code went without revealing the address: `ab***@example.com`.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let shown: String = local.chars().take(2).collect();
        format!("{shown}***@{domain}")
    }
}

fn valid_local_part(local: &str) -> bool {
    const SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";
    !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || SPECIALS.contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && domain.len() <= 253
        && tld.len() >= 2
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

validated_string! {
    /// E.164 (`+` and 8–15 digits) or a Chinese mobile number (11 digits starting with 1); surrounding
    /// whitespace (a pasted newline) and spaces and hyphens typed between digits are dropped.
    Phone
}

impl Phone {
    pub fn parse(value: &str) -> Result<Phone, FieldError> {
        let compact: String = value.trim().chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        if compact.is_empty() {
            return Err(FieldError::Required);
        }
        let (plus, digits) = match compact.strip_prefix('+') {
            Some(rest) => (true, rest),
            None => (false, compact.as_str()),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldError::InvalidPhone);
        }
        let valid = if plus {
            (8..=15).contains(&digits.len()) && !digits.starts_with('0')
        } else {
            digits.len() == 11 && digits.starts_with('1')
        };
        if valid { Ok(Phone(compact)) } else { Err(FieldError::InvalidPhone) }
    }
}

validated_string! {
    /// Six digits sent by email.
    VerificationCode
}

impl VerificationCode {
    pub const LEN: u16 = 6;

    pub fn parse(value: &str) -> Result<VerificationCode, FieldError> {
        digits(value, Self::LEN).map(VerificationCode)
    }
}

validated_string! {
    /// 2–100 characters after trimming, no control characters.
    CompanyName
}

impl CompanyName {
    pub const MIN: u16 = 2;
    pub const MAX: u16 = 100;

    pub fn parse(value: &str) -> Result<CompanyName, FieldError> {
        plain_text(value, Self::MIN, Self::MAX).map(CompanyName)
    }
}

validated_string! {
    /// Optional contact person: 1–50 characters after trimming, no control characters.
    ContactName
}

impl ContactName {
    pub const MAX: u16 = 50;

    pub fn parse(value: &str) -> Result<ContactName, FieldError> {
        plain_text(value, 1, Self::MAX).map(ContactName)
    }
}

/// The company's industry, chosen from a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Industry {
    Internet,
    Finance,
    Manufacturing,
    Retail,
    Education,
    Healthcare,
    Government,
    Telecom,
    Energy,
    Logistics,
    Gaming,
    Other,
}

impl Industry {
    pub const ALL: [Industry; 12] = [
        Industry::Internet,
        Industry::Finance,
        Industry::Manufacturing,
        Industry::Retail,
        Industry::Education,
        Industry::Healthcare,
        Industry::Government,
        Industry::Telecom,
        Industry::Energy,
        Industry::Logistics,
        Industry::Gaming,
        Industry::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Industry::Internet => "internet",
            Industry::Finance => "finance",
            Industry::Manufacturing => "manufacturing",
            Industry::Retail => "retail",
            Industry::Education => "education",
            Industry::Healthcare => "healthcare",
            Industry::Government => "government",
            Industry::Telecom => "telecom",
            Industry::Energy => "energy",
            Industry::Logistics => "logistics",
            Industry::Gaming => "gaming",
            Industry::Other => "other",
        }
    }

    /// The industry whose code is `code`; `FieldError::InvalidCharacters` for anything else.
    pub fn parse(code: &str) -> Result<Industry, FieldError> {
        Self::ALL.into_iter().find(|i| i.code() == code).ok_or(FieldError::InvalidCharacters)
    }
}

#[cfg(test)]
#[path = "person_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "person_contact_tests.rs"]
mod contact_tests;
