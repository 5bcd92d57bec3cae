//! Verification codes: 6 digits from a CSPRNG, valid 10 minutes, single use, 5 wrong tries, 60 s
//! between sends, 5 sends an hour per address (SPEC §4; numbers from `activation_core::rules`).
//!
//! A code proves one thing: it is kept under its purpose and address, so a code mailed for creating
//! a workspace does not register an account with the same address. The 60 s wait is per purpose
//! (each Send code button counts down on its own); the hourly quota is per address, whatever for.

use activation_core::{api::ApiError, api::CodeSent, domain::Email, rules};
use rand::Rng;

use super::data::{CodeRecord, Data, Mail};
use crate::clock::rfc3339;

/// What a code is for: the step that will check it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Purpose {
    Register,
    BindAccount,
    CreateWorkspace,
}

impl Purpose {
    fn name(self) -> &'static str {
        match self {
            Purpose::Register => "register",
            Purpose::BindAccount => "bind_account",
            Purpose::CreateWorkspace => "create_workspace",
        }
    }

    /// The mail's subject line.
    fn subject(self) -> &'static str {
        match self {
            Purpose::Register => "Your Guance registration code",
            Purpose::BindAccount => "Your Guance Billing Center binding code",
            Purpose::CreateWorkspace => "Your Guance workspace creation code",
        }
    }

    /// Where the live code for this purpose and address is kept.
    fn key(self, email: &Email) -> String {
        format!("{}:{}", self.name(), email.as_str())
    }
}

/// Sends a fresh code for `purpose` to `email` (into the mailbox), or says why not yet: the last
/// code for it is younger than `resend_secs` (SPEC's 60 s unless the mock was started with
/// `--code-cooldown`), or the address had its hourly quota.
pub fn send(
    data: &mut Data,
    purpose: Purpose,
    email: &Email,
    now: u64,
    resend_secs: u32,
) -> Result<CodeSent, ApiError> {
    let key = purpose.key(email);
    if let Some(last) = data.codes.get(&key) {
        let since = now.saturating_sub(last.sent_at);
        if since < u64::from(resend_secs) {
            return Err(ApiError::CodeSentTooRecently {
                retry_after_secs: resend_secs - since as u32,
            });
        }
    }
    let sends = data.code_sends.entry(email.as_str().to_owned()).or_default();
    sends.retain(|&at| now.saturating_sub(at) < u64::from(rules::HOUR_SECS));
    if sends.len() >= rules::CODES_PER_HOUR {
        let oldest = sends.iter().min().copied().unwrap_or(now);
        let wait = u64::from(rules::HOUR_SECS).saturating_sub(now.saturating_sub(oldest));
        return Err(ApiError::RateLimited { retry_after_secs: wait.max(1) as u32 });
    }
    sends.push(now);
    let code = format!("{:06}", rand::rng().random_range(0..1_000_000u32));
    // The code itself only in the mailbox: never in a log line (SPEC §6).
    tracing::info!(to = %email, "mailbox: verification code sent");
    data.mailbox.push(Mail {
        to: email.as_str().to_owned(),
        subject: purpose.subject().to_owned(),
        code: code.clone(),
        sent_at: rfc3339(now),
    });
    data.codes.insert(
        key,
        CodeRecord { code, sent_at: now, tries_left: rules::CODE_MAX_TRIES, used: false },
    );
    Ok(CodeSent {
        sent_to: email.masked(),
        resend_after_secs: resend_secs,
        valid_for_secs: rules::CODE_VALID_SECS,
    })
}

/// Checks `typed` against the live code for `purpose` sent to `email`, and uses it up when right.
pub fn verify(
    data: &mut Data,
    purpose: Purpose,
    email: &Email,
    typed: &str,
    now: u64,
) -> Result<(), ApiError> {
    let record = data.codes.get_mut(&purpose.key(email)).ok_or(ApiError::CodeNotSent)?;
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

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
