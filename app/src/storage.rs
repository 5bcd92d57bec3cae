//! sessionStorage, for what must survive a reload of this tab but no longer (drafts without secrets,
//! the Send code countdown). Values are kept as JSON (serde_json). Failures (private mode, quota) are
//! ignored: the page still works.

use serde::{Serialize, de::DeserializeOwned};

fn session() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The value stored under `key`, if any and if it still decodes.
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    serde_json::from_str(&session()?.get_item(key).ok().flatten()?).ok()
}

/// Stores `value` under `key`.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (session(), serde_json::to_string(value)) {
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
