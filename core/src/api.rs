//! The API contract between the app and the backend: paths, request and response bodies, and the one
//! error body with its closed set of codes. Request bodies are the drafts of [`crate::draft`]: the
//! backend validates them with the same functions the app uses, so both refuse the same things.

use serde::{Deserialize, Serialize};

use crate::{
    domain::{
        CloudAccount, HuaweiMember, Identity, Marketplace, Site, WorkspaceId, WorkspaceLanguage,
        WorkspaceName,
    },
    flow::{Progress, Step},
};

mod error;

pub use error::ApiError;

/// Every path, defined once. `{id}` is axum's syntax for a path parameter.
pub mod paths {
    pub const HEALTH: &str = "/api/health";
    pub const OPENAPI: &str = "/api/openapi.json";
    /// GET: what the activation session knows ([`super::SessionContext`]).
    pub const SESSION: &str = "/api/v1/session";
    /// POST [`super::SendCodeRequest`] → [`super::CodeSent`].
    pub const SEND_CODE: &str = "/api/v1/codes";
    /// POST [`crate::draft::BasicInfoDraft`] → [`super::StepAccepted`].
    pub const REGISTER_BASIC: &str = "/api/v1/register/basic";
    /// POST [`crate::draft::CompanyDraft`] → [`super::StepAccepted`].
    pub const REGISTER_COMPANY: &str = "/api/v1/register/company";
    /// POST [`crate::draft::ActivationDraft`] → [`super::Activation`]; idempotent by key.
    pub const REGISTER_ACTIVATE: &str = "/api/v1/register/activate";
    /// POST [`crate::draft::BindAccountDraft`] → [`super::BoundAccount`].
    pub const BIND_ACCOUNT: &str = "/api/v1/bind/account";
    /// GET → [`super::WorkspaceList`] of the bound Billing Center account.
    pub const BIND_WORKSPACES: &str = "/api/v1/bind/workspaces";
    /// POST (no body) → [`super::Workspace`]; idempotent by key.
    pub const BIND_WORKSPACE: &str = "/api/v1/bind/workspaces/{id}";
    /// POST [`crate::draft::CreateWorkspaceDraft`] → [`super::Workspace`]; idempotent by key.
    pub const CREATE_WORKSPACE: &str = "/api/v1/bind/create";
    /// POST (no body) → [`super::Activation`]: finishes the bind path.
    pub const BIND_DONE: &str = "/api/v1/bind/done";
    /// POST [`crate::draft::LoginDraft`] → [`super::LoggedIn`].
    pub const LOGIN: &str = "/api/v1/login";
    /// POST (no body): Huawei buyers whose cloud account is bound sign in without a password.
    pub const LOGIN_DIRECT: &str = "/api/v1/login/direct";
    pub const LOGOUT: &str = "/api/v1/logout";
    /// GET → [`super::WorkspaceHome`] of the signed-in user.
    pub const WORKSPACE_HOME: &str = "/api/v1/workspace";
    /// POST [`crate::draft::LoginDraft`] → [`super::BillingAccount`].
    pub const BILLING_LOGIN: &str = "/api/v1/billing/login";
    /// GET → [`super::WorkspaceList`] of the signed-in Billing Center account.
    pub const BILLING_WORKSPACES: &str = "/api/v1/billing/workspaces";
    /// POST [`crate::recovery::RecoveryCodeRequest`] → [`super::CodeSent`]: Forgot password?'s code.
    pub const RECOVERY_CODE: &str = "/api/v1/recovery/code";
    /// POST [`crate::recovery::ResetPasswordDraft`] → [`super::LoggedIn`]: the new password, signed in.
    pub const RECOVERY_PASSWORD: &str = "/api/v1/recovery/password";
    /// POST [`crate::recovery::ForgotUsernameDraft`] → [`crate::recovery::UsernameMailed`].
    pub const RECOVERY_USERNAME: &str = "/api/v1/recovery/username";
    /// GET → [`super::WorkspaceList`]: after a registration whose email belongs to an existing
    /// Guance account, that account's other workspaces, offered for binding.
    pub const REGISTER_OFFERED: &str = "/api/v1/register/workspaces";
    /// POST (no body) → [`super::Workspace`]: binds one offered workspace to the new Billing
    /// Center account and the cloud account.
    pub const REGISTER_BIND_OFFERED: &str = "/api/v1/register/workspaces/{id}";
    /// POST [`crate::settlement::SettlementDraft`] → [`super::Workspace`]: Change settlement method.
    pub const BILLING_SETTLEMENT: &str = "/api/v1/billing/workspaces/{id}/settlement";

    /// Every path above, for checks that each is served and documented.
    pub const ALL: [&str; 24] = [
        HEALTH,
        OPENAPI,
        SESSION,
        SEND_CODE,
        REGISTER_BASIC,
        REGISTER_COMPANY,
        REGISTER_ACTIVATE,
        BIND_ACCOUNT,
        BIND_WORKSPACES,
        BIND_WORKSPACE,
        CREATE_WORKSPACE,
        BIND_DONE,
        LOGIN,
        LOGIN_DIRECT,
        LOGOUT,
        WORKSPACE_HOME,
        BILLING_LOGIN,
        BILLING_WORKSPACES,
        BILLING_SETTLEMENT,
        REGISTER_OFFERED,
        REGISTER_BIND_OFFERED,
        RECOVERY_CODE,
        RECOVERY_PASSWORD,
        RECOVERY_USERNAME,
    ];

    /// `REGISTER_BIND_OFFERED` for one workspace.
    pub fn register_bind_offered(id: &crate::domain::WorkspaceId) -> String {
        REGISTER_BIND_OFFERED.replace("{id}", id.as_str())
    }

    /// `BILLING_SETTLEMENT` for one workspace.
    pub fn billing_settlement(id: &crate::domain::WorkspaceId) -> String {
        BILLING_SETTLEMENT.replace("{id}", id.as_str())
    }

    /// `BIND_WORKSPACE` for one workspace.
    pub fn bind_workspace(id: &crate::domain::WorkspaceId) -> String {
        BIND_WORKSPACE.replace("{id}", id.as_str())
    }
}

/// Header carrying the client's idempotency key on every create and bind.
pub const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// The longest idempotency key the backend takes (visible ASCII, at least one character).
pub const IDEMPOTENCY_KEY_MAX: usize = 128;

/// Header the app sends, as [`CLIENT_HEADER_VALUE`], on every API call. A state-changing request
/// must carry it or a JSON body: a page on another site cannot send either without the browser
/// asking the backend first (CORS), so a cross-site form or `fetch` is refused (`cross_site`).
pub const CLIENT_HEADER: &str = "x-requested-with";

/// The value of [`CLIENT_HEADER`] the app sends (any non-empty value is taken).
pub const CLIENT_HEADER_VALUE: &str = "activation-console";

/// Whether the backend answers and can serve requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum HealthStatus {
    /// The backend is up.
    Ok,
}

/// Body of `GET /api/health`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Health {
    /// Always `ok` when the backend answers at all.
    pub status: HealthStatus,
    /// Name of the service that answered, e.g. `server-mock`.
    pub service: String,
    /// Version of the service that answered.
    pub version: String,
}

/// What the activation session knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct SessionContext {
    /// What the marketplace told us; shown pre-filled and read-only.
    pub identity: Identity,
    /// Sites a new workspace can be created on, and the suggested one.
    pub sites: Vec<Site>,
    pub default_site: Site,
    pub progress: Progress,
    /// Set when the cloud account was already bound before this session.
    pub already_bound: Option<BoundSummary>,
    /// The Billing Center account bound in this session, if any.
    pub billing_account: Option<String>,
    /// The summary, once this session's register or bind path is finished.
    pub finished: Option<Activation>,
    /// Huawei: the partner-service member the unified login signed in. Its account pre-fills
    /// Register's Username (seed 004: the member uses that account for the Billing Center).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<HuaweiMember>,
}

impl SessionContext {
    pub fn marketplace(&self) -> Marketplace {
        self.identity.marketplace()
    }

    /// Where a direct link to `requested` should land.
    pub fn resolve(&self, requested: Step) -> Step {
        self.progress.resolve(requested)
    }
}

/// The binding that already exists for a cloud account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BoundSummary {
    /// The Billing Center username, masked.
    pub billing_account: String,
    pub workspaces: Vec<Workspace>,
}

/// What a verification code is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "purpose", rename_all = "snake_case")]
pub enum SendCodeRequest {
    /// Register step 1: prove the new account's email.
    Register {
        #[cfg_attr(feature = "schema", schemars(with = "crate::domain::Email"))]
        email: String,
    },
    /// Bind: sent to the email of the Billing Center account `username`.
    BindAccount {
        #[cfg_attr(feature = "schema", schemars(with = "crate::domain::Username"))]
        username: String,
    },
    /// Create workspace: prove the (existing or new) Guance account's email.
    CreateWorkspace {
        #[cfg_attr(feature = "schema", schemars(with = "crate::domain::Email"))]
        email: String,
    },
}

/// A code was sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct CodeSent {
    /// The address it went to, masked (`ab***@example.com`).
    pub sent_to: String,
    /// Seconds until Send code may be pressed again.
    pub resend_after_secs: u32,
    /// Seconds the code stays valid.
    pub valid_for_secs: u32,
}

/// A register step was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct StepAccepted {
    pub progress: Progress,
    /// Basic info only: the email belongs to this existing Guance console account (which has no
    /// Billing Center account). The new workspace will be added to it, and its other workspaces
    /// offered for binding; the typed username and password are the new Billing Center account's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub guance_account: Option<String>,
}

/// How a workspace's bills are settled. Read by `tagged.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Settlement {
    /// Paid in the Billing Center directly.
    BillingCenter,
    /// Paid by a marketplace cloud account, shown masked.
    CloudAccount { marketplace: Marketplace, account: String },
}

impl Settlement {
    pub fn of(account: &CloudAccount) -> Settlement {
        Settlement::CloudAccount {
            marketplace: account.marketplace(),
            account: account.masked_id(),
        }
    }
}

/// A workspace as seen from the current session's cloud account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceState {
    /// Can be bound to this cloud account.
    Bindable,
    /// Settled by this cloud account.
    Bound,
    /// Settled by another cloud account: cannot be bound here.
    SettledElsewhere,
}

/// One workspace.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: WorkspaceName,
    pub site: Site,
    pub language: WorkspaceLanguage,
    pub settlement: Settlement,
    pub state: WorkspaceState,
}

/// A list of workspaces.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkspaceList {
    pub workspaces: Vec<Workspace>,
}

/// The bind path's first step succeeded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BoundAccount {
    /// The Billing Center username, masked.
    pub billing_account: String,
    pub workspaces: Vec<Workspace>,
}

/// The answer of a call that moved the session on: what the call made (its fields inline) and
/// the session's progress after it, which the app adopts instead of working it out itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Moved<T> {
    #[serde(flatten)]
    pub answer: T,
    pub progress: Progress,
}

/// Summary at the end of register or bind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Activation {
    /// The Billing Center username (the customer's own, so shown in full).
    pub billing_account: String,
    /// The workspaces now settled by the cloud account.
    pub workspaces: Vec<Workspace>,
    pub settlement: Settlement,
}

/// A signed-in console user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct LoggedIn {
    pub username: String,
}

/// The workspace home after login.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct WorkspaceHome {
    pub username: String,
    /// The workspace shown first: the one most recently activated or bound.
    pub workspace: Workspace,
    /// The DataKit install command for the workspace's site.
    pub install_command: String,
    /// Every workspace the user owns, `workspace` first, then the more recently activated or
    /// bound before the others (the home's **Workspace** switcher).
    #[serde(default)]
    pub workspaces: Vec<HomeWorkspace>,
}

/// One of the signed-in user's workspaces, with its DataKit install command.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct HomeWorkspace {
    pub workspace: Workspace,
    pub install_command: String,
}

/// A signed-in Billing Center account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct BillingAccount {
    pub username: String,
}

#[cfg(test)]
#[path = "api_tests.rs"]
mod tests;
