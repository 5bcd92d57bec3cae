//! Numbers of SPEC §4 and §6 that are not about one value's shape: code life, tries, cooldowns,
//! quotas.
//! Time is passed in as seconds by the caller; core never reads a clock.

/// A verification code is valid this long.
pub const CODE_VALID_SECS: u32 = 10 * 60;
/// Wrong tries before a code is dead.
pub const CODE_MAX_TRIES: u8 = 5;
/// Send code can be pressed again after this long.
pub const CODE_RESEND_SECS: u32 = 60;
/// At most this many codes an hour from one activation session, whatever their addresses.
pub const CODES_PER_SESSION_PER_HOUR: usize = 5;
/// At most this many distinct addresses one activation session mails codes to in an hour.
pub const CODE_ADDRESSES_PER_SESSION: usize = 3;
/// At most this many codes an hour to one address, across all sessions: the only code limit that
/// sessions share.
pub const CODES_PER_ADDRESS_PER_HOUR: usize = 10;
/// At most this many codes an hour from one client address (IP), across all its sessions.
pub const CODES_PER_CLIENT_PER_HOUR: usize = 20;
/// At most this many of one address's hourly codes may come from one client address, so that one
/// client alone cannot use up an address's hour for its owner.
pub const CODES_PER_ADDRESS_PER_CLIENT: usize = CODES_PER_ADDRESS_PER_HOUR / 2;
/// Answers that reveal whether an account exists (bind-account's masked email, "username taken",
/// "email taken", "no account with this email"): at most this many an hour per activation session.
pub const LOOKUPS_PER_SESSION_PER_HOUR: usize = 20;
/// The same, per client address (IP), across all its sessions.
pub const LOOKUPS_PER_CLIENT_PER_HOUR: usize = 60;
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
