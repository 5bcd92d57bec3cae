//! Time, injected: the real clock in the server, a hand-turned one in tests, so code expiry and
//! cooldowns are tested without sleeping.

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

/// Seconds since the Unix epoch, from the system or from a test.
#[derive(Debug, Clone)]
pub struct Clock(Option<Arc<AtomicU64>>);

impl Clock {
    /// The system clock.
    pub fn system() -> Clock {
        Clock(None)
    }

    /// A clock that stands still at `secs` until advanced.
    pub fn manual(secs: u64) -> Clock {
        Clock(Some(Arc::new(AtomicU64::new(secs))))
    }

    /// Moves a manual clock forward; does nothing to the system clock.
    pub fn advance(&self, secs: u64) {
        if let Some(now) = &self.0 {
            now.fetch_add(secs, Ordering::SeqCst);
        }
    }

    /// Now, in seconds since the epoch.
    pub fn now(&self) -> u64 {
        match &self.0 {
            Some(now) => now.load(Ordering::SeqCst),
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        }
    }
}

impl Default for Clock {
    fn default() -> Clock {
        Clock::system()
    }
}

/// `2026-11-22T07:15:19Z` for `secs` since the epoch (UTC).
pub fn rfc3339(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm.
fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_795_331_719), "2026-11-22T07:15:19Z");
    }

    #[test]
    fn a_manual_clock_moves_only_when_advanced() {
        let clock = Clock::manual(100);
        assert_eq!(clock.now(), 100);
        clock.advance(60);
        assert_eq!(clock.now(), 160);
    }
}
