//! The mock's cookies: an activation session, a console login and a Billing Center login. All
//! `__Host-` cookies (so `Secure`, `Path=/` and no `Domain`: no sibling host or subdomain can set
//! or shadow them), HttpOnly and SameSite=Lax; the app never reads them. Browsers take `Secure`
//! cookies from http://127.0.0.1 and http://localhost, where the mock serves.

use axum::http::{HeaderMap, HeaderValue, header};

/// The activation session opened by a marketplace hand-off.
pub const ACTIVATION: &str = "__Host-activation_session";
/// A signed-in console user.
pub const CONSOLE: &str = "__Host-console_session";
/// A signed-in Billing Center account.
pub const BILLING: &str = "__Host-billing_session";
/// A password recovery (Forgot password?): its ticket, so its code verifies only in this browser.
pub const RECOVERY: &str = "__Host-password_recovery";
/// Huawei: the OAuth2 `state` of the unified login this browser started (our hand-off's start).
pub const HUAWEI_STATE: &str = "__Host-huawei_login_state";

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
        "{name}={value}; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age={max_age}"
    ))
    .expect("cookie names and hex values are valid header text")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_a_cookie_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; __Host-activation_session=abc; b=2"),
        );
        assert_eq!(get(&headers, ACTIVATION).as_deref(), Some("abc"));
        assert_eq!(get(&headers, CONSOLE), None);
    }

    #[test]
    fn cookies_are_host_only_secure_http_only_and_same_site_lax() {
        for name in [ACTIVATION, CONSOLE, BILLING] {
            let value = set(name, "abc", 60);
            let text = value.to_str().unwrap();
            let attributes: Vec<&str> = text.split("; ").skip(1).collect();
            assert!(
                text.starts_with(&format!("__Host-{}=abc;", name.trim_start_matches("__Host-")))
            );
            for wanted in ["Path=/", "Secure", "HttpOnly", "SameSite=Lax", "Max-Age=60"] {
                assert!(attributes.contains(&wanted), "{wanted} missing in {text}");
            }
            assert!(!text.to_ascii_lowercase().contains("domain="), "{text}");
        }
    }
}
