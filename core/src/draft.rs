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

/// Register step 1: Basic info.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict().optional("phone")))]
#[serde(default)]
pub struct BasicInfoDraft {
    /// A site the session's marketplace offers (`sites` of `GET /api/v1/session`); another is
    /// refused (`site_not_offered`).
    #[cfg_attr(feature = "schema", schemars(with = "Site"))]
    pub site: String,
    #[cfg_attr(feature = "schema", schemars(with = "Username"))]
    pub username: String,
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub password: String,
    /// The password again: refused (`password_mismatch`) unless equal to `password`.
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub confirm_password: String,
    #[cfg_attr(feature = "schema", schemars(with = "Email"))]
    pub email: String,
    /// The code `POST /api/v1/codes` emailed; a wrong, expired, dead or unsent one is refused
    /// (`code_wrong`, `code_expired`, `code_locked`, `code_not_sent`).
    #[cfg_attr(feature = "schema", schemars(with = "VerificationCode"))]
    pub verification_code: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::optional::<Phone>"))]
    pub phone: String,
}

/// A valid Basic info step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BasicInfo {
    pub site: Site,
    pub username: Username,
    pub password: Password,
    pub email: Email,
    pub verification_code: VerificationCode,
    pub phone: Option<Phone>,
}

impl BasicInfoDraft {
    pub fn validate(&self, marketplace: Marketplace) -> Result<BasicInfo, FieldErrors> {
        let mut errors = FieldErrors::new();
        let site = site(&mut errors, &self.site, marketplace);
        let creds = credentials(
            &mut errors,
            &self.username,
            &self.password,
            &self.confirm_password,
            &self.email,
        );
        let code = errors
            .check(FieldId::VerificationCode, VerificationCode::parse(&self.verification_code));
        let phone = errors.check(FieldId::Phone, optional(&self.phone, Phone::parse));
        match (site, creds, code, phone) {
            (
                Some(site),
                Some((username, password, email)),
                Some(verification_code),
                Some(phone),
            ) if errors.is_empty() => {
                Ok(BasicInfo { site, username, password, email, verification_code, phone })
            }
            _ => Err(errors),
        }
    }

    /// The draft without secrets, for keeping across a reload.
    pub fn without_secrets(&self) -> BasicInfoDraft {
        BasicInfoDraft {
            password: String::new(),
            confirm_password: String::new(),
            verification_code: String::new(),
            ..self.clone()
        }
    }
}

/// Register step 2: Company info.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        transform = Draft::strict().optional("industry").optional("contact_name")
    )
)]
#[serde(default)]
pub struct CompanyDraft {
    #[cfg_attr(feature = "schema", schemars(with = "CompanyName"))]
    pub company_name: String,
    /// An [`Industry`] code, or empty.
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::optional::<Industry>"))]
    pub industry: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::optional::<ContactName>"))]
    pub contact_name: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::ticked"))]
    pub agree_terms: bool,
}

/// A valid Company info step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CompanyInfo {
    pub company_name: CompanyName,
    pub industry: Option<Industry>,
    pub contact_name: Option<ContactName>,
}

impl CompanyDraft {
    pub fn validate(&self) -> Result<CompanyInfo, FieldErrors> {
        let mut errors = FieldErrors::new();
        let company_name =
            errors.check(FieldId::CompanyName, CompanyName::parse(&self.company_name));
        let industry = errors.check(FieldId::Industry, optional(&self.industry, Industry::parse));
        let contact_name =
            errors.check(FieldId::ContactName, optional(&self.contact_name, ContactName::parse));
        agreed(&mut errors, self.agree_terms);
        match (company_name, industry, contact_name) {
            (Some(company_name), Some(industry), Some(contact_name)) if errors.is_empty() => {
                Ok(CompanyInfo { company_name, industry, contact_name })
            }
            _ => Err(errors),
        }
    }
}

/// Register step 3: Activation method. The ID fields are the ones the documents ask Alibaba and
/// Huawei buyers to type; the app pre-fills them, and they must match the marketplace's identity.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        transform = Draft::strict()
            .optional("aliyun_account_id")
            .optional("aliyun_instance_id")
            .optional("huawei_account_id")
    )
)]
#[serde(default)]
pub struct ActivationDraft {
    #[cfg_attr(feature = "schema", schemars(with = "WorkspaceName"))]
    pub workspace_name: String,
    /// A [`WorkspaceLanguage`] code.
    #[cfg_attr(feature = "schema", schemars(with = "WorkspaceLanguage"))]
    pub workspace_language: String,
    /// Alibaba Cloud sessions: the marketplace's account ID (an `AliyunAccountId`), refused if
    /// missing or another (`mismatches_marketplace`); ignored in other sessions.
    pub aliyun_account_id: String,
    /// Alibaba Cloud sessions: the marketplace's instance ID (an `InstanceId`), refused if missing
    /// or another (`mismatches_marketplace`); ignored in other sessions.
    pub aliyun_instance_id: String,
    /// Huawei Cloud sessions: the marketplace's account ID (a `HuaweiAccountId`), refused if
    /// missing or another (`mismatches_marketplace`); ignored in other sessions.
    pub huawei_account_id: String,
}

/// A valid Activation method step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct ActivationMethod {
    pub workspace_name: WorkspaceName,
    pub workspace_language: WorkspaceLanguage,
}

/// Checks that a typed ID parses and equals the marketplace's.
fn matches<T: PartialEq>(
    errors: &mut FieldErrors,
    field: FieldId,
    typed: &str,
    parse: impl Fn(&str) -> Result<T, FieldError>,
    expected: &T,
) {
    if let Some(typed) = errors.check(field, parse(typed))
        && &typed != expected
    {
        errors.add(field, FieldError::MismatchesMarketplace);
    }
}

impl ActivationDraft {
    /// The draft the app starts with: IDs pre-filled from `identity`, English templates.
    pub fn prefilled(identity: &Identity) -> ActivationDraft {
        let mut draft = ActivationDraft {
            workspace_language: WorkspaceLanguage::En.code().to_owned(),
            ..ActivationDraft::default()
        };
        match identity {
            Identity::Aws { .. } => {}
            Identity::Aliyun { account_id, instance_id } => {
                draft.aliyun_account_id = account_id.to_string();
                draft.aliyun_instance_id = instance_id.to_string();
            }
            Identity::Huawei { account_id, .. } => draft.huawei_account_id = account_id.to_string(),
        }
        draft
    }

    pub fn validate(&self, identity: &Identity) -> Result<ActivationMethod, FieldErrors> {
        use crate::domain::{AliyunAccountId, HuaweiAccountId, InstanceId};
        let mut errors = FieldErrors::new();
        let workspace_name =
            errors.check(FieldId::WorkspaceName, WorkspaceName::parse(&self.workspace_name));
        let workspace_language = language(&mut errors, &self.workspace_language);
        match identity {
            Identity::Aws { .. } => {}
            Identity::Aliyun { account_id, instance_id } => {
                let e = &mut errors;
                matches(
                    e,
                    FieldId::AliyunAccountId,
                    &self.aliyun_account_id,
                    AliyunAccountId::parse,
                    account_id,
                );
                matches(
                    e,
                    FieldId::AliyunInstanceId,
                    &self.aliyun_instance_id,
                    InstanceId::parse,
                    instance_id,
                );
            }
            Identity::Huawei { account_id, .. } => {
                let e = &mut errors;
                matches(
                    e,
                    FieldId::HuaweiAccountId,
                    &self.huawei_account_id,
                    HuaweiAccountId::parse,
                    account_id,
                );
            }
        }
        match (workspace_name, workspace_language) {
            (Some(workspace_name), Some(workspace_language)) if errors.is_empty() => {
                Ok(ActivationMethod { workspace_name, workspace_language })
            }
            _ => Err(errors),
        }
    }
}

/// Bind: the Billing Center account, by username and an emailed code.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(transform = Draft::strict()))]
#[serde(default)]
pub struct BindAccountDraft {
    #[cfg_attr(feature = "schema", schemars(with = "Username"))]
    pub username: String,
    /// The code `POST /api/v1/codes` emailed; a wrong, expired, dead or unsent one is refused
    /// (`code_wrong`, `code_expired`, `code_locked`, `code_not_sent`).
    #[cfg_attr(feature = "schema", schemars(with = "VerificationCode"))]
    pub verification_code: String,
}

/// A valid bind-account form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BindAccount {
    pub username: Username,
    pub verification_code: VerificationCode,
}

impl BindAccountDraft {
    pub fn validate(&self) -> Result<BindAccount, FieldErrors> {
        let mut errors = FieldErrors::new();
        let username = errors.check(FieldId::Username, Username::parse(&self.username));
        let code = errors
            .check(FieldId::VerificationCode, VerificationCode::parse(&self.verification_code));
        match (username, code) {
            (Some(username), Some(verification_code)) => {
                Ok(BindAccount { username, verification_code })
            }
            _ => Err(errors),
        }
    }
}

/// Create workspace, either tab; fields of the other tab are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(
    feature = "schema",
    schemars(
        transform = Draft::strict().optional("tab").optional("workspace_language")
    ),
    schemars(
        transform = OnlyWhen::new("tab", CreateTab::NewAccount)
            .required("username")
            .required("password")
            .required("confirm_password")
            .optional("phone")
    )
)]
#[serde(default)]
pub struct CreateWorkspaceDraft {
    pub tab: CreateTab,
    /// The site from the header selector: one the session's marketplace offers (`sites` of
    /// `GET /api/v1/session`); another is refused (`site_not_offered`).
    #[cfg_attr(feature = "schema", schemars(with = "Site"))]
    pub site: String,
    #[cfg_attr(feature = "schema", schemars(with = "WorkspaceName"))]
    pub workspace_name: String,
    /// A [`WorkspaceLanguage`] code; English when a request leaves it out. Empty in
    /// [`Default`]: not picked yet (the app offers the UI language's until the user picks one).
    #[cfg_attr(feature = "schema", schemars(with = "WorkspaceLanguage"))]
    #[serde(default = "english_templates")]
    pub workspace_language: String,
    #[cfg_attr(feature = "schema", schemars(with = "Username"))]
    pub username: String,
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub password: String,
    /// The password again: refused (`password_mismatch`) unless equal to `password`.
    #[cfg_attr(feature = "schema", schemars(with = "Password"))]
    pub confirm_password: String,
    #[cfg_attr(feature = "schema", schemars(with = "Email"))]
    pub email: String,
    /// The code `POST /api/v1/codes` emailed; a wrong, expired, dead or unsent one is refused
    /// (`code_wrong`, `code_expired`, `code_locked`, `code_not_sent`).
    #[cfg_attr(feature = "schema", schemars(with = "VerificationCode"))]
    pub verification_code: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::optional::<Phone>"))]
    pub phone: String,
    #[cfg_attr(feature = "schema", schemars(schema_with = "schema::ticked"))]
    pub agree_terms: bool,
}

impl Default for CreateWorkspaceDraft {
    fn default() -> Self {
        CreateWorkspaceDraft {
            tab: CreateTab::ExistingAccount,
            site: String::new(),
            workspace_name: String::new(),
            workspace_language: String::new(),
            username: String::new(),
            password: String::new(),
            confirm_password: String::new(),
            email: String::new(),
            verification_code: String::new(),
            phone: String::new(),
            agree_terms: false,
        }
    }
}

/// What a create request without `workspace_language` means.
fn english_templates() -> String {
    WorkspaceLanguage::En.code().to_owned()
}

/// Who will own the new workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Owner {
    /// An existing Guance account, proven by a code sent to its email.
    Existing { email: Email },
    /// A Guance account registered together with the workspace.
    New { username: Username, password: Password, email: Email, phone: Option<Phone> },
}

/// A valid create-workspace form.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CreateWorkspace {
    pub site: Site,
    pub workspace_name: WorkspaceName,
    pub workspace_language: WorkspaceLanguage,
    pub owner: Owner,
    pub verification_code: VerificationCode,
}

impl CreateWorkspaceDraft {
    pub fn validate(&self, marketplace: Marketplace) -> Result<CreateWorkspace, FieldErrors> {
        let mut errors = FieldErrors::new();
        let site = site(&mut errors, &self.site, marketplace);
        let workspace_name =
            errors.check(FieldId::WorkspaceName, WorkspaceName::parse(&self.workspace_name));
        let workspace_language = language(&mut errors, &self.workspace_language);
        let owner = match self.tab {
            CreateTab::ExistingAccount => errors
                .check(FieldId::Email, Email::parse(&self.email))
                .map(|email| Owner::Existing { email }),
            CreateTab::NewAccount => {
                let e = &mut errors;
                let creds = credentials(
                    e,
                    &self.username,
                    &self.password,
                    &self.confirm_password,
                    &self.email,
                );
                let phone = errors.check(FieldId::Phone, optional(&self.phone, Phone::parse));
                match (creds, phone) {
                    (Some((username, password, email)), Some(phone)) => {
                        Some(Owner::New { username, password, email, phone })
                    }
                    _ => None,
                }
            }
        };
        let code = errors
            .check(FieldId::VerificationCode, VerificationCode::parse(&self.verification_code));
        agreed(&mut errors, self.agree_terms);
        match (site, workspace_name, workspace_language, owner, code) {
            (
                Some(site),
                Some(workspace_name),
                Some(workspace_language),
                Some(owner),
                Some(verification_code),
            ) if errors.is_empty() => Ok(CreateWorkspace {
                site,
                workspace_name,
                workspace_language,
                owner,
                verification_code,
            }),
            _ => Err(errors),
        }
    }

    /// The draft without secrets, for keeping across a reload.
    pub fn without_secrets(&self) -> CreateWorkspaceDraft {
        CreateWorkspaceDraft {
            password: String::new(),
            confirm_password: String::new(),
            verification_code: String::new(),
            ..self.clone()
        }
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
