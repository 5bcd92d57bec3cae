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

    fn from_tag(tag: &str) -> Option<Lang> {
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

const STORAGE_KEY: &str = "activation.lang";

fn storage() -> Option<web_sys::Storage> {
    window().local_storage().ok().flatten()
}

/// Reads the remembered language (English when none), provides it, and keeps storage and
/// `<html lang>` in step with it.
pub fn provide_lang() {
    let saved = storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|tag| Lang::from_tag(&tag))
        .unwrap_or(Lang::En);
    // `<html lang>` is right from the first frame (screen readers, and the CJK font choice), not
    // only once the effect below has run.
    set_document_lang(saved);
    let lang = RwSignal::new(saved);
    provide_context(LangSignal(lang));
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.tag());
        }
        set_document_lang(lang);
    });
}

fn set_document_lang(lang: Lang) {
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
    api_error, client_error, industry_name, settlement_text, site_name, step_name,
    workspace_language_name, workspace_state,
};
