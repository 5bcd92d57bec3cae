//! Account recovery from either login (SPEC §3 "Login"): **Forgot password?** (username or email → a
//! code to the account's email → a new password, then signed in) and **Forgot username?** (email →
//! the username is mailed). The drafts, their validation and the wire types; the paths are
//! [`crate::api::paths`]' `RECOVERY_*`.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use crate::domain::schema::Draft;
use crate::{
    domain::{Email, Password, Username, VerificationCode},
    field::{FieldError, FieldErrors, FieldId},
};

/// Which login the recovery is for: the console's accounts and the Billing Center's are separate.
/// A request that leaves it out means the console.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// The Guance console (login at `/login`).
    #[default]
    Console,
    /// The Billing Center (login at `/billing`).
    BillingCenter,
}

/// An account named by its username or its email, as typed on Forgot password?.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountName {
    Username(Username),
    Email(Email),
}

impl AccountName {
    /// An `@` means an email; anything else must be a username.
    pub fn parse(typed: &str) -> Result<AccountName, FieldError> {
        if typed.trim().is_empty() {
            Err(FieldError::Required)
        } else if typed.contains('@') {
            Email::parse(typed).map(AccountName::Email)
        } else {
            Username::parse(typed).map(AccountName::Username)
        }
    }

    /// The name to check a new password against (it must equal neither).
    fn parts(&self) -> (Option<&Username>, Option<&Email>) {
        match self {
            AccountName::Username(u) => (Some(u), None),
            AccountName::Email(e) => (None, Some(e)),
        }
    }
}

/// A username or an email: what [`AccountName::parse`] accepts.
#[cfg(feature = "schema")]
fn username_or_email(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [generator.subschema_for::<Username>(), generator.subschema_for::<Email>()]
    })
}

/// Forgot password?: send a code to the email of the account named.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict().optional("account")))]
#[serde(default)]
pub struct RecoveryCodeRequest {
    pub account: AccountKind,
    /// A username or an email address.
    #[cfg_attr(feature = "schema", schemars(schema_with = "username_or_email"))]
    pub username_or_email: String,
}

impl RecoveryCodeRequest {
    pub fn validate(&self) -> Result<AccountName, FieldErrors> {
        AccountName::parse(&self.username_or_email)
            .map_err(|e| FieldErrors::single(FieldId::UsernameOrEmail, e))
    }
}

/// Forgot password?, second half: the code and the new password (twice).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict().optional("account")))]
#[serde(default)]
pub struct ResetPasswordDraft {
    pub account: AccountKind,
    /// As sent to `RECOVERY_CODE`: the code is for that account only.
    #[cfg_attr(feature = "schema", schemars(schema_with = "username_or_email"))]
    pub username_or_email: String,
    #[cfg_attr(feature = "schema", schemars(with = "VerificationCode"))]
    pub verification_code: String,
    /// Not the account's username or email, nor a common password.
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub new_password: String,
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub confirm_password: String,
}

/// A valid Forgot password? form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResetPassword {
    pub name: AccountName,
    pub verification_code: VerificationCode,
    pub new_password: Password,
}

impl ResetPasswordDraft {
    /// Every field's rules at once. The new password is checked against the name typed here; the
    /// backend checks it against the account's username and email too.
    pub fn validate(&self) -> Result<ResetPassword, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name =
            errors.check(FieldId::UsernameOrEmail, AccountName::parse(&self.username_or_email));
        let code = errors
            .check(FieldId::VerificationCode, VerificationCode::parse(&self.verification_code));
        let password =
            errors.check(FieldId::Password, Password::parse(&self.new_password)).and_then(|p| {
                let (username, email) = name.as_ref().map_or((None, None), AccountName::parts);
                errors.check(FieldId::Password, p.check_against(username, email)).map(|()| p)
            });
        if self.confirm_password.is_empty() {
            errors.add(FieldId::ConfirmPassword, FieldError::Required);
        } else if password.as_ref().is_some_and(|p| p.expose() != self.confirm_password) {
            errors.add(FieldId::ConfirmPassword, FieldError::PasswordMismatch);
        }
        match (name, code, password) {
            (Some(name), Some(verification_code), Some(new_password)) if errors.is_empty() => {
                Ok(ResetPassword { name, verification_code, new_password })
            }
            _ => Err(errors),
        }
    }

    /// The same form without the code and passwords (what may be kept in sessionStorage).
    pub fn without_secrets(&self) -> ResetPasswordDraft {
        ResetPasswordDraft {
            account: self.account,
            username_or_email: self.username_or_email.clone(),
            ..ResetPasswordDraft::default()
        }
    }
}

/// Forgot username?: mail the username of the account that uses this email, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict().optional("account")))]
#[serde(default)]
pub struct ForgotUsernameDraft {
    pub account: AccountKind,
    #[cfg_attr(feature = "schema", schemars(with = "Email"))]
    pub email: String,
}

impl ForgotUsernameDraft {
    pub fn validate(&self) -> Result<Email, FieldErrors> {
        Email::parse(&self.email).map_err(|e| FieldErrors::single(FieldId::Email, e))
    }
}

/// Forgot username?'s answer, the same whether or not an account uses the address: the answer
/// must not tell who has an account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct UsernameMailed {
    /// The address as typed, masked (`ab***@example.com`).
    pub sent_to: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(name: &str, password: &str, confirm: &str) -> ResetPasswordDraft {
        ResetPasswordDraft {
            account: AccountKind::Console,
            username_or_email: name.into(),
            verification_code: "123456".into(),
            new_password: password.into(),
            confirm_password: confirm.into(),
        }
    }

    #[test]
    fn a_name_with_an_at_sign_is_an_email_else_a_username() {
        assert!(matches!(AccountName::parse("Alice@Example.com"), Ok(AccountName::Email(_))));
        assert!(matches!(AccountName::parse("alice_1"), Ok(AccountName::Username(_))));
        assert_eq!(AccountName::parse("  "), Err(FieldError::Required));
        assert!(AccountName::parse("a@b").is_err());
        assert!(AccountName::parse("1abc").is_err());
    }

    #[test]
    fn a_new_password_follows_the_password_rules_and_is_not_the_name_typed() {
        assert!(draft("alice_1", "Quiet-Meadow-77", "Quiet-Meadow-77").validate().is_ok());
        let errors = draft("alice_12", "alice_12", "alice_12").validate().unwrap_err();
        assert_eq!(errors.get(FieldId::Password), Some(FieldError::PasswordIsUsername));
        let errors =
            draft("a@example.com", "a@example.com", "a@example.com").validate().unwrap_err();
        assert_eq!(errors.get(FieldId::Password), Some(FieldError::PasswordIsEmail));
        let errors = draft("alice_1", "iloveyou", "iloveyou").validate().unwrap_err();
        assert!(errors.get(FieldId::Password).is_some(), "a common password");
        let errors = draft("alice_1", "Quiet-Meadow-77", "Quiet-Meadow-78").validate().unwrap_err();
        assert_eq!(errors.get(FieldId::ConfirmPassword), Some(FieldError::PasswordMismatch));
    }

    #[test]
    fn every_field_is_reported_at_once() {
        let errors = ResetPasswordDraft::default().validate().unwrap_err();
        for field in [
            FieldId::UsernameOrEmail,
            FieldId::VerificationCode,
            FieldId::Password,
            FieldId::ConfirmPassword,
        ] {
            assert_eq!(errors.get(field), Some(FieldError::Required), "{field:?}");
        }
    }

    #[test]
    fn the_wire_names_are_snake_case() {
        let request = RecoveryCodeRequest {
            account: AccountKind::BillingCenter,
            username_or_email: "alice".into(),
        };
        let json = serde_json::to_string(&request).unwrap();
        assert_eq!(json, r#"{"account":"billing_center","username_or_email":"alice"}"#);
        assert_eq!(serde_json::from_str::<RecoveryCodeRequest>(&json).unwrap(), request);
    }
}
