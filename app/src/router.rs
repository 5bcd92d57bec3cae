//! The app's router: the address bar's path in a signal, links and Back/Forward followed in the page.
//!
//! The screens are a flat list of fixed paths (see `lib.rs`), so this is all the routing they need:
//! leptos_router's nested matching and view choice cost 39,760 bytes of the compressed wasm that
//! every customer downloads before the first screen (README, Performance).

use leptos::{ev, prelude::*};
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{HtmlAnchorElement, MouseEvent};

/// The app's address, provided by [`Router`].
#[derive(Clone, Copy)]
pub struct Location {
    /// The path, without query or fragment.
    pub pathname: ReadSignal<String>,
    set: WriteSignal<String>,
}

/// How [`use_navigate`]'s function changes the history.
#[derive(Debug, Clone, Copy, Default)]
pub struct NavigateOptions {
    /// Replace the current history entry instead of adding one (a correction, not a step).
    pub replace: bool,
    /// Stay where the page is scrolled to (switching tabs), instead of going to the top.
    pub keep_scroll: bool,
}

fn current_path() -> String {
    window().location().pathname().unwrap_or_default()
}

/// Keeps [`Location`] in step with the address bar: follows same-origin links in the page and
/// Back/Forward. Everything inside can call [`use_location`] and [`use_navigate`].
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let (pathname, set) = signal(current_path());
    let location = Location { pathname, set };
    provide_context(location);
    let popstate = window_event_listener(ev::popstate, move |_| set.set(current_path()));
    let click = window_event_listener(ev::click, move |ev| follow_link(&ev, location));
    on_cleanup(move || {
        popstate.remove();
        click.remove();
    });
    children()
}

/// The address the app is at.
pub fn use_location() -> Location {
    expect_context()
}

/// Goes to a path of the app, as a link would.
pub fn use_navigate() -> impl Fn(&str, NavigateOptions) + Copy + 'static {
    let location = use_location();
    move |to, options| location.go(to, options)
}

/// The rest of the path after `prefix` (a screen's one parameter); empty elsewhere.
pub fn use_param(prefix: &'static str) -> Memo<String> {
    let location = use_location();
    Memo::new(move |_| {
        location.pathname.with(|path| path.strip_prefix(prefix).unwrap_or_default().to_owned())
    })
}

impl Location {
    fn go(self, to: &str, options: NavigateOptions) {
        let history = window().history().expect("the page has a history");
        let url = Some(to);
        let changed = if options.replace {
            history.replace_state_with_url(&JsValue::NULL, "", url)
        } else {
            history.push_state_with_url(&JsValue::NULL, "", url)
        };
        if changed.is_err() {
            // Not a same-origin address after all: let the browser load it.
            let _ = window().location().set_href(to);
            return;
        }
        if !options.replace && !options.keep_scroll {
            window().scroll_to_with_x_and_y(0.0, 0.0);
        }
        self.set.set(current_path());
    }
}

/// A plain left click on a same-origin link becomes an in-page navigation, unless the link asks
/// for the browser (`target`, `download`, `rel="external"`) or goes to the server's own pages.
fn follow_link(ev: &MouseEvent, location: Location) {
    if ev.default_prevented()
        || ev.button() != 0
        || ev.meta_key()
        || ev.alt_key()
        || ev.ctrl_key()
        || ev.shift_key()
    {
        return;
    }
    let Some(link) = ev
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<HtmlAnchorElement>().ok())
    else {
        return;
    };
    let external = link
        .get_attribute("rel")
        .is_some_and(|rel| rel.split_whitespace().any(|r| r == "external"));
    if !link.target().is_empty() || link.has_attribute("download") || external {
        return;
    }
    let here = window().location();
    let same_origin = here.origin().is_ok_and(|origin| origin == link.origin());
    let path = link.pathname();
    if !same_origin || is_server_page(&path) {
        return;
    }
    // A link to a place on this page: the browser scrolls there, no navigation.
    let same_page =
        here.pathname().is_ok_and(|p| p == path) && here.search().is_ok_and(|s| s == link.search());
    if same_page && !link.hash().is_empty() {
        return;
    }
    ev.prevent_default();
    let options =
        NavigateOptions { replace: false, keep_scroll: link.has_attribute("data-keep-scroll") };
    location.go(&format!("{path}{}{}", link.search(), link.hash()), options);
}

/// Paths the mock (or the product's backend) answers itself: loading them is the point.
fn is_server_page(path: &str) -> bool {
    ["/api", "/handoff", "/marketplace", "/dev"].iter().any(|prefix| {
        path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
    })
}
