//! What the mock remembers: accounts, workspaces, bindings, sessions, codes, marketplace tokens and
//! the mailbox. All of it serialisable, so `--state FILE` can keep it across restarts.

use std::collections::BTreeMap;

use activation_core::{
    api::{Activation, ApiError, Settlement, Workspace as WorkspaceView, WorkspaceState},
    domain::{
        CloudAccount, CompanyName, ContactName, Email, HuaweiMember, Identity, Industry, Phone,
        Site, Username, WorkspaceId, WorkspaceLanguage, WorkspaceName,
    },
    flow::{Event, Progress, Step},
    rules,
};
use serde::{Deserialize, Serialize};

/// A Guance console account (the one that logs in to workspaces).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GuanceAccount {
    pub username: Username,
    pub email: Email,
    pub phone: Option<Phone>,
    pub password_hash: String,
}

/// A Billing Center account: settles bills for its workspaces.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BillingAccount {
    pub username: Username,
    pub email: Email,
    pub password_hash: String,
    pub company: Option<CompanyName>,
    pub industry: Option<Industry>,
    pub contact: Option<ContactName>,
}

/// A workspace and who pays for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Workspace {
    pub id: WorkspaceId,
    pub name: WorkspaceName,
    pub site: Site,
    pub language: WorkspaceLanguage,
    /// Unique key of the owning Guance account.
    pub owner: String,
    /// Unique key of the Billing Center account it belongs to.
    pub billing: Option<String>,
    /// The cloud account that settles it, if any.
    pub settled_by: Option<CloudAccount>,
    /// DataKit's token for this workspace.
    pub datakit_token: String,
    /// When it was last settled by a cloud account in an activation, as an order (higher is
    /// later; 0 never): the workspace home shows the latest first.
    #[serde(default)]
    pub activated: u64,
}

impl Workspace {
    /// The wire form, as seen by `viewer` (the session's cloud account, if any).
    pub fn view(&self, viewer: Option<&CloudAccount>) -> WorkspaceView {
        let state = match (&self.settled_by, viewer) {
            (None, _) => WorkspaceState::Bindable,
            (Some(by), Some(viewer)) if by == viewer => WorkspaceState::Bound,
            (Some(_), Some(_)) => WorkspaceState::SettledElsewhere,
            (Some(_), None) => WorkspaceState::Bound,
        };
        WorkspaceView {
            id: self.id.clone(),
            name: self.name.clone(),
            site: self.site,
            language: self.language,
            settlement: self.settled_by.as_ref().map_or(Settlement::BillingCenter, Settlement::of),
            state,
        }
    }
}

/// Register step 1, accepted and held until activation (the password already hashed).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingAccount {
    pub site: Site,
    pub username: Username,
    pub email: Email,
    pub phone: Option<Phone>,
    pub password_hash: String,
    /// Key of the existing Guance console account the proven email belongs to: the new workspace
    /// is added to it, and the new account is only a Billing Center account.
    #[serde(default)]
    pub guance_owner: Option<String>,
}

/// Register step 2, accepted.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PendingCompany {
    pub company: CompanyName,
    pub industry: Option<Industry>,
    pub contact: Option<ContactName>,
}

/// One customer's activation, opened when a marketplace token is redeemed.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActivationSession {
    pub identity: Identity,
    pub created_at: u64,
    pub last_used: u64,
    pub progress: Progress,
    pub basic: Option<PendingAccount>,
    pub company: Option<PendingCompany>,
    /// Key of the Billing Center account bound in this session.
    pub billing: Option<String>,
    /// The summary, once register or bind is finished.
    pub finished: Option<Activation>,
    /// Huawei: the partner-service member the unified login signed in.
    #[serde(default)]
    pub member: Option<HuaweiMember>,
    /// The codes this session asked for (SPEC §6: a code verifies only in its session).
    #[serde(default)]
    pub codes: SessionCodes,
    /// What this session was told exists or not within the last hour, for its hourly limit.
    #[serde(default)]
    pub lookups: Vec<Lookup>,
}

impl ActivationSession {
    /// Whether the session has ended at `now`: unused for longer than its idle time
    /// ([`rules::SESSION_TTL_SECS`]), or opened [`rules::SESSION_MAX_SECS`] ago however busy.
    pub fn expired(&self, now: u64) -> bool {
        now.saturating_sub(self.last_used) > rules::SESSION_TTL_SECS
            || now.saturating_sub(self.created_at) >= rules::SESSION_MAX_SECS
    }

    /// How long its cookie is to live from `now`: until the session's absolute end.
    pub fn cookie_secs(&self, now: u64) -> u64 {
        (self.created_at + rules::SESSION_MAX_SECS).saturating_sub(now)
    }

    /// The progress after `event`, through core's machine; a refusal is the API's answer and
    /// changes nothing. The handler stores the result once what the event stands for is done.
    pub fn next(&self, event: Event) -> Result<Progress, ApiError> {
        Ok(self.progress.apply(self.identity.marketplace(), event)?)
    }

    /// Whether the session may be on `step` (to read what that step shows).
    pub fn check(&self, step: Step) -> Result<(), ApiError> {
        Ok(self.progress.check(step)?)
    }
}

/// A signed-in console user or Billing Center account.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LoginSession {
    pub username_key: String,
    pub created_at: u64,
    /// The workspace to open after login (direct login opens the one the marketplace pays for).
    #[serde(default)]
    pub workspace: Option<WorkspaceId>,
    /// When it was last used (0 in files of older mocks: then its sign-in counts).
    #[serde(default)]
    pub last_used: u64,
}

impl LoginSession {
    /// A login of `username_key` made at `now`.
    pub fn new(username_key: String, workspace: Option<WorkspaceId>, now: u64) -> LoginSession {
        LoginSession { username_key, created_at: now, workspace, last_used: now }
    }

    /// Whether the login has ended at `now`: unused for [`rules::LOGIN_IDLE_SECS`], or signed in
    /// [`rules::LOGIN_MAX_SECS`] ago however busy.
    pub fn expired(&self, now: u64) -> bool {
        let last_used = self.last_used.max(self.created_at);
        now.saturating_sub(last_used) >= rules::LOGIN_IDLE_SECS
            || now.saturating_sub(self.created_at) >= rules::LOGIN_MAX_SECS
    }
}

/// A live verification code, for one purpose and address, in the session that asked for it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CodeRecord {
    pub code: String,
    pub sent_at: u64,
    pub tries_left: u8,
    pub used: bool,
}

/// One code sent: when, and to which address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CodeSend {
    pub at: u64,
    pub to: String,
}

/// One answer that told a session whether an account exists: when, and about what
/// (`billing:demo_billing`, `email:a@b.co`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lookup {
    pub at: u64,
    pub of: String,
}

/// What one activation session did with codes.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SessionCodes {
    /// Live codes by purpose and address (`register:a@b.co`).
    pub live: BTreeMap<String, CodeRecord>,
    /// Codes sent within the last hour, for the session's limits.
    pub sent: Vec<CodeSend>,
}

/// An email the mock "sent".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Mail {
    pub to: String,
    pub subject: String,
    pub code: String,
    /// RFC 3339, UTC.
    pub sent_at: String,
}

/// A token a simulated marketplace issued, waiting to be redeemed once.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IssuedToken {
    pub identity: Identity,
    pub issued_at: u64,
    pub redeemed: bool,
}

/// A response kept for an idempotency key.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Remembered {
    /// The request the key was first used with, without its secrets (JSON of the body, or the ID).
    pub request: String,
    /// An argon2 hash of that request's secrets (passwords, the code), when it had any: a retry
    /// must send the same ones, and the state file never holds them.
    #[serde(default)]
    pub secrets: Option<String>,
    pub status: u16,
    pub body: String,
}

/// Everything, in one value behind one lock.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Data {
    /// By username key (lower-case).
    pub guance: BTreeMap<String, GuanceAccount>,
    /// By username key (lower-case).
    pub billing: BTreeMap<String, BillingAccount>,
    pub workspaces: BTreeMap<WorkspaceId, Workspace>,
    /// Which Billing Center account each cloud account settles for.
    pub cloud_bindings: BTreeMap<String, String>,
    pub sessions: BTreeMap<String, ActivationSession>,
    pub logins: BTreeMap<String, LoginSession>,
    pub billing_logins: BTreeMap<String, LoginSession>,
    /// Send times per email address within the last hour, whatever the session, for the
    /// address's hourly limit. (Codes live in the session that asked: `ActivationSession::codes`.)
    pub code_sends: BTreeMap<String, Vec<u64>>,
    /// Codes sent within the last hour per client address (IP), for its hourly limit.
    #[serde(default)]
    pub code_sends_by_client: BTreeMap<String, Vec<CodeSend>>,
    /// Account lookups within the last hour per client address (IP), for its hourly limit.
    #[serde(default)]
    pub lookups_by_client: BTreeMap<String, Vec<u64>>,
    /// Login failures per username key, for the lockout.
    pub login_failures: BTreeMap<String, Vec<u64>>,
    /// Login failures per client address (IP), whatever the account, for the address limit.
    #[serde(default)]
    pub login_failures_by_address: BTreeMap<String, Vec<u64>>,
    /// Newest last; served newest first.
    pub mailbox: Vec<Mail>,
    /// Marketplace tokens (AWS registration tokens, Huawei OAuth codes) by their value.
    pub tokens: BTreeMap<String, IssuedToken>,
    /// Alibaba instances created by "Activate": instance ID → account.
    pub aliyun_instances: BTreeMap<String, Identity>,
    /// Alibaba hand-off tokens already redeemed.
    pub aliyun_redeemed: BTreeMap<String, u64>,
    /// By "scope key" of (session, route, idempotency key).
    pub idempotency: BTreeMap<String, Remembered>,
    /// Huawei KooGallery's partner services (simulated) and which Guance account each member
    /// linked when activating.
    #[serde(default)]
    pub huawei: super::partners::Partners,
    /// Password recoveries by ticket (Forgot password?).
    #[serde(default)]
    pub recoveries: BTreeMap<String, super::recovery::Recovery>,
    pub next_id: u64,
}

/// The key under which a cloud account is bound: its marketplace's code and its ID
/// (`aws:123456789012`), as state files hold it.
pub fn cloud_key(account: &CloudAccount) -> String {
    let id = match account {
        CloudAccount::Aws(id) => id.as_str(),
        CloudAccount::Aliyun(id) => id.as_str(),
        CloudAccount::Huawei(id) => id.as_str(),
    };
    format!("{}:{id}", account.marketplace().code())
}

impl Data {
    /// Gives the activation session `id` a new ID, and the old one stops working at once: it is
    /// about to gain rights, and an ID planted or seen before must not ride on them (SPEC §6). Its
    /// idempotency records move with it. Returns the new ID, or `None` when there is no session.
    pub fn rotate_session(&mut self, id: &str) -> Option<String> {
        let session = self.sessions.remove(id)?;
        let new_id = super::random_token();
        self.sessions.insert(new_id.clone(), session);
        let old_prefix = format!("{id}\n");
        let moved: Vec<String> =
            self.idempotency.keys().filter(|k| k.starts_with(&old_prefix)).cloned().collect();
        for key in moved {
            if let Some(record) = self.idempotency.remove(&key) {
                self.idempotency.insert(format!("{new_id}\n{}", &key[old_prefix.len()..]), record);
            }
        }
        Some(new_id)
    }

    /// A new workspace ID, e.g. `ws_000007`.
    pub fn new_workspace_id(&mut self) -> WorkspaceId {
        self.next_id += 1;
        WorkspaceId::parse(&format!("ws_{:06}", self.next_id)).expect("ws_ and digits are valid")
    }

    /// Whether anyone (console or Billing Center) has this username, case-insensitively.
    pub fn username_taken(&self, username: &Username) -> bool {
        let key = username.unique_key();
        self.guance.contains_key(&key) || self.billing.contains_key(&key)
    }

    /// Whether a console account uses this email.
    pub fn email_taken(&self, email: &Email) -> bool {
        self.guance.values().any(|a| &a.email == email)
    }

    /// The Billing Center account a cloud account settles for.
    pub fn billing_of(&self, account: &CloudAccount) -> Option<&String> {
        self.cloud_bindings.get(&cloud_key(account))
    }

    /// Workspaces of a Billing Center account, as `viewer` sees them, in ID order.
    pub fn workspaces_of(
        &self,
        billing: &str,
        viewer: Option<&CloudAccount>,
    ) -> Vec<WorkspaceView> {
        self.workspaces
            .values()
            .filter(|w| w.billing.as_deref() == Some(billing))
            .map(|w| w.view(viewer))
            .collect()
    }

    /// Workspaces settled by `account`.
    pub fn settled_by(&self, account: &CloudAccount) -> Vec<WorkspaceView> {
        self.workspaces
            .values()
            .filter(|w| w.settled_by.as_ref() == Some(account))
            .map(|w| w.view(Some(account)))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use activation_core::domain::Marketplace;

    use super::*;
    use crate::store::seed;

    #[test]
    fn cloud_keys_keep_the_state_files_format() {
        let keys: Vec<String> = Marketplace::ALL.map(|m| cloud_key(&seed::bound_account(m))).into();
        assert_eq!(
            keys,
            [
                format!("aws:{}", seed::BOUND_AWS),
                format!("aliyun:{}", seed::BOUND_ALIYUN),
                format!("huawei:{}", seed::BOUND_HUAWEI),
            ]
        );
    }
}
