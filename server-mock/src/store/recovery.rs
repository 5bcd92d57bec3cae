//! Forgot password? and Forgot username? (SPEC §3 "Login"), for the console's accounts and the
//! Billing Center's.
//!
//! A password recovery is a small session of its own, kept under a random ticket that only the
//! browser that started it holds (an HttpOnly cookie, `cookies::RECOVERY`): its code is kept there,
//! verifies only there and locks only there, under the same rules as every code (`codes.rs`).
//! Looking an account up by username or email tells whether it exists, so each lookup counts
//! against the same hourly limits as the other answers that do (SPEC §6): per recovery and per
//! client address. Forgot username? tells nothing: its answer is the same for every address.

use activation_core::{
    api::ApiError,
    domain::{Email, Username},
    recovery::{AccountKind, AccountName},
    rules,
};
use serde::{Deserialize, Serialize};

use super::{
    data::{Data, Mail, SessionCodes},
    limits::{self, under, within_hour},
    mail_lang::MailLang,
};
use crate::clock::rfc3339;

/// How long a recovery lasts from its start: a code lives 10 minutes, so this leaves room for a
/// second code and some typing.
pub const RECOVERY_SECS: u64 = 30 * 60;

/// One password recovery, started by one browser.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Recovery {
    pub kind: AccountKind,
    /// Unique key of the account found (empty until one is).
    pub account: String,
    /// Its email, where the code goes.
    pub email: Option<Email>,
    /// The username or email as looked up, normalised: the new password is for that account only.
    pub name: String,
    pub created_at: u64,
    /// The codes this recovery asked for (a code verifies only in its recovery).
    pub codes: SessionCodes,
    /// When this recovery looked an account up, for its hourly limit.
    pub lookups: Vec<u64>,
}

fn normalised(name: &AccountName) -> String {
    match name {
        AccountName::Username(u) => u.unique_key(),
        AccountName::Email(e) => e.as_str().to_owned(),
    }
}

/// The account of `kind` that `name` names: its key, username and email.
fn find(data: &Data, kind: AccountKind, name: &AccountName) -> Option<(String, Username, Email)> {
    let by_email = |email: &Email| match kind {
        AccountKind::Console => data
            .guance
            .iter()
            .find(|(_, a)| &a.email == email)
            .map(|(k, a)| (k.clone(), a.username.clone(), a.email.clone())),
        AccountKind::BillingCenter => data
            .billing
            .iter()
            .find(|(_, a)| &a.email == email)
            .map(|(k, a)| (k.clone(), a.username.clone(), a.email.clone())),
    };
    match name {
        AccountName::Email(email) => by_email(email),
        AccountName::Username(username) => {
            let key = username.unique_key();
            match kind {
                AccountKind::Console => {
                    data.guance.get(&key).map(|a| (key, a.username.clone(), a.email.clone()))
                }
                AccountKind::BillingCenter => {
                    data.billing.get(&key).map(|a| (key, a.username.clone(), a.email.clone()))
                }
            }
        }
    }
}

/// Forgets recoveries that ended.
fn forget_ended(data: &mut Data, now: u64) {
    data.recoveries.retain(|_, r| now.saturating_sub(r.created_at) < RECOVERY_SECS);
}

/// Looks up the account `name` names for recovery `ticket` (started now if it is not live),
/// counting the lookup against the recovery's and the client's hourly limits first. Returns the
/// email its code is to go to; an unknown account is `unknown_account` at Username or email.
pub fn look_up(
    data: &mut Data,
    ticket: &str,
    kind: AccountKind,
    name: &AccountName,
    client: Option<&str>,
    now: u64,
) -> Result<Email, ApiError> {
    forget_ended(data, now);
    limits::client_under_limit(data, client, now)?;
    let recovery = data
        .recoveries
        .entry(ticket.to_owned())
        .or_insert_with(|| Recovery { created_at: now, ..Recovery::default() });
    recovery.lookups.retain(|&at| within_hour(at, now));
    under(recovery.lookups.iter().copied(), rules::LOOKUPS_PER_SESSION_PER_HOUR, now)?;
    recovery.lookups.push(now);
    limits::count_for_client(data, client, now);
    let found = find(data, kind, name);
    let recovery = data.recoveries.get_mut(ticket).expect("inserted above");
    recovery.kind = kind;
    recovery.name = normalised(name);
    match found {
        Some((key, _, email)) => {
            recovery.account = key;
            recovery.email = Some(email.clone());
            Ok(email)
        }
        None => {
            recovery.account.clear();
            recovery.email = None;
            Err(ApiError::UnknownAccount)
        }
    }
}

/// The account recovery `ticket` is for, if `name` is what it looked up: its key, username and
/// email. A recovery for another name, or none, has sent no code for this one.
pub fn account_of(
    data: &Data,
    ticket: &str,
    kind: AccountKind,
    name: &AccountName,
    now: u64,
) -> Result<(String, Username, Email), ApiError> {
    data.recoveries
        .get(ticket)
        .filter(|r| now.saturating_sub(r.created_at) < RECOVERY_SECS)
        .filter(|r| r.kind == kind && r.name == normalised(name) && !r.account.is_empty())
        .and_then(|r| find(data, kind, name).filter(|(key, ..)| *key == r.account))
        .ok_or(ApiError::CodeNotSent)
}

/// Sets the password hash of account `key` of `kind`, ends its other logins (whoever knew the old
/// password is signed out) and the recovery `ticket`.
pub fn set_password(data: &mut Data, ticket: &str, kind: AccountKind, key: &str, hash: String) {
    match kind {
        AccountKind::Console => {
            if let Some(account) = data.guance.get_mut(key) {
                account.password_hash = hash;
            }
            data.logins.retain(|_, login| login.username_key != key);
        }
        AccountKind::BillingCenter => {
            if let Some(account) = data.billing.get_mut(key) {
                account.password_hash = hash;
            }
            data.billing_logins.retain(|_, login| login.username_key != key);
        }
    }
    data.recoveries.remove(ticket);
}

/// Forgot username?: mails the username of the account of `kind` that uses `email`, if there is
/// one. The caller answers the same either way. Each request counts against the client's lookups
/// and the address's hourly mails, whether or not a mail goes, so the limits say nothing either.
pub fn mail_username(
    data: &mut Data,
    kind: AccountKind,
    email: &Email,
    client: Option<&str>,
    lang: MailLang,
    now: u64,
) -> Result<(), ApiError> {
    limits::client_under_limit(data, client, now)?;
    let to_address = data.code_sends.get(email.as_str()).into_iter().flatten();
    let recent = to_address.copied().filter(|&at| within_hour(at, now));
    under(recent, rules::CODES_PER_ADDRESS_PER_HOUR, now)?;
    limits::count_for_client(data, client, now);
    data.code_sends.entry(email.as_str().to_owned()).or_default().push(now);
    let Some((_, username, _)) = find(data, kind, &AccountName::Email(email.clone())) else {
        return Ok(());
    };
    let subject = match (kind, lang) {
        (AccountKind::Console, MailLang::En) => format!("Your Guance username is {username}"),
        (AccountKind::Console, MailLang::Zh) => format!("您的观测云用户名是 {username}"),
        (AccountKind::BillingCenter, MailLang::En) => {
            format!("Your Guance Billing Center username is {username}")
        }
        (AccountKind::BillingCenter, MailLang::Zh) => {
            format!("您的观测云费用中心用户名是 {username}")
        }
    };
    tracing::info!(to = %email, "mailbox: username reminder sent");
    data.mailbox.push(Mail {
        to: email.as_str().to_owned(),
        subject,
        code: String::new(),
        sent_at: rfc3339(now),
    });
    Ok(())
}
