//! Where a request comes from (SPEC §6). Two checks, each a middleware:
//! - [`same_origin`], on the `/api/v1` routes: a state-changing request (any method but `GET`,
//!   `HEAD` and `OPTIONS`) must come from the console's own page, or from an origin `--cors-origin`
//!   allows, and carry a JSON body or core's [`CLIENT_HEADER`]. Otherwise `cross_site` (403), before
//!   the handler runs, so nothing changes. The hand-offs are not under it: a marketplace's form
//!   posts to them from its own site by design.
//! - [`known_host`], on the developer pages and the simulators: they answer only a `Host` that is
//!   an address of the mock (DNS rebinding: a page on `evil.example` that resolves to 127.0.0.1
//!   would otherwise read `/dev/mailbox.json`, every code). Otherwise a plain 403.

use activation_core::api::{ApiError, CLIENT_HEADER};
use axum::{
    extract::{Request, State},
    http::{HeaderMap, HeaderName, Method, StatusCode, Uri, header},
    middleware::Next,
    response::{IntoResponse, Response},
};

use crate::{AppState, error::Failure};

/// Sent by browsers on every request since 2020 (Chromium 76, Firefox 90, Safari 16.4).
const SEC_FETCH_SITE: HeaderName = HeaderName::from_static("sec-fetch-site");

/// The `Host` values the mock answers its developer pages and simulators to when it listens on
/// `port`: `127.0.0.1:PORT` and `localhost:PORT`, and both without a port, which is what a proxy
/// in front of it sends (`trunk serve` replaces `Host` with its backend's host, without the port).
/// `None`: the bare names only (a test's router, with no port).
pub fn loopback_hosts(port: Option<u16>) -> Vec<String> {
    let names = ["127.0.0.1", "localhost"];
    let mut hosts: Vec<String> = names.iter().map(|n| n.to_string()).collect();
    if let Some(port) = port {
        hosts.extend(names.iter().map(|n| format!("{n}:{port}")));
    }
    hosts
}

/// The request's `Host` (or, in HTTP/2, its URI's authority), if it names one.
fn host<'a>(headers: &'a HeaderMap, uri: &'a Uri) -> Option<&'a str> {
    headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .or_else(|| uri.authority().map(|a| a.as_str()))
}

/// Whether `host` is one of `allowed` (ASCII case aside). A request naming no host at all is not
/// a browser's (every browser sends one), so it is not what DNS rebinding can make.
fn is_known(host: Option<&str>, allowed: &[String]) -> bool {
    host.is_none_or(|host| allowed.iter().any(|a| a.eq_ignore_ascii_case(host)))
}

/// Middleware: answers only requests whose `Host` is one of [`AppState::hosts`].
pub async fn known_host(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if is_known(host(request.headers(), request.uri()), &state.hosts) {
        return next.run(request).await;
    }
    tracing::info!(path = request.uri().path(), "refused: a Host that is not the mock's");
    let message = "This host name is not an address of the mock. Open it as http://127.0.0.1:PORT \
                   or http://localhost:PORT, or start it with --allow-host HOST[:PORT].\n";
    (StatusCode::FORBIDDEN, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], message)
        .into_response()
}

/// Whether a request that changes something may: it comes from our own page (or an origin in
/// `cors_origins`) and carries what a cross-site form cannot (a JSON body or [`CLIENT_HEADER`]).
pub fn may_change(headers: &HeaderMap, uri: &Uri, cors_origins: &[String]) -> bool {
    from_our_page(headers, uri, cors_origins) && not_a_simple_request(headers)
}

fn from_our_page(headers: &HeaderMap, uri: &Uri, cors_origins: &[String]) -> bool {
    let text = |name| headers.get(name).and_then(|v: &axum::http::HeaderValue| v.to_str().ok());
    let origin = text(header::ORIGIN);
    if origin.is_some_and(|o| cors_origins.iter().any(|allowed| allowed == o)) {
        return true;
    }
    if headers.contains_key(SEC_FETCH_SITE) {
        // `none`: the user's own doing (typed, bookmarked), not another page's.
        return matches!(text(SEC_FETCH_SITE), Some("same-origin" | "none"));
    }
    match (origin, host(headers, uri)) {
        // No browser's word on it: a browser sends `Origin` with every POST.
        (None, _) => true,
        (Some(origin), Some(host)) => {
            origin.strip_prefix("http://").is_some_and(|o| o.eq_ignore_ascii_case(host))
        }
        (Some(_), None) => false,
    }
}

/// [`CLIENT_HEADER`] with visible ASCII in it (what the OpenAPI document states), or a JSON body
/// (`application/json`, parameters aside) and no such header at all: a header that is there but
/// not one the app sends is no client of ours.
fn not_a_simple_request(headers: &HeaderMap) -> bool {
    let json = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|media| media.trim().eq_ignore_ascii_case("application/json"));
    match headers.get(CLIENT_HEADER).map(|v| v.to_str().map(str::trim)) {
        Some(Ok(ours)) => !ours.is_empty(),
        Some(Err(_)) => false,
        None => json,
    }
}

/// Middleware on the `/api/v1` routes: a state-changing request that [`may_change`] refuses is
/// `cross_site`, before anything else runs.
pub async fn same_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let reads = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if reads || may_change(request.headers(), request.uri(), &state.cors_origins) {
        return next.run(request).await;
    }
    tracing::info!(path = request.uri().path(), "refused: a cross-site request");
    Failure(ApiError::CrossSite).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut headers = HeaderMap::new();
        for (name, value) in pairs {
            headers.insert(HeaderName::from_static(name), value.parse().unwrap());
        }
        headers
    }

    const JSON: (&str, &str) = ("content-type", "application/json; charset=utf-8");
    const OURS: (&str, &str) = ("x-requested-with", "activation-console");

    fn may(pairs: &[(&'static str, &str)]) -> bool {
        let cors = ["http://127.0.0.1:4000".to_owned()];
        may_change(&headers(pairs), &Uri::from_static("/api/v1/bind/done"), &cors)
    }

    #[test]
    fn our_own_page_may_change_things_with_json_or_the_header() {
        assert!(may(&[("sec-fetch-site", "same-origin"), OURS]));
        assert!(may(&[("sec-fetch-site", "same-origin"), JSON]));
        assert!(may(&[("host", "127.0.0.1:8080"), ("origin", "http://127.0.0.1:8080"), OURS]));
        assert!(may(&[("host", "LOCALHOST:8080"), ("origin", "http://localhost:8080"), JSON]));
        // Outside a browser: no Origin, no Sec-Fetch-Site.
        assert!(may(&[OURS]));
    }

    #[test]
    fn an_allowed_cors_origin_may_change_things() {
        let runner = ("origin", "http://127.0.0.1:4000");
        assert!(may(&[("sec-fetch-site", "same-site"), runner, OURS]));
        assert!(may(&[("host", "127.0.0.1:8080"), runner, JSON]));
    }

    #[test]
    fn another_site_may_not() {
        let evil = ("origin", "https://evil.example");
        assert!(!may(&[("sec-fetch-site", "cross-site"), evil, OURS]));
        assert!(!may(&[("sec-fetch-site", "same-site"), ("origin", "http://127.0.0.1:9"), JSON]));
        assert!(!may(&[("host", "127.0.0.1:8080"), evil, JSON]));
        assert!(!may(&[("host", "127.0.0.1:8080"), ("origin", "null"), OURS]));
        assert!(!may(&[("host", "127.0.0.1:8080"), ("origin", "https://127.0.0.1:8080"), OURS]));
        // Sec-Fetch-Site decides when present, whatever Origin says.
        assert!(!may(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "http://127.0.0.1:8080"),
            OURS
        ]));
    }

    #[test]
    fn a_simple_request_may_not_even_from_our_page() {
        let form = ("content-type", "application/x-www-form-urlencoded");
        assert!(!may(&[("sec-fetch-site", "same-origin")]));
        assert!(!may(&[("sec-fetch-site", "same-origin"), form]));
        assert!(!may(&[("sec-fetch-site", "same-origin"), ("content-type", "text/plain")]));
        assert!(!may(&[("sec-fetch-site", "same-origin"), ("x-requested-with", "")]));
        let mut not_ascii = headers(&[("sec-fetch-site", "same-origin")]);
        let value = axum::http::HeaderValue::from_bytes("×ø".as_bytes()).unwrap();
        not_ascii.insert(HeaderName::from_static("x-requested-with"), value);
        assert!(!may_change(&not_ascii, &Uri::from_static("/"), &[]));
        not_ascii.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
        assert!(!may_change(&not_ascii, &Uri::from_static("/"), &[]));
    }

    #[test]
    fn only_the_mocks_own_hosts_are_known() {
        let ours = loopback_hosts(Some(8080));
        for host in ["127.0.0.1:8080", "localhost:8080", "Localhost:8080", "127.0.0.1", "localhost"]
        {
            assert!(is_known(Some(host), &ours), "{host}");
        }
        for host in
            ["evil.example:8080", "evil.example", "127.0.0.1:8081", "127.0.0.1.evil.example"]
        {
            assert!(!is_known(Some(host), &ours), "{host}");
        }
        assert!(is_known(None, &ours));
    }
}
