//! Numbers of SPEC §4 that are not about one value's shape: code life, tries, cooldowns, quotas.
//! Time is passed in as seconds by the caller; core never reads a clock.

/// A verification code is valid this long.
pub const CODE_VALID_SECS: u32 = 10 * 60;
/// Wrong tries before a code is dead.
pub const CODE_MAX_TRIES: u8 = 5;
/// Send code can be pressed again after this long.
pub const CODE_RESEND_SECS: u32 = 60;
/// At most this many codes per address per hour.
pub const CODES_PER_HOUR: usize = 5;
/// Length of the hourly window.
pub const HOUR_SECS: u32 = 60 * 60;
/// An Alibaba hand-off's timeStamp must be at most this old (or this far in the future).
pub const ALIYUN_TIMESTAMP_SKEW_SECS: u64 = 5 * 60;
/// A marketplace token or code must be redeemed within this long.
pub const MARKETPLACE_TOKEN_TTL_SECS: u64 = 10 * 60;
/// An activation session lives this long without use.
pub const SESSION_TTL_SECS: u64 = 2 * 60 * 60;
/// An activation session ends this long after the hand-off that opened it, however busy (SPEC §6:
/// an absolute lifetime besides the idle one).
pub const SESSION_MAX_SECS: u64 = 8 * 60 * 60;
/// A console or Billing Center login ends after this long without use.
pub const LOGIN_IDLE_SECS: u64 = 30 * 60;
/// A console or Billing Center login ends this long after sign-in, however busy.
pub const LOGIN_MAX_SECS: u64 = 12 * 60 * 60;
