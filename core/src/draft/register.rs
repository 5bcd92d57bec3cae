//! The register path's drafts: Basic info, Company info, and the activation method.

use super::*;

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
