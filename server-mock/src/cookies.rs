//! The mock's cookies: an activation session, a console login and a Billing Center login. All
//! HttpOnly and SameSite=Lax; the app never reads them.

use axum::http::{HeaderMap, HeaderValue, header};

/// The activation session opened by a marketplace hand-off.
pub const ACTIVATION: &str = "activation_session";
/// A signed-in console user.
pub const CONSOLE: &str = "console_session";
/// A signed-in Billing Center account.
pub const BILLING: &str = "billing_session";

/// The value of cookie `name` in the request.
pub fn get(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(key, _)| *key == name)
        .map(|(_, value)| value.to_owned())
}

/// A `Set-Cookie` value for `name=value` living `max_age` seconds (0 deletes it).
pub fn set(name: &str, value: &str, max_age: u64) -> HeaderValue {
    HeaderValue::from_str(&format!(
        "{name}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}"
    ))
    .expect("cookie names and hex values are valid header text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers
            .insert(header::COOKIE, HeaderValue::from_static("a=1; activation_session=abc; b=2"));
        assert_eq!(get(&headers, ACTIVATION).as_deref(), Some("abc"));
        assert_eq!(get(&headers, CONSOLE), None);
    }

    #[test]
    fn cookies_are_http_only_and_same_site_lax() {
        let value = set(ACTIVATION, "abc", 60);
        let text = value.to_str().unwrap();
        assert!(text.contains("HttpOnly"));
        assert!(text.contains("SameSite=Lax"));
        assert!(text.starts_with("activation_session=abc;"));
    }
}
