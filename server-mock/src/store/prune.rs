//! Forgetting what can no longer be used, so the state (and the state file) does not grow without
//! bound (SPEC §6): ended sessions and logins with their idempotency records, old marketplace
//! tokens and codes, old password recoveries, old mails, and the send and failure times the hourly
//! limits no longer count.

use std::collections::BTreeMap;

use activation_core::rules;

use super::data::Data;

/// How long a marketplace token, a redeemed Alibaba hand-off and a mail are kept. Long past their
/// use (a token lives minutes), so a late replay is still told "used" or "expired", not "invalid".
pub const KEEP_SECS: u64 = 24 * 60 * 60;

/// How often [`super::Store`] prunes at most: it scans everything.
pub const EVERY_SECS: u64 = 60;

/// Drops every record that nothing can use at `now` any more.
pub fn prune(data: &mut Data, now: u64) {
    data.sessions.retain(|_, session| !session.expired(now));
    data.logins.retain(|_, login| !login.expired(now));
    data.billing_logins.retain(|_, login| !login.expired(now));
    // Idempotency records are kept under `SESSION\nROUTE\nKEY`: they go with their session.
    let sessions = &data.sessions;
    data.idempotency.retain(|slot, _| {
        slot.split_once('\n').is_some_and(|(session, _)| sessions.contains_key(session))
    });
    let kept_since = now.saturating_sub(KEEP_SECS);
    data.tokens.retain(|_, token| token.issued_at >= kept_since);
    data.aliyun_redeemed.retain(|_, &mut redeemed_at| redeemed_at >= kept_since);
    // Huawei's unified-login codes and tickets, and password recoveries (both live minutes).
    data.huawei.prune(now);
    data.recoveries.retain(|_, recovery| recovery.created_at >= kept_since);
    // `sent_at` is RFC 3339 in UTC with a fixed width, so text order is time order.
    let oldest_mail = crate::clock::rfc3339(kept_since);
    data.mailbox.retain(|mail| mail.sent_at >= oldest_mail);
    // No limit counts back further than an hour.
    let hour_ago = now.saturating_sub(u64::from(rules::HOUR_SECS));
    recent_only(&mut data.code_sends, |&at| at, hour_ago);
    recent_only(&mut data.code_sends_by_client, |send| send.at, hour_ago);
    recent_only(&mut data.lookups_by_client, |&at| at, hour_ago);
    recent_only(&mut data.login_failures, |&at| at, hour_ago);
    recent_only(&mut data.login_failures_by_address, |&at| at, hour_ago);
}

/// Keeps the entries of `times` at `since` or later, and only the keys that have any.
fn recent_only<T>(times: &mut BTreeMap<String, Vec<T>>, at: impl Fn(&T) -> u64, since: u64) {
    times.retain(|_, list| {
        list.retain(|entry| at(entry) >= since);
        !list.is_empty()
    });
}
