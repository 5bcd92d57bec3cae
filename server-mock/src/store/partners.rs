//! Huawei KooGallery's partner services, as the simulator keeps them (seed 004, Step Two): per
//! Huawei Cloud account its enterprise and members, the unified login's one-time codes and
//! password-change tickets; and, on our side, which Guance account each member linked when
//! activating, the only account **Log in directly** may sign that member in to.

use std::collections::BTreeMap;

use activation_core::domain::{HuaweiMember, HuaweiTenant, Identity};
use serde::{Deserialize, Serialize};

/// How long the unified login's codes and password-change tickets are kept after they are
/// issued (redeemed ones too, so a replay is answered "used" while the code would still be live).
const KEEP_SECS: u64 = 60 * 60;

/// A buyer's enterprise: name and abbreviation never change once created.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Enterprise {
    pub name: String,
    /// Unique among all enterprises (case-insensitively); what members type at the unified login.
    pub abbreviation: String,
    pub tenant: HuaweiTenant,
    pub created_at: u64,
}

/// A member of a buyer's enterprise.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub department: String,
    pub contact: String,
    pub account: HuaweiMember,
    pub password_hash: String,
    /// Authorized to use the application (ticked, terms agreed).
    pub authorized: bool,
    /// Changed the initial password at a first sign-in.
    pub password_changed: bool,
}

/// One Huawei Cloud account's partner-service setup.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Buyer {
    /// The instance of the latest purchase Use Now was pressed on.
    pub instance_id: Option<String>,
    pub enterprise: Option<Enterprise>,
    pub members: Vec<Member>,
}

impl Buyer {
    /// Set up: an enterprise with at least one authorized member (a second Use Now goes
    /// straight to the unified login).
    pub fn ready(&self) -> bool {
        self.enterprise.is_some() && self.members.iter().any(|m| m.authorized)
    }

    pub fn member(&self, account: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.account.as_str().eq_ignore_ascii_case(account.trim()))
    }

    pub fn member_mut(&mut self, account: &str) -> Option<&mut Member> {
        self.members.iter_mut().find(|m| m.account.as_str().eq_ignore_ascii_case(account.trim()))
    }
}

/// A code the unified login issued: redeemed once, only with the `state` it was issued for.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Grant {
    pub identity: Identity,
    pub member: HuaweiMember,
    pub state: String,
    pub issued_at: u64,
    pub redeemed: bool,
}

/// A member signed in with the initial password, who must change it before going on.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Ticket {
    /// The buyer's Huawei Cloud account ID.
    pub account_id: String,
    pub member: HuaweiMember,
    pub state: String,
    pub issued_at: u64,
}

/// Everything of the partner services, in the state file.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Partners {
    /// By Huawei Cloud account ID.
    pub buyers: BTreeMap<String, Buyer>,
    /// The unified login's codes, by value.
    pub codes: BTreeMap<String, Grant>,
    /// Password-change tickets, by value.
    pub tickets: BTreeMap<String, Ticket>,
    /// By [`member_key`]: the key of the Guance account that member created when activating.
    pub links: BTreeMap<String, String>,
}

impl Partners {
    /// The buyer whose enterprise has this abbreviation (case-insensitive), with its account ID.
    pub fn by_abbreviation(&self, abbreviation: &str) -> Option<(&String, &Buyer)> {
        let wanted = abbreviation.trim();
        self.buyers.iter().find(|(_, buyer)| {
            buyer.enterprise.as_ref().is_some_and(|e| e.abbreviation.eq_ignore_ascii_case(wanted))
        })
    }

    /// Forgets codes and tickets issued longer ago than anyone may still use them.
    pub fn prune(&mut self, now: u64) {
        self.codes.retain(|_, grant| now.saturating_sub(grant.issued_at) < KEEP_SECS);
        self.tickets.retain(|_, ticket| now.saturating_sub(ticket.issued_at) < KEEP_SECS);
    }
}

/// The key of a member: its tenant and account (accounts compared case-insensitively).
pub fn member_key(tenant: &HuaweiTenant, member: &HuaweiMember) -> String {
    format!("{}/{}", tenant.as_str(), member.as_str().to_lowercase())
}

/// The member key of an activation session, if the unified login named a member.
pub fn session_member(identity: &Identity, member: Option<&HuaweiMember>) -> Option<String> {
    match (identity, member) {
        (Identity::Huawei { tenant, .. }, Some(member)) => Some(member_key(tenant, member)),
        _ => None,
    }
}

/// Records that the member behind activation session `session_id` created the Guance account
/// `guance_key` (Register, or Create workspace's "I don't have a Guance account"): the one
/// account Log in directly signs that member in to. Only an account the member made (chose its
/// password) is linked: binding a Billing Center account or proving someone's email by a code
/// proves no Guance account of this member's.
pub fn link_member(data: &mut super::Data, session_id: &str, guance_key: &str) {
    let Some(session) = data.sessions.get(session_id) else {
        return;
    };
    let Some(member) = session_member(&session.identity, session.member.as_ref()) else {
        return;
    };
    if data.guance.contains_key(guance_key) {
        data.huawei.links.insert(member, guance_key.to_owned());
    }
}
