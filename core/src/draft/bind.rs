//! The bind path's drafts: Bind account, and Create workspace with its owner.

use super::*;

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
