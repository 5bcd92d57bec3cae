//! The mock's memory: one [`Data`] value behind one lock, written through to the state file.

pub mod accounts;
mod codes;
pub mod data;
mod limits;
mod mail_lang;
pub mod partners;
pub mod persist;
pub mod prune;
pub mod recovery;
mod secrets;
pub mod seed;
pub mod settlement;

use std::{path::PathBuf, sync::Mutex};

pub use codes::{Asker, Purpose as CodePurpose, send as send_code, verify as verify_code};
pub use data::Data;
pub use limits::charge_lookup;
pub use mail_lang::MailLang;
pub use secrets::{
    FAST, OWASP, at_the_parameters_in_use, hash_password, random_token, use_fast_hashes,
    verify_or_pretend, verify_password,
};

use crate::clock::Clock;

/// Shared state of the mock backend.
#[derive(Debug)]
pub struct Store {
    data: Mutex<Data>,
    state_file: Option<PathBuf>,
    clock: Clock,
    /// Seconds between two codes to one address (SPEC: 60; a dev flag may shorten it).
    code_resend_secs: u32,
    /// When records that can no longer be used were last dropped ([`prune`]).
    last_pruned: std::sync::atomic::AtomicU64,
    /// How many password hashes logins have checked: one per login that reaches the check,
    /// whether the username exists or not.
    password_checks: std::sync::atomic::AtomicU64,
    /// How many passwords requests have hashed ([`Store::hash`]).
    password_hashes: std::sync::atomic::AtomicU64,
    /// Password checks under way, by what they count against (`api::login`): counted with the
    /// failures, so that guesses sent together cannot outrun the login limits. Never saved.
    checks_in_flight: Mutex<std::collections::HashMap<String, usize>>,
}

impl Store {
    /// A store holding `data`, saved to `state_file` (if any) after every change.
    pub fn new(data: Data, state_file: Option<PathBuf>, clock: Clock) -> Store {
        Store {
            data: Mutex::new(data),
            state_file,
            clock,
            code_resend_secs: activation_core::rules::CODE_RESEND_SECS,
            last_pruned: Default::default(),
            password_checks: Default::default(),
            password_hashes: Default::default(),
            checks_in_flight: Default::default(),
        }
    }

    /// The same store with another wait between two codes to one address (`--code-cooldown`, for
    /// journeys that need a second code without waiting a minute).
    pub fn with_code_resend_secs(self, secs: u32) -> Store {
        Store { code_resend_secs: secs, ..self }
    }

    /// Seconds a Send code must wait after the last code to the same address.
    pub fn code_resend_secs(&self) -> u32 {
        self.code_resend_secs
    }

    /// Whether `password` matches the PHC string `hash` (never, after the same work, for an
    /// account that does not exist: [`verify_or_pretend`]), counted in
    /// [`Store::password_checks`] as it starts. On a blocking thread: argon2 takes tens of
    /// milliseconds, which would hold up the requests that share this one's async worker.
    pub async fn check_password(&self, password: &str, hash: Option<String>) -> bool {
        self.password_checks.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let password = password.to_owned();
        off_the_workers(move || verify_or_pretend(&password, hash.as_deref()))
            .await
            .unwrap_or(false)
    }

    /// The password checks under way ([`Store::checks_in_flight`]'s field), by key. Taken inside
    /// [`Store::write`] or [`Store::touch`] when both are needed, never the other way round.
    pub fn checks_in_flight(
        &self,
    ) -> std::sync::MutexGuard<'_, std::collections::HashMap<String, usize>> {
        self.checks_in_flight.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The PHC string of `secret` with a fresh salt ([`hash_password`]), counted in
    /// [`Store::password_hashes`] as it starts. On a blocking thread, as
    /// [`Store::check_password`]: never on the async worker a request shares with others.
    pub async fn hash(&self, secret: &str) -> String {
        self.password_hashes.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let secret = secret.to_owned();
        off_the_workers(move || hash_password(&secret)).await.expect("argon2 hashes any password")
    }

    /// Whether `secret` matches the PHC string `hash`, on a blocking thread. Not counted: the
    /// logins' checks are [`Store::check_password`].
    pub async fn verify(&self, secret: &str, hash: &str) -> bool {
        let (secret, hash) = (secret.to_owned(), hash.to_owned());
        off_the_workers(move || verify_password(&secret, &hash)).await.unwrap_or(false)
    }

    /// How many passwords [`Store::hash`] has hashed.
    pub fn password_hashes(&self) -> u64 {
        self.password_hashes.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// How many password hashes [`Store::check_password`] has checked.
    pub fn password_checks(&self) -> u64 {
        self.password_checks.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// An empty in-memory store on the system clock.
    pub fn in_memory() -> Store {
        Store::new(Data::default(), None, Clock::system())
    }

    pub fn clock(&self) -> &Clock {
        &self.clock
    }

    pub fn now(&self) -> u64 {
        self.clock.now()
    }

    /// Reads under the lock.
    pub fn read<R>(&self, f: impl FnOnce(&Data) -> R) -> R {
        f(&self.lock())
    }

    /// Changes under the lock, then writes the state file (still under the lock, so saves are
    /// ordered like the changes). A failed save is logged: the in-memory state stays authoritative.
    pub fn write<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut data = self.lock();
        let result = f(&mut data);
        self.prune_now_and_then(&mut data);
        if let Some(path) = &self.state_file
            && let Err(err) = persist::save(path, &data)
        {
            tracing::error!(path = %path.display(), %err, "cannot save the state file");
        }
        result
    }

    /// Changes under the lock that need not survive a restart, so no state file write: a session's
    /// `last_used` on a read-only call. (Reads are the hot path; a durable write costs an fsync.)
    /// The next [`Store::write`] saves them along with its own change.
    pub fn touch<R>(&self, f: impl FnOnce(&mut Data) -> R) -> R {
        let mut data = self.lock();
        let result = f(&mut data);
        self.prune_now_and_then(&mut data);
        result
    }

    /// Drops what can no longer be used ([`prune::prune`]), at most once every
    /// [`prune::EVERY_SECS`]: without it the state (and the file) would grow without bound.
    fn prune_now_and_then(&self, data: &mut Data) {
        use std::sync::atomic::Ordering;
        let now = self.clock.now();
        if now >= self.last_pruned.load(Ordering::Relaxed).saturating_add(prune::EVERY_SECS) {
            self.last_pruned.store(now, Ordering::Relaxed);
            prune::prune(data, now);
        }
    }

    /// A copy of everything (tests, the mailbox page).
    pub fn snapshot(&self) -> Data {
        self.lock().clone()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Data> {
        // A panic while holding the lock leaves data that is still consistent enough for a mock.
        self.data.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Runs `argon2` work (tens of milliseconds, and 19 MiB at OWASP's parameters) on a blocking
/// thread, never on the async worker a request shares with others.
/// `None` if it panicked.
async fn off_the_workers<R: Send + 'static>(
    argon2: impl FnOnce() -> R + Send + 'static,
) -> Option<R> {
    tokio::task::spawn_blocking(argon2).await.ok()
}
