//! A fake backend for the browser tests: `window.fetch` answers from a table of routes
//! ("METHOD /path" → status and JSON body; status 0 never answers) after a delay, and refuses (a
//! network error) anything else. Like the real fetch, it rejects a request whose signal aborts.
//! Every call is recorded as "METHOD /path [idempotency-key]" and with its `Accept-Language` as it
//! is made, and its request body as sent before it is answered.

use js_sys::{Array, Function, Reflect};
use leptos::prelude::window;
use wasm_bindgen::{JsCast, JsValue};

const INSTALL: &str = r#"
if (!window.__realFetch) window.__realFetch = window.fetch;
// This install's records: a call still under way from an earlier test lands in that test's.
const calls = window.__calls = [];
const bodies = window.__bodies = [];
const languages = window.__languages = [];
window.__routes = {};
let recorded = Promise.resolve();
window.fetch = (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const name = request.method + ' ' + new URL(request.url).pathname;
    languages.push(name + ' ' + request.headers.get('accept-language'));
    const key = request.headers.get('idempotency-key');
    calls.push(key ? name + ' ' + key : name);
    // The body is recorded (in the order of the calls) before the call is answered: whatever a
    // test sees come of the answer, the body is in.
    if (request.method !== 'GET') {
        const read = request.clone().text().catch(() => '');
        recorded = recorded.then(() => read).then((body) => { if (body) bodies.push(body); });
    }
    const answered = recorded;
    // Status 0: a request that is never answered (the page waits as long as it likes), unless
    // it is aborted: as the real fetch, an aborted request rejects with an AbortError.
    return answered.then(() => new Promise((resolve, reject) => {
        const abort = () => reject(new DOMException('The request was aborted', 'AbortError'));
        if (request.signal.aborted) return abort();
        request.signal.addEventListener('abort', abort);
        if (window.__routes[name] && window.__routes[name][0] === 0) return;
        setTimeout(() => {
        const route = window.__routes[name];
        if (request.signal.aborted) return;
        if (!route) {
            reject(new TypeError('Failed to fetch'));
            return;
        }
        resolve(new Response(route[0] === 204 ? null : route[1], {
            status: route[0],
            headers: { 'content-type': 'application/json' },
        }));
        }, delay);
    }));
};
"#;

const UNINSTALL: &str = "if (window.__realFetch) window.fetch = window.__realFetch;";

/// The fake, installed until dropped.
pub struct Fake;

impl Fake {
    /// Installs the fake with no routes; every answer comes after `delay_ms`.
    pub fn install(delay_ms: u32) -> Fake {
        Function::new_with_args("delay", INSTALL).call1(&JsValue::NULL, &delay_ms.into()).unwrap();
        Fake
    }

    /// Installs the fake answering at once from `routes` (name, status, body).
    pub fn answering(routes: &[(&str, u16, &str)]) -> Fake {
        let fake = Fake::install(0);
        for (name, status, body) in routes {
            fake.route(name, *status, body);
        }
        fake
    }

    /// Answers `name` ("POST /api/v1/...") with `status` and `body` from now on.
    pub fn route(&self, name: &str, status: u16, body: &str) {
        let routes = global("__routes");
        let answer = Array::of2(&status.into(), &body.into());
        Reflect::set(&routes, &name.into(), &answer).unwrap();
    }

    /// Answers the workspace list with `(id, name, state)` workspaces.
    pub fn list(&self, workspaces: &[(&str, &str, &str)]) {
        let items: Vec<String> =
            workspaces.iter().map(|(id, name, state)| workspace(id, name, state)).collect();
        let body = format!(r#"{{"workspaces":[{}]}}"#, items.join(","));
        self.route("GET /api/v1/bind/workspaces", 200, &body);
    }

    /// Every call so far, oldest first.
    pub fn calls(&self) -> Vec<String> {
        strings("__calls")
    }

    /// How many calls so far start with `call` ("POST /api/v1/codes": with or without a key).
    pub fn count(&self, call: &str) -> usize {
        self.calls().iter().filter(|c| c.starts_with(call)).count()
    }

    /// Every request body so far, oldest first.
    pub fn bodies(&self) -> Vec<String> {
        strings("__bodies")
    }

    /// Every call so far with its `Accept-Language` ("POST /api/v1/codes zh-CN"), oldest first.
    pub fn languages(&self) -> Vec<String> {
        strings("__languages")
    }
}

impl Drop for Fake {
    fn drop(&mut self) {
        let _ = Function::new_no_args(UNINSTALL).call0(&JsValue::NULL);
    }
}

fn global(name: &str) -> JsValue {
    Reflect::get(&window(), &name.into()).unwrap()
}

fn strings(name: &str) -> Vec<String> {
    global(name).unchecked_into::<Array>().iter().filter_map(|v| v.as_string()).collect()
}

/// The answer to Send code: a code went to `to` (masked), 60 s until the next, valid 10 minutes.
pub fn code_sent(to: &str) -> String {
    format!(r#"{{"sent_to":"{to}","resend_after_secs":60,"valid_for_secs":600}}"#)
}

/// A workspace's JSON: China 1, English, settled in the Billing Center.
/// The answer of a call that moved the session on (`Moved`): `answer`'s fields and the progress.
pub fn moved(answer: &str, progress: activation_core::flow::Progress) -> String {
    let fields = answer.trim_end().strip_suffix('}').expect("an object");
    format!(r#"{fields},"progress":{}}}"#, serde_json::to_string(&progress).unwrap())
}

/// The bind path's progress with `bound` workspaces bound (and Done pressed when `finished`).
pub fn bind_progress(bound: u32, finished: bool) -> activation_core::flow::Progress {
    activation_core::flow::Progress {
        account_bound: true,
        workspaces_bound: bound,
        bind_finished: finished,
        ..Default::default()
    }
}

pub fn workspace(id: &str, name: &str, state: &str) -> String {
    format!(
        r#"{{"id":"{id}","name":"{name}","site":"cn1","language":"en","settlement":{{"kind":"billing_center"}},"state":"{state}"}}"#
    )
}

/// Fires a keydown of `key` at `target`, as a keyboard would.
pub fn key(target: &web_sys::HtmlElement, key: &str, shift: bool) {
    let init = web_sys::KeyboardEventInit::new();
    init.set_key(key);
    init.set_shift_key(shift);
    init.set_bubbles(true);
    init.set_cancelable(true);
    let event =
        web_sys::KeyboardEvent::new_with_keyboard_event_init_dict("keydown", &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

/// Chooses `value` in a select, as a user would.
pub fn choose(select: &web_sys::HtmlElement, value: &str) {
    select.unchecked_ref::<web_sys::HtmlSelectElement>().set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    select
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).unwrap())
        .unwrap();
}
