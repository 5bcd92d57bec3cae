//! The language of a mail the mock sends: the one the user was reading when they asked for it
//! (SPEC §5). The app sends its UI language as `Accept-Language` on every call; the mailbox's
//! JSON has no language of its own (SPEC §2 fixes its fields), so the language shows in the
//! subject.

use std::convert::Infallible;

use axum::{
    extract::FromRequestParts,
    http::{HeaderMap, header, request::Parts},
};

/// A language the mails are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MailLang {
    #[default]
    En,
    Zh,
}

impl MailLang {
    /// The language of an `Accept-Language` value: of the languages we write, the one it prefers
    /// (the highest `q`; the first of equals); English when it names neither.
    pub fn from_accept_language(value: &str) -> MailLang {
        let mut best: Option<(f32, MailLang)> = None;
        for item in value.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default().trim();
            let q = parts
                .filter_map(|p| p.trim().strip_prefix("q="))
                .find_map(|q| q.trim().parse::<f32>().ok())
                .unwrap_or(1.0);
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            let lang = if primary.eq_ignore_ascii_case("zh") {
                MailLang::Zh
            } else if primary.eq_ignore_ascii_case("en") {
                MailLang::En
            } else {
                continue;
            };
            if q > 0.0 && best.is_none_or(|(top, _)| q > top) {
                best = Some((q, lang));
            }
        }
        best.map_or(MailLang::En, |(_, lang)| lang)
    }

    /// The language a request's `Accept-Language` asks for.
    pub fn of(headers: &HeaderMap) -> MailLang {
        headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|value| value.to_str().ok())
            .map_or(MailLang::En, MailLang::from_accept_language)
    }

    /// `en` or `zh`, whichever is this language's.
    pub fn pick<'a>(self, en: &'a str, zh: &'a str) -> &'a str {
        match self {
            MailLang::En => en,
            MailLang::Zh => zh,
        }
    }
}

/// Taken from the request's `Accept-Language`; never refuses.
impl<S: Send + Sync> FromRequestParts<S> for MailLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<MailLang, Infallible> {
        Ok(MailLang::of(&parts.headers))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_app_s_own_tags_are_taken_as_they_are() {
        assert_eq!(MailLang::from_accept_language("zh-CN"), MailLang::Zh);
        assert_eq!(MailLang::from_accept_language("en"), MailLang::En);
    }

    #[test]
    fn a_browser_s_list_gives_its_most_preferred_language_we_write() {
        for (value, expected) in [
            ("zh-CN,zh;q=0.9,en;q=0.8", MailLang::Zh),
            ("en-US,en;q=0.9,zh-CN;q=0.8", MailLang::En),
            ("de-DE,zh-TW;q=0.7,en;q=0.5", MailLang::Zh),
            ("en;q=0.4, zh_Hans;q=0.6", MailLang::Zh),
            ("ZH", MailLang::Zh),
            ("zh;q=0, en", MailLang::En),
        ] {
            assert_eq!(MailLang::from_accept_language(value), expected, "{value}");
        }
    }

    #[test]
    fn nothing_we_write_or_nonsense_means_english() {
        for value in ["", "fr-FR,de;q=0.5", "*", ";;;", "zhx-CN", "q=1"] {
            assert_eq!(MailLang::from_accept_language(value), MailLang::En, "{value:?}");
        }
    }
}
