//! Verification codes: 6 digits from a CSPRNG, valid 10 minutes, single use, 5 wrong tries, 60 s
//! between sends (SPEC §4; numbers from `activation_core::rules`).
//!
//! A code belongs to the session that asked for it (SPEC §6): it is kept in that session, verifies
//! only there, and wrong tries there lock only it. Within the session it proves one thing: it is
//! kept under its purpose and address, so a code mailed for creating a workspace does not register
//! an account with the same address. The 60 s wait is per purpose and address within the session
//! (each Send code button counts down on its own).
//!
//! Hourly limits, each over the last hour: a session sends at most 5 codes, to at most 3 addresses;
//! a client address (IP) at most 20, across its sessions; an address receives at most 10, across
//! all sessions, and at most 5 of those from any one client address. The per-address 10 is the
//! only limit sessions share. What is left of that: a sender with two client addresses (and two
//! sessions) can still use up an address's 10 for an hour, so its owner's session waits; nothing
//! else of another session's can lock, spend or use up a code of yours.

use activation_core::{api::ApiError, api::CodeSent, domain::Email, rules};
use rand::Rng;

use super::{
    data::{CodeRecord, CodeSend, Data, Mail, SessionCodes},
    limits::{under, within_hour},
    mail_lang::MailLang,
};
use crate::clock::rfc3339;

/// What a code is for: the step that will check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    BindAccount,
    CreateWorkspace,
    /// Forgot password? (its codes are kept in the recovery, `recovery.rs`).
    ResetPassword,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::BindAccount => "bind_account",
            Purpose::CreateWorkspace => "create_workspace",
            Purpose::ResetPassword => "reset_password",
        }
    }

    /// The mail's subject line, in `lang`.
    fn subject(self, lang: MailLang) -> &'static str {
        match self {
            Purpose::Register => lang.pick("Your Guance registration code", "您的观测云注册验证码"),
            Purpose::BindAccount => {
                lang.pick("Your Guance Billing Center binding code", "您的观测云费用中心绑定验证码")
            }
            Purpose::CreateWorkspace => {
                lang.pick("Your Guance workspace creation code", "您的观测云工作空间创建验证码")
            }
            Purpose::ResetPassword => {
                lang.pick("Your Guance password reset code", "您的观测云密码重置验证码")
            }
        }
    }

    /// Where the live code for this purpose and address is kept.
    fn key(self, email: &Email) -> String {
        format!("{}:{}", self.name(), email.as_str())
    }
}

/// Who asks for a code: the activation session, the client address (IP) when known, and the
/// language the user reads (the mail's).
#[derive(Debug, Clone, Copy)]
pub struct Asker<'a> {
    pub session: &'a str,
    pub client: Option<&'a str>,
    pub lang: MailLang,
}

/// Sends a fresh code for `purpose` to `email` (into the mailbox) on behalf of `asker`, or says
/// why not yet: this session's last code for it is younger than `resend_secs` (SPEC's 60 s unless
/// the mock was started with `--code-cooldown`), or one of the hourly limits is reached.
pub fn send(
    data: &mut Data,
    asker: Asker<'_>,
    purpose: Purpose,
    email: &Email,
    now: u64,
    resend_secs: u32,
) -> Result<CodeSent, ApiError> {
    let key = purpose.key(email);
    let to = email.as_str();
    let session = book(data, asker.session)?;
    if let Some(last) = session.live.get(&key) {
        let since = now.saturating_sub(last.sent_at);
        if since < u64::from(resend_secs) {
            return Err(ApiError::CodeSentTooRecently {
                retry_after_secs: resend_secs - since as u32,
            });
        }
    }
    // Codes past their hour are of no use to anyone (expired ten minutes in): forget them.
    session.live.retain(|_, record| within_hour(record.sent_at, now));
    let sent = &mut session.sent;
    sent.retain(|send| within_hour(send.at, now));
    under(sent.iter().map(|send| send.at), rules::CODES_PER_SESSION_PER_HOUR, now)?;
    if !sent.iter().any(|send| send.to == to) {
        // A new address: the session may have at most so many in the hour. Each address counts
        // until its last send leaves the hour.
        let mut last_by_address = std::collections::BTreeMap::new();
        for send in sent.iter() {
            let last = last_by_address.entry(send.to.as_str()).or_insert(send.at);
            *last = (*last).max(send.at);
        }
        under(last_by_address.into_values(), rules::CODE_ADDRESSES_PER_SESSION, now)?;
    }
    if let Some(client) = asker.client {
        let by_client = data.code_sends_by_client.get(client).map(Vec::as_slice).unwrap_or(&[]);
        let recent = || by_client.iter().filter(|send| within_hour(send.at, now));
        under(recent().map(|send| send.at), rules::CODES_PER_CLIENT_PER_HOUR, now)?;
        let to_this = recent().filter(|send| send.to == to).map(|send| send.at);
        under(to_this, rules::CODES_PER_ADDRESS_PER_CLIENT, now)?;
    }
    let to_address = data.code_sends.get(to).map(Vec::as_slice).unwrap_or(&[]);
    let to_address = to_address.iter().copied().filter(|&at| within_hour(at, now));
    under(to_address, rules::CODES_PER_ADDRESS_PER_HOUR, now)?;

    let this_send = CodeSend { at: now, to: to.to_owned() };
    data.code_sends.entry(to.to_owned()).or_default().push(now);
    if let Some(client) = asker.client {
        data.code_sends_by_client.entry(client.to_owned()).or_default().push(this_send.clone());
    }
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    // The code itself only in the mailbox: never in a log line (SPEC §6).
    tracing::info!(to = %email, "mailbox: verification code sent");
    data.mailbox.push(Mail {
        to: to.to_owned(),
        subject: purpose.subject(asker.lang).to_owned(),
        code: code.clone(),
        sent_at: rfc3339(now),
    });
    let session = book(data, asker.session)?;
    session.sent.push(this_send);
    session.live.insert(
        key,
        CodeRecord { code, sent_at: now, tries_left: rules::CODE_MAX_TRIES, used: false },
    );
    Ok(CodeSent {
        sent_to: email.masked(),
        resend_after_secs: resend_secs,
        valid_for_secs: rules::CODE_VALID_SECS,
    })
}

/// Checks `typed` against the live code for `purpose` to `email` that session `session_id` asked
/// for, and uses it up when right. Another session's code for the same address is not looked at.
pub fn verify(
    data: &mut Data,
    session_id: &str,
    purpose: Purpose,
    email: &Email,
    typed: &str,
    now: u64,
) -> Result<(), ApiError> {
    let session = book(data, session_id)?;
    let record = session.live.get_mut(&purpose.key(email)).ok_or(ApiError::CodeNotSent)?;
    if record.used || now.saturating_sub(record.sent_at) >= u64::from(rules::CODE_VALID_SECS) {
        return Err(ApiError::CodeExpired);
    }
    if record.tries_left == 0 {
        return Err(ApiError::CodeLocked);
    }
    if constant_time_eq(record.code.as_bytes(), typed.as_bytes()) {
        record.used = true;
        return Ok(());
    }
    record.tries_left -= 1;
    if record.tries_left == 0 {
        Err(ApiError::CodeLocked)
    } else {
        Err(ApiError::CodeWrong { tries_left: record.tries_left })
    }
}

/// The codes of session `id`: an activation session's, or a password recovery's.
fn book<'d>(data: &'d mut Data, id: &str) -> Result<&'d mut SessionCodes, ApiError> {
    if let Some(session) = data.sessions.get_mut(id) {
        return Ok(&mut session.codes);
    }
    data.recoveries.get_mut(id).map(|r| &mut r.codes).ok_or(ApiError::SessionExpired)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
