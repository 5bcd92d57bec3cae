//! Hourly limits over sliding windows, and the one on answers that reveal whether an account exists
//! (SPEC §6: "no account oracle without a limit").

use activation_core::{api::ApiError, rules};

use super::data::{Data, Lookup};

const HOUR: u64 = rules::HOUR_SECS as u64;

/// Whether `at` is within the hour before `now`.
pub fn within_hour(at: u64, now: u64) -> bool {
    now.saturating_sub(at) < HOUR
}

/// Refuses when `times` (all within the last hour: the caller filters, or [`super::prune`] has)
/// number `max` or more, with the wait until one of them is old enough to leave room for one more.
pub fn under(times: impl IntoIterator<Item = u64>, max: usize, now: u64) -> Result<(), ApiError> {
    let mut times: Vec<u64> = times.into_iter().collect();
    if times.len() < max {
        return Ok(());
    }
    times.sort_unstable();
    // Once this one leaves the window, max - 1 are left.
    let freeing = times[times.len() - max];
    let wait = HOUR.saturating_sub(now.saturating_sub(freeing)).max(1);
    Err(ApiError::RateLimited { retry_after_secs: wait as u32 })
}

/// Counts one answer that tells `session_id` (from `client`, when known) whether an account exists
/// — the one named by `subject` (e.g. `billing:demo_billing`) — or refuses it: at most
/// [`rules::LOOKUPS_PER_SESSION_PER_HOUR`] subjects per session and
/// [`rules::LOOKUPS_PER_CLIENT_PER_HOUR`] per client address. The same subject again in the same
/// session within the hour is free: it learns nothing new (a retry, a double click, a race of
/// keyed requests). Call it before looking.
pub fn charge_lookup(
    data: &mut Data,
    session_id: &str,
    subject: &str,
    client: Option<&str>,
    now: u64,
) -> Result<(), ApiError> {
    let session = data.sessions.get_mut(session_id).ok_or(ApiError::SessionExpired)?;
    session.lookups.retain(|lookup| within_hour(lookup.at, now));
    if session.lookups.iter().any(|lookup| lookup.of == subject) {
        return Ok(());
    }
    under(
        session.lookups.iter().map(|lookup| lookup.at),
        rules::LOOKUPS_PER_SESSION_PER_HOUR,
        now,
    )?;
    client_under_limit(data, client, now)?;
    let session = data.sessions.get_mut(session_id).ok_or(ApiError::SessionExpired)?;
    session.lookups.push(Lookup { at: now, of: subject.to_owned() });
    count_for_client(data, client, now);
    Ok(())
}

/// Refuses a lookup from `client` (when known) that has made
/// [`rules::LOOKUPS_PER_CLIENT_PER_HOUR`] within the hour, whichever session or recovery made them.
pub fn client_under_limit(data: &Data, client: Option<&str>, now: u64) -> Result<(), ApiError> {
    let Some(client) = client else { return Ok(()) };
    let by_client = data.lookups_by_client.get(client).into_iter().flatten();
    let recent = by_client.copied().filter(|&at| within_hour(at, now));
    under(recent, rules::LOOKUPS_PER_CLIENT_PER_HOUR, now)
}

/// Counts a lookup against `client`'s hourly limit ([`client_under_limit`]).
pub fn count_for_client(data: &mut Data, client: Option<&str>, now: u64) {
    if let Some(client) = client {
        data.lookups_by_client.entry(client.to_owned()).or_default().push(now);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_wait_is_until_the_time_that_frees_one_place() {
        let now = 10_000;
        assert_eq!(under([now - 100, now - 50], 3, now), Ok(()));
        // Three of three: the oldest leaves the hour first.
        assert_eq!(
            under([now - 50, now - 100, now - 10], 3, now),
            Err(ApiError::RateLimited { retry_after_secs: (HOUR - 100) as u32 })
        );
        // Four of three: two must leave, so the wait is for the second oldest.
        assert_eq!(
            under([now - 300, now - 200, now - 100, now], 3, now),
            Err(ApiError::RateLimited { retry_after_secs: (HOUR - 200) as u32 })
        );
    }
}
