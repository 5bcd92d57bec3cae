//! What people type about themselves and their company.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use super::schema;
use super::{digits, plain_text, validated_string};
use crate::{field::FieldError, passwords};

validated_string! {
    /// 4–32 characters: ASCII letters, digits, `_ . -`, starting with a letter. Unique
    /// case-insensitively; a Billing Center username never changes after registration.
    Username,
    schema: schema::lengths(
        schema::text(schema::trimmed(&format!(
            "[A-Za-z][A-Za-z0-9_.-]{{{},{}}}",
            Self::MIN - 1,
            Self::MAX - 1
        ))),
        Some(Self::MIN),
        None,
    )
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
#[serde(try_from = "String", into = "String")]
pub struct Password(String);

#[cfg(feature = "schema")]
impl schemars::JsonSchema for Password {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Password".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        concat!(module_path!(), "::Password").into()
    }

    /// The rules a JSON Schema can state; the common-password list and the cross-field rules
    /// ([`Password::check_against`]) are in the description.
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        let no_control = schema::text(format!("^[^{}]*$", schema::CONTROL));
        let mut schema = schema::lengths(no_control, Some(Self::MIN), Some(Self::MAX));
        let description = format!(
            "{}–{} characters, no control characters, taken as typed (not trimmed). Also \
             refused: a common password, or one equal to the username or the email \
             (case-insensitively).",
            Self::MIN,
            Self::MAX
        );
        schema.insert("description".into(), description.into());
        schema
    }
}

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
    Email,
    schema: Self::schema()
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

    /// `parse`'s rule: a dot-atom local part of at most 64 characters, `@`, labels of at most 63
    /// letters, digits and inner hyphens, a top-level domain of letters; 254 characters in all.
    #[cfg(feature = "schema")]
    fn schema() -> schemars::Schema {
        let specials: String = LOCAL_SPECIALS
            .chars()
            .filter(|&c| c != '.')
            .map(|c| if matches!(c, '^' | '-') { format!("\\{c}") } else { c.to_string() })
            .collect();
        let atom = format!("[A-Za-z0-9{specials}]+");
        let label = format!("[A-Za-z0-9](?:[A-Za-z0-9-]{{0,{}}}[A-Za-z0-9])?", LABEL_MAX - 2);
        let tld = format!("[A-Za-z]{{{TLD_MIN},{LABEL_MAX}}}");
        let shape = format!("{atom}(?:\\.{atom})*@(?:{label}\\.)+{tld}");
        let ws = schema::WHITESPACE;
        let total = schema::trimmed(&format!("[^{ws}]{{1,{}}}", Self::MAX));
        let local = format!("^[{ws}]*[^@{ws}]{{1,{LOCAL_MAX}}}@");
        schema::also_matching(schema::text(schema::trimmed(&shape)), &[total, local])
    }

    /// For showing where a code went without revealing the address: `ab***@example.com`.
    pub fn masked(&self) -> String {
        let (local, domain) = self.0.rsplit_once('@').unwrap_or((&self.0, ""));
        let shown: String = local.chars().take(2).collect();
        format!("{shown}***@{domain}")
    }
}

/// Characters a local part may hold besides ASCII letters and digits (a dot only between others).
const LOCAL_SPECIALS: &str = "!#$%&'*+/=?^_`{|}~.-";
/// Longest local part.
const LOCAL_MAX: usize = 64;
/// Longest label of the domain.
const LABEL_MAX: usize = 63;
/// Longest domain.
const DOMAIN_MAX: usize = 253;
/// Shortest top-level domain.
const TLD_MIN: usize = 2;

fn valid_local_part(local: &str) -> bool {
    !local.is_empty()
        && local.len() <= LOCAL_MAX
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local.chars().all(|c| c.is_ascii_alphanumeric() || LOCAL_SPECIALS.contains(c))
}

fn valid_domain(domain: &str) -> bool {
    let labels: Vec<&str> = domain.split('.').collect();
    let tld = labels.last().copied().unwrap_or_default();
    labels.len() >= 2
        && domain.len() <= DOMAIN_MAX
        && tld.len() >= TLD_MIN
        && tld.chars().all(|c| c.is_ascii_alphabetic())
        && labels.iter().all(|label| {
            !label.is_empty()
                && label.len() <= LABEL_MAX
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        })
}

validated_string! {
    /// E.164 (`+` and 8–15 digits) or a Chinese mobile number (11 digits starting with 1); surrounding
    /// whitespace (a pasted newline) and spaces and hyphens typed between digits are dropped.
    Phone,
    schema: Self::schema()
}

impl Phone {
    /// Digits of an E.164 number after the `+`.
    pub const E164_MIN: usize = 8;
    pub const E164_MAX: usize = 15;
    /// Digits of a Chinese mobile number.
    pub const MOBILE_LEN: usize = 11;

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
            (Self::E164_MIN..=Self::E164_MAX).contains(&digits.len()) && !digits.starts_with('0')
        } else {
            digits.len() == Self::MOBILE_LEN && digits.starts_with('1')
        };
        if valid { Ok(Phone(compact)) } else { Err(FieldError::InvalidPhone) }
    }

    /// `parse`'s rule: `+` and a number not starting with 0, or 1 and ten more digits, with
    /// spaces and hyphens anywhere between (dropped) and whitespace around (trimmed).
    #[cfg(feature = "schema")]
    fn schema() -> schemars::Schema {
        let gap = "[ -]*";
        let e164 = format!(
            "{gap}\\+{gap}[1-9](?:{gap}[0-9]){{{},{}}}{gap}",
            Self::E164_MIN - 1,
            Self::E164_MAX - 1
        );
        let mobile = format!("{gap}1(?:{gap}[0-9]){{{}}}{gap}", Self::MOBILE_LEN - 1);
        schema::text(schema::trimmed(&format!("{e164}|{mobile}")))
    }
}

validated_string! {
    /// Six digits sent by email.
    VerificationCode,
    schema: schema::digits(Self::LEN)
}

impl VerificationCode {
    pub const LEN: u16 = 6;

    pub fn parse(value: &str) -> Result<VerificationCode, FieldError> {
        digits(value, Self::LEN).map(VerificationCode)
    }
}

validated_string! {
    /// 2–100 characters after trimming, no control characters.
    CompanyName,
    schema: schema::plain_text(Self::MIN, Self::MAX)
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
    ContactName,
    schema: schema::plain_text(1, Self::MAX)
}

impl ContactName {
    pub const MAX: u16 = 50;

    pub fn parse(value: &str) -> Result<ContactName, FieldError> {
        plain_text(value, 1, Self::MAX).map(ContactName)
    }
}

wire_enum! {
    /// The company's industry, chosen from a list.
    pub enum Industry {
        Internet = "internet",
        Finance = "finance",
        Manufacturing = "manufacturing",
        Retail = "retail",
        Education = "education",
        Healthcare = "healthcare",
        Government = "government",
        Telecom = "telecom",
        Energy = "energy",
        Logistics = "logistics",
        Gaming = "gaming",
        Other = "other",
    }
}

impl Industry {
    /// The industry whose code is `code`; `FieldError::InvalidCharacters` for anything else.
    pub fn parse(code: &str) -> Result<Industry, FieldError> {
        Industry::from_code(code).ok_or(FieldError::InvalidCharacters)
    }
}

#[cfg(test)]
#[path = "person_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "person_contact_tests.rs"]
mod contact_tests;
