//! A tiny HTML page shell for the simulator and dev pages: server-rendered, no scripts, so they work
//! under the CSP and without the wasm app.

use activation_core::FieldError;
use axum::{
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

/// Escapes text for HTML content and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A whole page: `title` as `<title>` and `<h1>`, `intro` under it, then `body` (already HTML).
pub fn render(title: &str, intro: &str, body: &str) -> String {
    render_with_head(title, intro, body, "")
}

/// A page that goes on to `next` by itself after `secs` seconds (a meta refresh: no script).
pub fn render_continuing(title: &str, intro: &str, body: &str, next: &str, secs: u32) -> String {
    let head = format!("<meta http-equiv=\"refresh\" content=\"{secs};url={}\">", escape(next));
    render_with_head(title, intro, body, &head)
}

fn render_with_head(title: &str, intro: &str, body: &str, head: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">{head}\
<title>{title}</title><link rel=\"stylesheet\" href=\"/marketplace/sim.css\"></head>\
<body><main><p class=\"banner\">Simulator: local development only</p><h1>{title}</h1><p>{intro}</p>{body}</main></body></html>",
        title = escape(title),
        intro = escape(intro),
    )
}

/// The stylesheet of the simulator pages (served at `/marketplace/sim.css`, since the CSP forbids
/// inline styles).
pub const CSS: &str = "body{font-family:system-ui,sans-serif;margin:0;background:#f5f5f5;color:#222}\
main{max-width:640px;margin:24px auto;padding:24px;background:#fff;border-radius:8px}\
.banner{background:#fff4ce;padding:6px 10px;border-radius:4px;font-size:.9em}\
label{display:block;font-weight:600;margin:12px 0 4px}input{font:inherit;padding:8px;width:100%;box-sizing:border-box}\
button{font:inherit;margin-top:16px;padding:10px 18px;border:0;border-radius:4px;background:#ff9900;color:#111;cursor:pointer}\
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:6px;text-align:left}\
.hint{color:#555;font-size:.9em;margin:4px 0}.error{color:#b00020;font-weight:600;margin:4px 0}\
input[aria-invalid=true]{border:2px solid #b00020}\
.check{display:flex;gap:8px;align-items:center;font-weight:400}.check input{width:auto;margin:0}\
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 12px}dt{font-weight:600}dd{margin:0}";

/// An HTML page the browser must not cache (simulator pages carry fresh IDs and tokens).
pub fn html(status: StatusCode, page: String) -> Response {
    (status, [(header::CACHE_CONTROL, "no-store")], axum::response::Html(page)).into_response()
}

/// Percent-encodes a query parameter value (everything but RFC 3986's unreserved characters).
pub fn encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// A hidden form field.
pub fn hidden(name: &str, value: &str) -> String {
    format!("<input type=\"hidden\" name=\"{}\" value=\"{}\">", escape(name), escape(value))
}

/// A form with `fields` (already HTML) and one submit button labelled `button`.
pub fn form(method: &str, action: &str, fields: &str, button: &str) -> String {
    format!(
        "<form method=\"{method}\" action=\"{}\">{fields}<button type=\"submit\">{}</button></form>",
        escape(action),
        escape(button)
    )
}

/// The **Cloud account ID** field (`name="account_id"`), with its rule as a hint and, if the
/// typed value was refused, the error next to it.
pub fn account_field(value: &str, rule: &str, error: Option<&str>) -> String {
    let (invalid, described, message) = match error {
        Some(error) => (
            " aria-invalid=\"true\"",
            " account_id-error",
            format!(
                "<p class=\"error\" id=\"account_id-error\" role=\"alert\">{}</p>",
                escape(error)
            ),
        ),
        None => ("", "", String::new()),
    };
    format!(
        "<label for=\"account_id\">Cloud account ID</label>{message}\
<input id=\"account_id\" name=\"account_id\" value=\"{}\" autocomplete=\"off\" spellcheck=\"false\" \
aria-describedby=\"account_id-hint{described}\"{invalid}>\
<p class=\"hint\" id=\"account_id-hint\">{}</p>",
        escape(value),
        escape(rule)
    )
}

/// A labelled input `name` (its `id` too) of `kind` (`text`, `password`, …) holding `value`, with
/// an optional hint and, if it was refused, the error next to it.
pub fn field(
    name: &str,
    label: &str,
    kind: &str,
    value: &str,
    hint: Option<&str>,
    error: Option<&str>,
) -> String {
    let mut described = Vec::new();
    let hint = hint.map_or_else(String::new, |hint| {
        described.push(format!("{name}-hint"));
        format!("<p class=\"hint\" id=\"{name}-hint\">{}</p>", escape(hint))
    });
    let (invalid, message) = match error {
        Some(error) => {
            described.push(format!("{name}-error"));
            (
                " aria-invalid=\"true\"",
                format!(
                    "<p class=\"error\" id=\"{name}-error\" role=\"alert\">{}</p>",
                    escape(error)
                ),
            )
        }
        None => ("", String::new()),
    };
    let described = if described.is_empty() {
        String::new()
    } else {
        format!(" aria-describedby=\"{}\"", described.join(" "))
    };
    format!(
        "<label for=\"{name}\">{}</label>{message}<input id=\"{name}\" name=\"{name}\" \
type=\"{kind}\" value=\"{}\" autocomplete=\"off\" spellcheck=\"false\"{described}{invalid}>{hint}",
        escape(label),
        escape(value),
    )
}

/// A checkbox or radio button (`kind`) `name=value` with its label, ticked or not.
pub fn choice(kind: &str, id: &str, name: &str, value: &str, label: &str, ticked: bool) -> String {
    let checked = if ticked { " checked" } else { "" };
    format!(
        "<label class=\"check\" for=\"{id}\"><input type=\"{kind}\" id=\"{id}\" name=\"{}\" \
value=\"{}\"{checked}>{}</label>",
        escape(name),
        escape(value),
        escape(label)
    )
}

/// An error about the whole form, shown above it.
pub fn form_error(error: Option<&str>) -> String {
    error.map_or_else(String::new, |error| {
        format!("<p class=\"error\" role=\"alert\">{}</p>", escape(error))
    })
}

/// Why a typed cloud account ID was refused, in words: `what` names the ID ("AWS account ID"),
/// `rule` says what it looks like.
pub fn account_error(error: FieldError, what: &str, rule: &str) -> String {
    let reason = match error {
        FieldError::Required => format!("Enter the {what}."),
        FieldError::ContainsWhitespace => format!("The {what} cannot contain spaces."),
        FieldError::DigitsOnly => format!("The {what} can contain digits only."),
        FieldError::HexOnly => {
            format!("The {what} can contain only the hex digits 0-9 and a-f.")
        }
        FieldError::WrongLength { len } => {
            format!("The {what} must be exactly {len} characters long.")
        }
        _ => format!("This is not a valid {what}."),
    };
    format!("{reason} {rule}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
