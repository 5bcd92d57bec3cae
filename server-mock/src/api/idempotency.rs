//! Idempotency keys on the keyed routes (Activate, Bind workspace, Create workspace): the same key
//! with the same request gets the first success again; with another request, secrets included,
//! `idempotency_conflict`.
//!
//! A request's secrets (passwords, the code) are remembered only as an argon2 hash, and argon2 is
//! slow: it never runs under the store's lock. [`idempotent`] answers [`Keyed::CheckFirst`] when the
//! key's remembered secrets have not been compared with this request's yet, and [`write_keyed`]
//! compares them on a blocking thread and runs the write again.

use activation_core::api::{ApiError, IDEMPOTENCY_KEY, IDEMPOTENCY_KEY_MAX};
use axum::{
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde::Serialize;

use super::live_session;
use crate::{
    Store,
    error::{ApiResult, Failure},
    store::data::{Data, Remembered},
};

/// What a keyed request is told apart by: its body without secrets, and its secrets (if any) with
/// their argon2 hash.
pub struct Fingerprint {
    public: String,
    secrets: Option<(String, String)>,
    /// A hash remembered under this request's key that its secrets were compared with, and whether
    /// they matched.
    checked: Option<(String, bool)>,
}

impl Fingerprint {
    /// A request without secrets: all of it is compared as it is.
    pub fn plain(public: impl Into<String>) -> Fingerprint {
        Fingerprint { public: public.into(), secrets: None, checked: None }
    }

    /// A request with `secrets`, compared through their hash (made here, on a blocking thread).
    /// A request without an idempotency key is never compared, and its secrets are not hashed.
    pub async fn with_secrets(
        store: &Store,
        headers: &HeaderMap,
        public: impl Into<String>,
        secrets: String,
    ) -> Fingerprint {
        if !headers.contains_key(IDEMPOTENCY_KEY) {
            return Fingerprint::plain(public);
        }
        let hash = store.hash(&secrets).await;
        Fingerprint { public: public.into(), secrets: Some((secrets, hash)), checked: None }
    }

    /// How this request compares with the one `seen` remembers. A record from before secrets
    /// were kept compares by the public part only.
    fn compare(&self, seen: &Remembered) -> Compared {
        if seen.request != self.public {
            return Compared::Other;
        }
        match (&seen.secrets, &self.secrets, &self.checked) {
            (None, _, _) => Compared::Same,
            (Some(hash), Some(_), Some((checked, matched))) if checked == hash => {
                if *matched {
                    Compared::Same
                } else {
                    Compared::Other
                }
            }
            (Some(hash), Some(_), _) => Compared::Unchecked(hash.clone()),
            (Some(_), None, _) => Compared::Other,
        }
    }
}

enum Compared {
    Same,
    Other,
    /// The secrets remembered under the key, as this hash, are still to be compared.
    Unchecked(String),
}

/// What a keyed write did.
pub enum Keyed {
    Answered(Response),
    /// An answer is remembered under the key, and this request's secrets must be compared with
    /// its hash first, off the lock.
    CheckFirst(String),
}

/// Runs `write` (which calls [`idempotent`]) under the store's lock until it answers. Each
/// [`Keyed::CheckFirst`] is compared on a blocking thread in between; the write then runs once
/// more and finds it compared (a remembered answer never changes).
pub async fn write_keyed(
    store: &Store,
    fingerprint: &mut Fingerprint,
    mut write: impl FnMut(&mut Data, &Fingerprint) -> ApiResult<Keyed>,
) -> ApiResult<Response> {
    loop {
        match store.write(|data| write(data, fingerprint))? {
            Keyed::Answered(response) => return Ok(response),
            Keyed::CheckFirst(theirs) => {
                let matched = match &fingerprint.secrets {
                    Some((plain, _)) => store.verify(plain, &theirs).await,
                    None => false,
                };
                fingerprint.checked = Some((theirs, matched));
            }
        }
    }
}

/// Where the answer to `session`'s request to `what` with idempotency key `key` is remembered.
fn slot(session: &str, what: &str, key: &str) -> String {
    format!("{session}\n{what}\n{key}")
}

/// Runs a create or bind (`what`) of `session` at most once per idempotency key: the same key with
/// the same request gets the first success again; with another request (secrets included),
/// `idempotency_conflict`. Without a key, just runs. Either way only while the session is live: an
/// ended or expired one is `session_expired`, and gets no answer replayed.
pub fn idempotent<T: Serialize>(
    data: &mut Data,
    headers: &HeaderMap,
    (session, now): (&str, u64),
    what: &str,
    request: &Fingerprint,
    run: impl FnOnce(&mut Data) -> Result<T, ApiError>,
) -> ApiResult<Keyed> {
    live_session(data, session, now)?;
    let Some(key) = headers.get(IDEMPOTENCY_KEY) else {
        return Ok(Keyed::Answered(axum::Json(run(data)?).into_response()));
    };
    // A key that is not visible ASCII is a malformed request, not "no key": the client meant one.
    let key = key.to_str().map_err(|_| Failure(ApiError::MalformedRequest))?;
    if key.is_empty() || key.len() > IDEMPOTENCY_KEY_MAX {
        return Err(Failure(ApiError::MalformedRequest));
    }
    let slot = slot(session, what, key);
    if let Some(seen) = data.idempotency.get(&slot) {
        return match request.compare(seen) {
            Compared::Same => {
                let status = StatusCode::from_u16(seen.status).unwrap_or(StatusCode::OK);
                let json = [(header::CONTENT_TYPE, "application/json")];
                Ok(Keyed::Answered((status, json, seen.body.clone()).into_response()))
            }
            Compared::Other => Err(Failure(ApiError::IdempotencyConflict)),
            Compared::Unchecked(theirs) => Ok(Keyed::CheckFirst(theirs)),
        };
    }
    let value = run(data)?;
    let body = serde_json::to_string(&value).map_err(|_| Failure(ApiError::Internal))?;
    let remembered = Remembered {
        request: request.public.clone(),
        secrets: request.secrets.as_ref().map(|(_, hash)| hash.clone()),
        status: 200,
        body: body.clone(),
    };
    data.idempotency.insert(slot, remembered);
    Ok(Keyed::Answered(([(header::CONTENT_TYPE, "application/json")], body).into_response()))
}
