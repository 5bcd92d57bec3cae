//! What a form holds while the customer types (strings exactly as typed), and the one function per
//! form that turns it into validated values or the errors of every field at once. The app runs these
//! when a step's button is pressed; the mock runs the same ones on every request body.

use serde::{Deserialize, Serialize};

#[cfg(feature = "schema")]
use crate::domain::schema::{self, Draft, OnlyWhen};
use crate::{
    domain::{
        CompanyName, ContactName, Email, Identity, Industry, Marketplace, Password, Phone, Site,
        Username, VerificationCode, WorkspaceLanguage, WorkspaceName,
    },
    field::{FieldError, FieldErrors, FieldId},
    flow::CreateTab,
};

mod bind;
mod register;

pub use bind::{BindAccount, BindAccountDraft, CreateWorkspace, CreateWorkspaceDraft, Owner};
pub use register::{
    ActivationDraft, ActivationMethod, BasicInfo, BasicInfoDraft, CompanyDraft, CompanyInfo,
};

/// Checks an optional field: empty means absent.
fn optional<T>(
    value: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
) -> Result<Option<T>, FieldError> {
    if value.trim().is_empty() { Ok(None) } else { parse(value).map(Some) }
}

fn site(errors: &mut FieldErrors, code: &str, marketplace: Marketplace) -> Option<Site> {
    let site = errors.check(FieldId::Site, Site::from_code(code).ok_or(FieldError::Required))?;
    if marketplace.offers(site) {
        Some(site)
    } else {
        errors.add(FieldId::Site, FieldError::SiteNotOffered);
        None
    }
}

fn language(errors: &mut FieldErrors, code: &str) -> Option<WorkspaceLanguage> {
    errors.check(
        FieldId::WorkspaceLanguage,
        WorkspaceLanguage::from_code(code).ok_or(FieldError::Required),
    )
}

fn agreed(errors: &mut FieldErrors, agree: bool) {
    if !agree {
        errors.add(FieldId::AgreeTerms, FieldError::MustAgree);
    }
}

/// Username, password, confirmation and email, with the cross-field password rules.
fn credentials(
    errors: &mut FieldErrors,
    username: &str,
    password: &str,
    confirm: &str,
    email: &str,
) -> Option<(Username, Password, Email)> {
    let username = errors.check(FieldId::Username, Username::parse(username));
    let email = errors.check(FieldId::Email, Email::parse(email));
    let password = errors.check(FieldId::Password, Password::parse(password)).and_then(|p| {
        let check = p.check_against(username.as_ref(), email.as_ref());
        errors.check(FieldId::Password, check).map(|()| p)
    });
    if confirm.is_empty() {
        errors.add(FieldId::ConfirmPassword, FieldError::Required);
    } else if password.as_ref().is_some_and(|p| p.expose() != confirm) {
        errors.add(FieldId::ConfirmPassword, FieldError::PasswordMismatch);
    }
    match (username, password, email) {
        (Some(u), Some(p), Some(e)) if errors.get(FieldId::ConfirmPassword).is_none() => {
            Some((u, p, e))
        }
        _ => None,
    }
}

/// Log in (console or Billing Center). Only presence is checked: the rules of a new password say
/// nothing about an old one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict()))]
#[serde(default)]
pub struct LoginDraft {
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::not_blank"))]
    pub username: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::not_empty"))]
    pub password: String,
}

impl LoginDraft {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::new();
        if self.username.trim().is_empty() {
            errors.add(FieldId::Username, FieldError::Required);
        }
        if self.password.is_empty() {
            errors.add(FieldId::Password, FieldError::Required);
        }
        if errors.is_empty() { Ok(()) } else { Err(errors) }
    }
}

#[cfg(test)]
#[path = "draft_tests.rs"]
mod tests;
