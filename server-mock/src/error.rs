//! The one error type of every route: core's [`ApiError`] as the JSON body, with its status; and a
//! JSON extractor whose rejections use the same body.

use activation_core::api::ApiError;
use axum::{
    Json,
    extract::{FromRequest, Request},
    http::StatusCode,
    response::{IntoResponse, Response},
};
use serde::de::DeserializeOwned;

/// A refusal, sent as core's error body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure(pub ApiError);

impl From<ApiError> for Failure {
    fn from(error: ApiError) -> Failure {
        Failure(error)
    }
}

impl From<activation_core::FieldErrors> for Failure {
    fn from(fields: activation_core::FieldErrors) -> Failure {
        Failure(ApiError::InvalidFields { fields })
    }
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let status =
            StatusCode::from_u16(self.0.status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(&self.0)).into_response();
        let retry_after = match self.0 {
            ApiError::CodeSentTooRecently { retry_after_secs }
            | ApiError::RateLimited { retry_after_secs } => Some(retry_after_secs),
            ApiError::Unavailable => Some(1),
            _ => None,
        };
        if let Some(secs) = retry_after {
            response
                .headers_mut()
                .insert(axum::http::header::RETRY_AFTER, axum::http::HeaderValue::from(secs));
        }
        response
    }
}

/// Result of every API handler.
pub type ApiResult<T> = Result<T, Failure>;

/// `Json<T>`, but a body that is not the expected JSON is refused with `malformed_request`, and
/// one over the body limit (axum's, 2 MB) with `too_large` (413).
#[derive(Debug, Clone)]
pub struct Body<T>(pub T);

impl<S, T> FromRequest<S> for Body<T>
where
    T: DeserializeOwned,
    S: Send + Sync,
{
    type Rejection = Failure;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        match Json::<T>::from_request(request, state).await {
            Ok(Json(value)) => Ok(Body(value)),
            Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
                tracing::debug!(%rejection, "request body over the limit");
                Err(Failure(ApiError::TooLarge))
            }
            Err(rejection) => {
                tracing::debug!(%rejection, "malformed request body");
                Err(Failure(ApiError::MalformedRequest))
            }
        }
    }
}

/// Answers a panicking handler with core's `internal` body (and logs it) instead of dropping the
/// connection: the app then shows its "something went wrong" message with **Try again**.
pub fn internal_error_on_panic() -> tower_http::catch_panic::CatchPanicLayer<fn(Panic) -> Response>
{
    tower_http::catch_panic::CatchPanicLayer::custom(answer_panic as fn(Panic) -> Response)
}

/// What a panic carries.
pub type Panic = Box<dyn std::any::Any + Send + 'static>;

fn answer_panic(panic: Panic) -> Response {
    let message = panic
        .downcast_ref::<String>()
        .map(String::as_str)
        .or_else(|| panic.downcast_ref::<&str>().copied())
        .unwrap_or("a panic without a message");
    tracing::error!(message, "a handler panicked");
    Failure(ApiError::Internal).into_response()
}
