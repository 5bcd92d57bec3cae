//! English and Chinese: the language signal, its persistence, and every user-facing string.

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
    let lang = RwSignal::new(saved);
    provide_context(LangSignal(lang));
    Effect::new(move |_| {
        let lang = lang.get();
        if let Some(s) = storage() {
            let _ = s.set_item(STORAGE_KEY, lang.tag());
        }
        if let Some(html) = document().document_element() {
            let _ = html.set_attribute("lang", lang.tag());
        }
    });
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

/// Every user-facing string.
pub mod text {
    use super::Tr;

    macro_rules! tr {
        ($($name:ident = $en:literal, $zh:literal;)*) => {
            $(pub const $name: Tr = Tr { en: $en, zh: $zh };)*
        };
    }

    tr! {
        PRODUCT = "Guance Commercial Plan activation", "观测云商业版开通";
        LANGUAGE = "Language", "语言";
        HOME_TITLE = "Activate your Guance Commercial Plan", "开通观测云商业版";
        HOME_INTRO = "You arrive here from AWS Marketplace, Alibaba Cloud Marketplace or Huawei Cloud KooGallery after buying the Guance Commercial Plan. Open the Guance service from your marketplace's purchased-services list to start.",
            "在 AWS Marketplace、阿里云云市场或华为云云商店购买观测云商业版后，您将来到此页面。请从云市场的已购服务列表中打开观测云服务以开始。";
        BACKEND_CHECKING = "Checking the connection to the service…", "正在检查与服务的连接…";
        BACKEND_OK = "The service is reachable.", "服务连接正常。";
        BACKEND_DOWN = "The service cannot be reached. Check your network connection and try again.",
            "无法连接到服务。请检查网络连接后重试。";
        TRY_AGAIN = "Try again", "重试";
        NOT_FOUND_TITLE = "Page not found", "页面不存在";
        NOT_FOUND_BODY = "There is no page at this address. It may have moved, or the link may be incomplete.",
            "此地址没有页面。页面可能已移动，或链接不完整。";
        BACK_HOME = "Go to the start page", "返回首页";
    }
}
