//! sessionStorage, for what must survive a reload of this tab but no longer (drafts without secrets,
//! the Send code countdown). Failures (private mode, quota) are ignored: the page still works.

use activation_core::{
    domain::Identity,
    draft::{
        ActivationDraft, BasicInfoDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft,
    },
    json,
};

/// How a value is kept: as JSON text. What the first screen keeps (the site, the identity, an
/// attempt's key) goes through core's small reader and writer, so that screen's wasm needs no
/// serde_json; the forms' drafts and the Send code countdown, which travel with the pages' chunk
/// (`crate::lazy`), go through serde.
pub trait Stored: Sized {
    fn encode(&self) -> Option<String>;
    fn decode(text: &str) -> Option<Self>;
}

macro_rules! stored_through_core_json {
    ($($ty:ty),*) => {$(
        impl Stored for $ty {
            fn encode(&self) -> Option<String> {
                Some(json::to_string(self))
            }
            fn decode(text: &str) -> Option<Self> {
                json::from_str(text)
            }
        }
    )*};
}

macro_rules! stored_through_serde {
    ($($ty:ty),*) => {$(
        impl Stored for $ty {
            fn encode(&self) -> Option<String> {
                serde_json::to_string(self).ok()
            }
            fn decode(text: &str) -> Option<Self> {
                serde_json::from_str(text).ok()
            }
        }
    )*};
}

stored_through_core_json!(String, Identity);
stored_through_serde!(
    f64,
    (String, f64),
    BasicInfoDraft,
    CompanyDraft,
    ActivationDraft,
    BindAccountDraft,
    CreateWorkspaceDraft
);

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The value stored under `key`, if any and if it still decodes.
pub fn load<T: Stored>(key: &str) -> Option<T> {
    T::decode(&session()?.get_item(key).ok().flatten()?)
}

/// Stores `value` under `key`.
pub fn save<T: Stored>(key: &str, value: &T) {
    if let (Some(storage), Some(text)) = (session(), value.encode()) {
        let _ = storage.set_item(key, &text);
    }
}

pub fn remove(key: &str) {
    if let Some(storage) = session() {
        let _ = storage.remove_item(key);
    }
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
