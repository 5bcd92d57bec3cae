//! English and Chinese: the language signal, its persistence, and every user-facing string
//! ([`text`] for the screens, `messages` for errors, sites and other values from core).

use leptos::prelude::*;

/// A language the console speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Zh,
}

impl Lang {
    /// The BCP 47 tag for `<html lang>` and storage.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-CN",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "en" => Some(Lang::En),
            "zh-CN" => Some(Lang::Zh),
            _ => None,
        }
    }
}

/// One string in both languages.
#[derive(Debug, Clone, Copy)]
pub struct Tr {
    pub en: &'static str,
    pub zh: &'static str,
}

impl Tr {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Zh => self.zh,
        }
    }
}

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct LangSignal(pub RwSignal<Lang>);

/// Where the chosen language is kept (localStorage: it outlives the tab). `index.html`'s inline
/// script reads the same key and makes the same choice for the skeleton it shows before the wasm runs.
pub const STORAGE_KEY: &str = "activation.lang";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

impl Lang {
    /// The language of a first visit, from the browser's preferred languages
    /// (`navigator.languages`): Chinese when any of them is (`zh`, `zh-CN`, `zh-Hant-TW`…), else
    /// English (SPEC §5).
    pub fn of_browser<S: AsRef<str>>(languages: &[S]) -> Lang {
        let chinese = |tag: &str| {
            let primary = tag.split(['-', '_']).next().unwrap_or_default();
            primary.eq_ignore_ascii_case("zh")
        };
        if languages.iter().any(|tag| chinese(tag.as_ref())) { Lang::Zh } else { Lang::En }
    }
}

/// The browser's preferred languages, most preferred first.
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let listed: Vec<String> =
        navigator.languages().iter().filter_map(|tag| tag.as_string()).collect();
    if listed.is_empty() { navigator.language().into_iter().collect() } else { listed }
}

/// The language the console starts in: the one chosen before (kept in localStorage), else the
/// browser's ([`Lang::of_browser`]).
pub fn initial_lang() -> Lang {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or_else(|| Lang::of_browser(&browser_languages()))
}

thread_local! {
    /// The language shown now, for what has no reactive owner to ask (the API client's
    /// `Accept-Language`, so the mails the backend sends are in it too).
    static CURRENT: std::cell::Cell<Lang> = const { std::cell::Cell::new(Lang::En) };
}

/// The language the console shows now.
pub fn current() -> Lang {
    CURRENT.with(std::cell::Cell::get)
}

/// Starts in [`initial_lang`], provides it, and keeps `<html lang>` in step with it; a language
/// the user picks is remembered (the browser's guess is not stored, so it keeps following the
/// browser until the user chooses).
pub fn provide_lang() {
    let initial = initial_lang();
    // `<html lang>` is right from the first frame (screen readers, and the CJK font choice), not
    // only once the effect below has run.
    set_document_lang(initial);
    let lang = RwSignal::new(initial);
    provide_context(LangSignal(lang));
    Effect::new(move |previous: Option<Lang>| {
        let lang = lang.get();
        // A change from the language started in (also one made before this first ran) is a choice.
        let chosen = previous.unwrap_or(initial) != lang;
        if chosen && let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.tag());
        }
        set_document_lang(lang);
        lang
    });
}

fn set_document_lang(lang: Lang) {
    CURRENT.with(|current| current.set(lang));
    if let Some(html) = document().document_element() {
        let _ = html.set_attribute("lang", lang.tag());
    }
}

/// The language signal from context.
pub fn use_lang() -> RwSignal<Lang> {
    expect_context::<LangSignal>().0
}

/// A reactive closure giving `text` in the current language.
pub fn t(text: Tr) -> impl Fn() -> &'static str + Copy + Send + Sync + 'static {
    let lang = use_lang();
    move || text.get(lang.get())
}

mod field_messages;
mod messages;
pub mod text;

pub use field_messages::{field_error, field_label};
pub use messages::{
    api_error, billing_workspace_state, client_error, industry_name, resend_in, settlement_text,
    site_name, step_name, token_problem, workspace_language_name, workspace_state,
};
