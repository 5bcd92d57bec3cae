//! The typed client of the backend API; wire types come from `activation_core::api`.

use activation_core::api::{Health, paths};

/// Where the backend lives: empty for the page's own origin (the product), or an absolute origin.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ApiBase(pub String);

impl ApiBase {
    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.0.trim_end_matches('/'))
    }
}

/// Why a request did not give the expected answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The request never got an HTTP answer (offline, refused, CORS).
    Network,
    /// The backend answered with an unexpected status or body.
    Server(u16),
}

/// `GET /api/health`.
pub async fn health(base: &ApiBase) -> Result<Health, ApiError> {
    let response = gloo_net::http::Request::get(&base.url(paths::HEALTH))
        .send()
        .await
        .map_err(|_| ApiError::Network)?;
    if !response.ok() {
        return Err(ApiError::Server(response.status()));
    }
    response
        .json::<Health>()
        .await
        .map_err(|_| ApiError::Server(response.status()))
}
