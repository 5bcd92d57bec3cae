//! Who may call a route: the [`Access`] its row in the route table names. [`guard`] puts the row's
//! check in front of the handler: a request without the cookie is refused before the handler
//! runs, and the handler gets the cookie's value only through [`SessionCookie`] or [`LoginCookie`],
//! which the check alone provides (on a route whose row does not name the cookie, they answer
//! `internal`). So the table, and the OpenAPI document made from it, is the truth about which
//! routes need which cookie. (Logout, open to anyone, ends whichever logins the request carries.)

use activation_core::api::ApiError;
use axum::{
    extract::{FromRequestParts, Request, State},
    http::request::Parts,
    middleware::{self, Next},
    response::{IntoResponse, Response},
    routing::MethodRouter,
};

use crate::{AppState, cookies, error::Failure};

/// Who may call a route.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Access {
    /// Anyone.
    Open,
    /// A buyer in an activation session (its cookie); without one, `session_expired`.
    Session,
    /// Someone signed in to `Login` (its cookie); without one, `unauthorized`.
    SignedIn(Login),
}

impl Access {
    /// The cookie this access needs, if any.
    pub fn cookie(self) -> Option<&'static str> {
        match self {
            Access::Open => None,
            Access::Session => Some(cookies::ACTIVATION),
            Access::SignedIn(login) => Some(login.cookie()),
        }
    }
}

/// The two logins, each with its own cookie.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Login {
    /// The Guance console.
    Console,
    /// The Billing Center.
    Billing,
}

impl Login {
    pub fn cookie(self) -> &'static str {
        match self {
            Login::Console => cookies::CONSOLE,
            Login::Billing => cookies::BILLING,
        }
    }
}

/// The activation session ID the request's cookie names. Whether that session is still live is
/// the store's to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SessionCookie(pub String);

/// The login token the request's cookie names, and which login it is for. Whether it is still
/// signed in is the store's to say.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoginCookie {
    pub login: Login,
    pub token: String,
}

/// `served`, behind the check `access` names.
pub fn guard(access: Access, served: MethodRouter<AppState>) -> MethodRouter<AppState> {
    match access {
        Access::Open => served,
        Access::Session | Access::SignedIn(_) => {
            served.route_layer(middleware::from_fn_with_state(access, check))
        }
    }
}

/// Refuses a request without the cookie `access` needs; hands the cookie on to the handler.
async fn check(State(access): State<Access>, mut request: Request, next: Next) -> Response {
    let value = access.cookie().and_then(|name| cookies::get(request.headers(), name));
    let extensions = request.extensions_mut();
    match (access, value) {
        (Access::Open, _) => {}
        (Access::Session, Some(id)) => {
            extensions.insert(SessionCookie(id));
        }
        (Access::SignedIn(login), Some(token)) => {
            extensions.insert(LoginCookie { login, token });
        }
        (Access::Session, None) => return Failure(ApiError::SessionExpired).into_response(),
        (Access::SignedIn(_), None) => return Failure(ApiError::Unauthorized).into_response(),
    }
    next.run(request).await
}

/// What a handler gets when it reads a cookie its route's row does not name: a bug in the table,
/// answered `internal` (and logged) rather than served without the check.
fn not_in_the_table(cookie: &str) -> Failure {
    tracing::error!(cookie, "a handler reads a cookie its route's Access does not name");
    Failure(ApiError::Internal)
}

impl<S: Send + Sync> FromRequestParts<S> for SessionCookie {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get().cloned().ok_or_else(|| not_in_the_table(cookies::ACTIVATION))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for LoginCookie {
    type Rejection = Failure;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts.extensions.get().cloned().ok_or_else(|| not_in_the_table("a login cookie"))
    }
}

#[cfg(test)]
mod tests {
    use axum::{
        Router,
        body::Body,
        http::{Request, StatusCode, header},
        routing::get,
    };
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    use super::*;

    async fn echo_session(SessionCookie(id): SessionCookie) -> String {
        id
    }

    async fn echo_login(cookie: LoginCookie) -> String {
        format!("{:?} {}", cookie.login, cookie.token)
    }

    /// `handler` at `/` behind `access`, asked with `cookie` (if any): the status and the body.
    async fn ask(
        access: Access,
        served: MethodRouter<AppState>,
        cookie: Option<&str>,
    ) -> (StatusCode, String) {
        let app = Router::new().route("/", guard(access, served)).with_state(AppState::default());
        let mut request = Request::get("/");
        if let Some(cookie) = cookie {
            request = request.header(header::COOKIE, cookie);
        }
        let response = app.oneshot(request.body(Body::empty()).unwrap()).await.unwrap();
        let status = response.status();
        let body = response.into_body().collect().await.unwrap().to_bytes();
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    fn error_of(body: &str) -> ApiError {
        serde_json::from_str(body).unwrap()
    }

    #[tokio::test]
    async fn a_session_route_hands_its_handler_the_cookie() {
        let (status, body) =
            ask(Access::Session, get(echo_session), Some("other=1; __Host-activation_session=s1"))
                .await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "s1"));
    }

    #[tokio::test]
    async fn a_session_route_without_the_cookie_is_refused_before_its_handler() {
        for cookie in [None, Some("__Host-console_session=c1")] {
            let (_, body) = ask(Access::Session, get(echo_session), cookie).await;
            assert_eq!(error_of(&body), ApiError::SessionExpired, "{cookie:?}");
        }
    }

    #[tokio::test]
    async fn a_login_route_takes_only_its_own_login_cookie() {
        let billing = Access::SignedIn(Login::Billing);
        let (status, body) = ask(billing, get(echo_login), Some("__Host-billing_session=b1")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "Billing b1"));
        let (_, body) = ask(billing, get(echo_login), Some("__Host-console_session=c1")).await;
        assert_eq!(error_of(&body), ApiError::Unauthorized);
        let console = Access::SignedIn(Login::Console);
        let (status, body) = ask(console, get(echo_login), Some("__Host-console_session=c1")).await;
        assert_eq!((status, body.as_str()), (StatusCode::OK, "Console c1"));
    }

    #[tokio::test]
    async fn a_handler_cannot_read_a_cookie_its_row_does_not_name() {
        let cookie = Some("__Host-activation_session=s1; __Host-console_session=c1");
        let (_, body) = ask(Access::Open, get(echo_session), cookie).await;
        assert_eq!(error_of(&body), ApiError::Internal);
        let (_, body) = ask(Access::Session, get(echo_login), cookie).await;
        assert_eq!(error_of(&body), ApiError::Internal);
    }
}
