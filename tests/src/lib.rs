//! Support for the browser tests (the tests are in `tests/`): mount a page with the app's contexts,
//! find elements the way a user does (by label, role, text, `data-testid`), act on them, and wait for
//! conditions instead of sleeping a fixed time.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use activation_core::{
    api::SessionContext,
    domain::{
        AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId,
        LicenseArn, ProductCode,
    },
    flow::Progress,
};
use app::{ApiBase, i18n, pages, state};
use leptos::{mount::mount_to, prelude::*};
use leptos_router::{
    components::{FlatRoutes, Route, Router},
    path,
};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement};

/// An address nothing listens on: every request fails as a network error.
pub const REFUSED: &str = "http://127.0.0.1:9";

/// An AWS buyer: account 123456789012 of the simulator's product.
pub fn aws() -> Identity {
    Identity::Aws {
        account_id: AwsAccountId::parse("123456789012").unwrap(),
        product_code: ProductCode::parse("prod-guance01").unwrap(),
        license_arn: LicenseArn::parse("arn:aws:license-manager::123456789012:license:l-1")
            .unwrap(),
    }
}

/// An Alibaba Cloud buyer: account 1234567812345678 with one instance.
pub fn aliyun() -> Identity {
    Identity::Aliyun {
        account_id: AliyunAccountId::parse("1234567812345678").unwrap(),
        instance_id: InstanceId::parse("cmgj00053362-abc").unwrap(),
    }
}

/// A Huawei Cloud buyer: account 0123…cdef of tenant `acme`.
pub fn huawei() -> Identity {
    Identity::Huawei {
        account_id: HuaweiAccountId::parse("0123456789abcdef0123456789abcdef").unwrap(),
        instance_id: InstanceId::parse("hws-1").unwrap(),
        tenant: HuaweiTenant::parse("acme").unwrap(),
    }
}

/// What the session of `identity` knows after `progress`: its marketplace's sites, and nothing
/// bound or finished (set those fields when a test needs them).
pub fn session_of(identity: Identity, progress: Progress) -> SessionContext {
    let marketplace = identity.marketplace();
    SessionContext {
        sites: marketplace.sites().to_vec(),
        default_site: marketplace.default_site(),
        identity,
        progress,
        already_bound: None,
        billing_account: None,
        finished: None,
        member: None,
    }
}

/// The path the page is at now.
pub fn pathname() -> String {
    window().location().pathname().unwrap()
}

/// Replaces the URL without navigating (the router reads it when mounted).
pub fn go_to(path: &str) {
    window()
        .history()
        .unwrap()
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path))
        .unwrap();
}

/// A fresh element to mount into, so tests do not see each other's DOM.
pub fn fresh_root() -> HtmlElement {
    let root = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&root).unwrap();
    root.unchecked_into()
}

/// Clears sessionStorage (drafts, countdowns) and localStorage (language) between tests.
pub fn clear_storage() {
    if let Ok(Some(s)) = window().session_storage() {
        let _ = s.clear();
    }
    if let Ok(Some(s)) = window().local_storage() {
        let _ = s.clear();
    }
}

/// A mounted view; when dropped, its element is removed and its reactive owner cleaned up (so its
/// router stops listening to clicks and its effects stop).
pub struct Mounted {
    pub root: HtmlElement,
    owner: Owner,
    _handle: Box<dyn std::any::Any>,
}

impl Drop for Mounted {
    fn drop(&mut self) {
        self.root.remove();
        self.owner.cleanup();
    }
}

/// Mounts `page` at `path` inside a router with the contexts `App` provides: the API at `api`, and
/// (for activation pages) the session context `session`.
pub fn mount_page<V: IntoView + 'static>(
    path: &str,
    api: &str,
    session: Option<SessionContext>,
    page: impl Fn() -> V + Send + Sync + 'static,
) -> Mounted {
    go_to(path);
    let root = fresh_root();
    let api = ApiBase(api.to_owned());
    let owner = Owner::new();
    let handle = owner.with(|| {
        mount_to(root.clone(), move || {
            provide_context(api.clone());
            i18n::provide_lang();
            state::Drafts::provide();
            let ctx = pages::provide_activation();
            ctx.0.set(session.clone());
            // Inside routes, as in the app: the router completes a navigation (the address bar
            // changes) once the routes have rendered it.
            let page = std::sync::Arc::new(page);
            view! {
                <Router>
                    <main>
                        <FlatRoutes fallback=|| ()>
                            <Route path=path!("/*any") view=move || page()/>
                        </FlatRoutes>
                    </main>
                </Router>
            }
        })
    });
    Mounted { root, owner, _handle: Box::new(handle) }
}

/// Mounts the whole app at `path`.
pub fn mount_app(path: &str, api: &str) -> Mounted {
    go_to(path);
    let root = fresh_root();
    let api = ApiBase(api.to_owned());
    let owner = Owner::new();
    let handle =
        owner.with(|| mount_to(root.clone(), move || view! { <app::App api=api.clone()/> }));
    Mounted { root, owner, _handle: Box::new(handle) }
}

pub async fn sleep(duration: Duration) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                duration.as_millis() as i32,
            )
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

/// Waits (polling, up to 5 s) until `find` returns something; panics with the page text otherwise.
pub async fn wait_for<T>(what: &str, mut find: impl FnMut() -> Option<T>) -> T {
    for _ in 0..100 {
        if let Some(found) = find() {
            return found;
        }
        sleep(Duration::from_millis(50)).await;
    }
    panic!("waited 5 s for {what}; page: {}", document().body().unwrap().inner_text());
}

fn all(root: &Element, selector: &str) -> Vec<Element> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
}

fn text_of(el: &Element) -> String {
    el.text_content().unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The control whose `<label>` text starts with `label` (label and control tied by `for`/`id`).
pub fn by_label(root: &Element, label: &str) -> Option<HtmlElement> {
    all(root, "label").into_iter().find(|l| text_of(l).starts_with(label)).and_then(|l| {
        let id = l.get_attribute("for")?;
        document().get_element_by_id(&id).and_then(|e| e.dyn_into().ok())
    })
}

/// The first element matching `selector` whose text is exactly `text`.
pub fn by_text(root: &Element, selector: &str, text: &str) -> Option<HtmlElement> {
    all(root, selector).into_iter().find(|e| text_of(e) == text).and_then(|e| e.dyn_into().ok())
}

/// The button whose text is `text`.
pub fn button(root: &Element, text: &str) -> Option<HtmlElement> {
    by_text(root, "button", text)
}

/// The element with `data-testid`.
pub fn test_id(root: &Element, id: &str) -> Option<HtmlElement> {
    root.query_selector(&format!("[data-testid={id}]")).unwrap().and_then(|e| e.dyn_into().ok())
}

/// Waits until the new step's heading has taken focus (it does so just after mounting), so a test
/// acts on a settled page the way a user would.
pub async fn settled(root: &Element) -> String {
    wait_for("the heading to take focus", || {
        let active = document().active_element()?;
        (active.tag_name() == "H1" && root.contains(Some(&active))).then(|| text_of(&active))
    })
    .await
}

/// The page's main heading text.
pub fn heading(root: &Element) -> Option<String> {
    root.query_selector("h1").unwrap().map(|h| text_of(&h))
}

/// Types `value` into an input the way a user does: sets it and fires `input`.
pub fn type_into(input: &HtmlElement, value: &str) {
    let input: &HtmlInputElement = input.unchecked_ref();
    input.set_value(value);
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    input
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap())
        .unwrap();
}

/// The current value of an input.
pub fn value_of(input: &HtmlElement) -> String {
    input.unchecked_ref::<HtmlInputElement>().value()
}

/// Whether the control is marked invalid for assistive technology.
pub fn is_invalid(control: &HtmlElement) -> bool {
    control.get_attribute("aria-invalid").as_deref() == Some("true")
}

/// Waits until `button` says its request runs (`aria-busy="true"`), and checks it is disabled
/// meanwhile, so a second click cannot send again.
pub async fn busy(button: &HtmlElement) {
    wait_for("busy", || {
        (button.get_attribute("aria-busy").as_deref() == Some("true")).then_some(())
    })
    .await;
    assert!(button.has_attribute("disabled"), "disabled while its request runs");
}

/// Whether an element is shown (not `hidden`).
pub fn is_shown(el: &HtmlElement) -> bool {
    !el.hidden()
}
