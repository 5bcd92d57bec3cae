//! Passwords (argon2id, never stored or logged in clear) and random identifiers.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use rand::Rng;
use std::sync::{
    Mutex, Once,
    atomic::{AtomicBool, Ordering},
};

/// OWASP's argon2id parameters (Password Storage Cheat Sheet), SPEC §6: 19 MiB, 2 passes, 1 lane.
pub const OWASP: (u32, u32, u32) = (19 * 1024, 2, 1);

/// The tests' parameters ([`use_fast_hashes`]): 1 MiB, 1 pass, 1 lane.
pub const FAST: (u32, u32, u32) = (1024, 1, 1);

/// Whether new hashes use [`FAST`] rather than [`OWASP`].
static FAST_HASHES: AtomicBool = AtomicBool::new(false);

/// Tests only (`--fast-hashes`): new password hashes use light parameters, so suites that
/// register and log in many times stay fast. For the whole process; hashes made before or with
/// other parameters still verify (a PHC string names its own).
pub fn use_fast_hashes() {
    FAST_HASHES.store(true, Ordering::Relaxed);
}

/// Of two constant hashes of one password, at [`OWASP`]'s and at [`FAST`]'s parameters, the one
/// at the parameters new hashes use: a login checked against it takes as long as one against a
/// hash made now.
pub fn at_the_parameters_in_use((owasp, fast): (&'static str, &'static str)) -> &'static str {
    if FAST_HASHES.load(Ordering::Relaxed) { fast } else { owasp }
}

/// Argon2id with the parameters new hashes use.
fn argon2() -> Argon2<'static> {
    let (m, t, p) = if FAST_HASHES.load(Ordering::Relaxed) { FAST } else { OWASP };
    let params = argon2::Params::new(m, t, p, None).expect("valid argon2 parameters");
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// Held while a hash runs: one argon2 computation at a time, so however many logins and
/// registrations arrive together the mock holds at most one hash's memory (19 MiB at OWASP's
/// parameters) rather than one per request in flight.
static HASHING: Mutex<()> = Mutex::new(());

/// Runs one argon2 computation with [`HASHING`] held (a panic in another one does not poison it
/// for the rest of the process), its memory given back when it ends.
fn one_at_a_time<T>(hash: impl FnOnce() -> T) -> T {
    static RETURNED: Once = Once::new();
    RETURNED.call_once(return_hash_memory);
    let _turn = HASHING.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    hash()
}

/// Makes the allocator hand an argon2 computation's memory back to the system when it ends. glibc
/// serves a large allocation with its own `mmap` (unmapped when freed) only until the first such
/// allocation is freed: it then raises that threshold to the freed size, so every later hash's
/// 19 MiB came from the heap and stayed resident after it. A fixed threshold keeps them mapped and
/// unmapped per hash. Elsewhere than glibc, nothing to do.
fn return_hash_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        /// glibc's own default: anything from 128 KiB up is mapped apart.
        const MMAP_THRESHOLD: libc::c_int = 128 * 1024;
        // SAFETY: mallopt only sets an allocator parameter; any value is valid for it.
        unsafe {
            libc::mallopt(libc::M_MMAP_THRESHOLD, MMAP_THRESHOLD);
        }
    }
}

/// The PHC string of `password` with a fresh salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    one_at_a_time(|| {
        argon2()
            .hash_password(password.as_bytes(), &salt)
            .expect("argon2 hashes any password")
            .to_string()
    })
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| {
        one_at_a_time(|| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
    })
}

/// Hashes of a password nobody knows (128 random bits, thrown away once hashed), at [`OWASP`]'s
/// and at [`FAST`]'s parameters: an unknown username is checked against the one new hashes are
/// made with, so that its login takes as long as a known one's (SPEC §6: login is no account
/// oracle). Constants: a hash made at start would count in the mock's peak memory, and one made
/// at the first unknown login would make that login slower than the rest, which tells it apart.
const UNKNOWN_ACCOUNT: (&str, &str) = (
    "$argon2id$v=19$m=19456,t=2,p=1$x9l2JHlfhzghHhAwJrmKCw$v6RIAi2Hjiy7Ipidwl6EHAvL4+lQz/DhXeih+TfrojA",
    "$argon2id$v=19$m=1024,t=1,p=1$mSdzNEUI8xahyVKrF+3r9g$Jq6GulJQwuR6Xq6VRfxN+JffzBkudZS741xjM+ikLj4",
);

/// Whether `password` matches `hash`, or, for an account that does not exist (`None`), the
/// same work against a hash nobody's password matches: false, as slowly.
pub fn verify_or_pretend(password: &str, hash: Option<&str>) -> bool {
    let unknown = at_the_parameters_in_use(UNKNOWN_ACCOUNT);
    let matches = verify_password(password, hash.unwrap_or(unknown));
    hash.is_some() && matches
}

/// 128 random bits as 32 hex characters: session IDs, tokens.
pub fn random_token() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    hex::encode(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_account_matches_no_password_after_the_same_work() {
        let hash = hash_password("correct horse battery");
        assert!(verify_or_pretend("correct horse battery", Some(&hash)));
        assert!(!verify_or_pretend("wrong horse battery", Some(&hash)));
        assert!(!verify_or_pretend("correct horse battery", None));
        // The same algorithm and parameters as the hashes it stands in for, in each mode.
        for (unknown, (m, t, p)) in [(UNKNOWN_ACCOUNT.0, OWASP), (UNKNOWN_ACCOUNT.1, FAST)] {
            assert!(unknown.starts_with(&format!("$argon2id$v=19$m={m},t={t},p={p}$")));
            assert!(PasswordHash::new(unknown).is_ok(), "{unknown}");
        }
    }

    #[test]
    fn a_hash_verifies_its_password_only() {
        let hash = hash_password("correct horse battery");
        assert!(!hash.contains("correct horse"));
        assert!(verify_password("correct horse battery", &hash));
        assert!(!verify_password("correct horse batterY", &hash));
        assert!(!verify_password("anything", "not a phc string"));
    }

    #[test]
    fn tokens_are_fresh() {
        assert_ne!(random_token(), random_token());
        assert_eq!(random_token().len(), 32);
    }
}
