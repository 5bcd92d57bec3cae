//! The one error body of every refusal, its closed set of codes, and the HTTP status each is sent
//! with. Read by `tagged.rs` (its `Deserialize`).

use serde::Serialize;

use crate::{
    field::{FieldError, FieldErrors, FieldId},
    flow::{FlowError, Step, TokenProblem},
};

/// The error body of every refusal; `code` names it. Closed: the app has a message for each.
/// Read by `tagged.rs`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum ApiError {
    /// One or more fields are invalid.
    InvalidFields {
        fields: FieldErrors,
    },
    /// The body is not the JSON this route takes.
    MalformedRequest,
    /// A marketplace hand-off was refused.
    Token {
        problem: TokenProblem,
    },
    /// The verification code is wrong; `tries_left` more attempts.
    CodeWrong {
        tries_left: u8,
    },
    /// The code is older than 10 minutes, or already used.
    CodeExpired,
    /// Five wrong tries: the code is dead.
    CodeLocked,
    /// No code was sent to this address.
    CodeNotSent,
    /// Send code was pressed again within 60 s.
    CodeSentTooRecently {
        retry_after_secs: u32,
    },
    UsernameTaken,
    EmailTaken,
    WorkspaceNameTaken,
    /// No Billing Center account has this username.
    UnknownAccount,
    /// The cloud account already settles for another Billing Center account.
    CloudAccountAlreadyBound,
    /// Change settlement method: the cloud account is bound to no Billing Center account yet;
    /// bind it first (from the marketplace), then it can settle this account's workspaces.
    CloudAccountNotBound,
    /// The workspace is settled by another cloud account.
    WorkspaceSettledElsewhere,
    /// The step's prerequisites are not done (e.g. company info before basic info).
    WrongStep {
        expected: Step,
    },
    NotFound,
    /// The path exists, but not for this method (e.g. `GET` on a `POST` route).
    MethodNotAllowed,
    /// No session, or it expired: start again from the marketplace.
    SessionExpired,
    /// Wrong username or password.
    BadCredentials,
    /// Not signed in, or not allowed to see this.
    Unauthorized,
    /// Too many requests (e.g. five codes an hour, login failures).
    RateLimited {
        retry_after_secs: u32,
    },
    /// The idempotency key was used with another request body.
    IdempotencyConflict,
    /// Huawei's Log in directly, but this member linked no Guance account of its own when
    /// activating: the buyer signs in with a username and password instead.
    DirectLoginUnavailable,
    /// The service is temporarily unavailable (503).
    Unavailable,
    Internal,
    /// A state-changing request from another site (its `Origin` or `Sec-Fetch-Site`), or without
    /// a JSON body or the [`CLIENT_HEADER`](super::CLIENT_HEADER): refused, nothing changed.
    CrossSite,
    /// The body is larger than the backend takes.
    TooLarge,
}

/// A transition the flow refuses, as the backend answers it.
impl From<FlowError> for ApiError {
    fn from(error: FlowError) -> ApiError {
        match error {
            // The cloud account was bound before this session: no register or bind path at all.
            FlowError::NotReached { expected: Step::AlreadyBound } => {
                ApiError::CloudAccountAlreadyBound
            }
            FlowError::NotReached { expected } => ApiError::WrongStep { expected },
            FlowError::NothingBound => ApiError::WrongStep { expected: Step::BindWorkspaces },
            FlowError::Illegal { step, .. } => ApiError::WrongStep { expected: step },
            FlowError::DirectLoginNotOffered { .. } => ApiError::Unauthorized,
        }
    }
}

impl ApiError {
    /// The HTTP status this error is sent with.
    pub fn status(&self) -> u16 {
        match self {
            ApiError::InvalidFields { .. } | ApiError::MalformedRequest => 422,
            ApiError::Token { .. } => 400,
            ApiError::CodeWrong { .. }
            | ApiError::CodeExpired
            | ApiError::CodeLocked
            | ApiError::CodeNotSent => 422,
            ApiError::CodeSentTooRecently { .. } | ApiError::RateLimited { .. } => 429,
            ApiError::UsernameTaken
            | ApiError::EmailTaken
            | ApiError::WorkspaceNameTaken
            | ApiError::CloudAccountAlreadyBound
            | ApiError::CloudAccountNotBound
            | ApiError::WorkspaceSettledElsewhere
            | ApiError::WrongStep { .. }
            | ApiError::IdempotencyConflict
            | ApiError::DirectLoginUnavailable => 409,
            ApiError::UnknownAccount | ApiError::NotFound => 404,
            ApiError::MethodNotAllowed => 405,
            ApiError::SessionExpired | ApiError::BadCredentials | ApiError::Unauthorized => 401,
            ApiError::Unavailable => 503,
            ApiError::Internal => 500,
            ApiError::CrossSite => 403,
            ApiError::TooLarge => 413,
        }
    }

    /// The field errors this refusal puts next to fields (possibly none).
    pub fn field_errors(&self) -> FieldErrors {
        let single = |field, error| FieldErrors::single(field, error);
        match self {
            ApiError::InvalidFields { fields } => fields.clone(),
            ApiError::CodeWrong { tries_left } => {
                single(FieldId::VerificationCode, FieldError::CodeWrong { tries_left: *tries_left })
            }
            ApiError::CodeExpired => single(FieldId::VerificationCode, FieldError::CodeExpired),
            ApiError::CodeLocked => single(FieldId::VerificationCode, FieldError::CodeLocked),
            ApiError::CodeNotSent => single(FieldId::VerificationCode, FieldError::CodeNotSent),
            ApiError::UsernameTaken => single(FieldId::Username, FieldError::Taken),
            ApiError::EmailTaken => single(FieldId::Email, FieldError::Taken),
            ApiError::WorkspaceNameTaken => {
                single(FieldId::WorkspaceName, FieldError::WorkspaceNameTaken)
            }
            ApiError::UnknownAccount => single(FieldId::Username, FieldError::UnknownAccount),
            _ => FieldErrors::new(),
        }
    }

    /// Whether sending the same request again at once may succeed (the service hiccuped). A rate
    /// limit is not: its message says how long to wait.
    pub fn is_retryable(&self) -> bool {
        matches!(self, ApiError::Unavailable | ApiError::Internal)
    }
}

impl From<FieldErrors> for ApiError {
    fn from(fields: FieldErrors) -> ApiError {
        ApiError::InvalidFields { fields }
    }
}
