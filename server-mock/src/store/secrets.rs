//! Passwords (argon2id, never stored or logged in clear) and random identifiers.

use argon2::{
    Argon2, PasswordHash, PasswordHasher, PasswordVerifier,
    password_hash::{SaltString, rand_core::OsRng},
};
use rand::Rng;
use std::sync::atomic::{AtomicBool, Ordering};

/// OWASP's argon2id parameters (Password Storage Cheat Sheet), SPEC §6: 19 MiB, 2 passes, 1 lane.
pub const OWASP: (u32, u32, u32) = (19 * 1024, 2, 1);

/// The tests' parameters ([`use_fast_hashes`]): 1 MiB, 1 pass, 1 lane.
const FAST: (u32, u32, u32) = (1024, 1, 1);

/// Whether new hashes use [`FAST`] rather than [`OWASP`].
static FAST_HASHES: AtomicBool = AtomicBool::new(false);

/// Tests only (`--fast-hashes`): new password hashes use light parameters, so suites that
/// register and log in many times stay fast. For the whole process; hashes made before or with
/// other parameters still verify (a PHC string names its own).
pub fn use_fast_hashes() {
    FAST_HASHES.store(true, Ordering::Relaxed);
}

/// Argon2id with the parameters new hashes use.
fn argon2() -> Argon2<'static> {
    let (m, t, p) = if FAST_HASHES.load(Ordering::Relaxed) { FAST } else { OWASP };
    let params = argon2::Params::new(m, t, p, None).expect("valid argon2 parameters");
    Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params)
}

/// The PHC string of `password` with a fresh salt.
pub fn hash_password(password: &str) -> String {
    let salt = SaltString::generate(&mut OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashes any password")
        .to_string()
}

/// Whether `password` matches the PHC string `hash`.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .is_ok_and(|parsed| argon2().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// 128 random bits as 32 hex characters: session IDs, tokens.
pub fn random_token() -> String {
    let bytes: [u8; 16] = rand::rng().random();
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

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
