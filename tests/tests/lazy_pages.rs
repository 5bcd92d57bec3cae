//! Pages that arrive in a wasm chunk of their own (`app::lazy`), in headless Chromium: a loading
//! card until the page is in, a message with Try again when its fetch fails (in both languages),
//! a page already in shown at once, and the prefetch once the first screen is up. The browser
//! tests' wasm has no split, so each test's `Split` gets a fetch of its own that it controls.

#![cfg(target_arch = "wasm32")]

use std::{cell::Cell, time::Duration};

use app::{
    i18n::text,
    lazy::{Lazy, Loading, PREFETCHED_MARK, Page, Split, Unavailable, prefetch},
    pages::chunks::{
        BIND_ACCOUNT, FIELD, FORM_END, FORM_TOP, NEXT, REGISTER_BASIC, SEND_CODE, SPLITS,
    },
};
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const LOADED: &str = "The page from the chunk";

thread_local! {
    /// How many of the next fetches of [`FLAKY`] fail.
    static FAILURES_LEFT: Cell<u32> = const { Cell::new(0) };
    static FLAKY_FETCHES: Cell<u32> = const { Cell::new(0) };
}

fn loaded_page() -> AnyView {
    view! {
        <section class="card">
            <h1>{LOADED}</h1>
        </section>
    }
    .into_any()
}

/// A chunk that takes 200 ms to arrive.
fn slow() -> Loading {
    Box::pin(async {
        sleep(Duration::from_millis(200)).await;
        Ok(loaded_page as Page)
    })
}

/// A chunk whose fetch fails while [`FAILURES_LEFT`] says so, each answer after 300 ms.
fn flaky() -> Loading {
    Box::pin(async {
        FLAKY_FETCHES.with(|n| n.set(n.get() + 1));
        sleep(Duration::from_millis(300)).await;
        let fail = FAILURES_LEFT.with(|left| {
            let fail = left.get() > 0;
            left.set(left.get().saturating_sub(1));
            fail
        });
        if fail { Err(Unavailable) } else { Ok(loaded_page as Page) }
    })
}

static SLOW: Split = Split::new(slow);
static FLAKY: Split = Split::new(flaky);
static FLAKY_ZH: Split = Split::new(flaky);

fn loading_card(root: &web_sys::Element) -> Option<String> {
    root.query_selector("[aria-busy=true] [role=status]")
        .unwrap()
        .map(|el| el.text_content().unwrap())
}

#[wasm_bindgen_test]
async fn a_page_not_yet_here_shows_a_loading_card_then_the_page_and_next_time_the_page_at_once() {
    clear_storage();
    let first = mount_page("/", REFUSED, None, || view! { <Lazy split=&SLOW/> });
    assert_eq!(loading_card(&first.root).as_deref(), Some(text::LOADING.en));
    assert_eq!(heading(&first.root), None);
    let title = wait_for("the loaded page", || heading(&first.root)).await;
    assert_eq!(title, LOADED);
    assert_eq!(loading_card(&first.root), None);
    drop(first);

    // Shown again: the chunk is in, so the page is there as soon as it mounts, with no card.
    let again = mount_page("/", REFUSED, None, || view! { <Lazy split=&SLOW/> });
    assert_eq!(heading(&again.root).as_deref(), Some(LOADED));
    assert_eq!(loading_card(&again.root), None);
}

#[wasm_bindgen_test]
async fn a_chunk_that_does_not_arrive_says_so_and_try_again_fetches_it_again() {
    clear_storage();
    FAILURES_LEFT.with(|left| left.set(1));
    FLAKY_FETCHES.with(|n| n.set(0));
    let page = mount_page("/", REFUSED, None, || view! { <Lazy split=&FLAKY/> });
    let root = &page.root;
    let failure = wait_for("the failure message", || test_id(root, "failure")).await;
    assert_eq!(heading(root).as_deref(), Some(text::PAGE_UNAVAILABLE_TITLE.en));
    assert!(failure.inner_text().contains(text::PAGE_UNAVAILABLE.en), "{}", failure.inner_text());
    assert_eq!(FLAKY_FETCHES.with(Cell::get), 1);

    button(root, text::TRY_AGAIN.en).expect("Try again").click();
    let card = wait_for("the loading card", || loading_card(root)).await;
    assert_eq!(card, text::LOADING.en);
    let title = wait_for("the loaded page", || heading(root).filter(|h| h == LOADED)).await;
    assert_eq!(title, LOADED);
    assert_eq!(FLAKY_FETCHES.with(Cell::get), 2);
    assert_eq!(test_id(root, "failure"), None);
}

#[wasm_bindgen_test]
async fn the_failure_message_is_in_chinese_for_a_chinese_reader() {
    clear_storage();
    window().local_storage().unwrap().unwrap().set_item("activation.lang", "zh-CN").unwrap();
    FAILURES_LEFT.with(|left| left.set(1));
    let page = mount_page("/", REFUSED, None, || view! { <Lazy split=&FLAKY_ZH/> });
    let root = &page.root;
    let failure = wait_for("the failure message", || test_id(root, "failure")).await;
    assert_eq!(heading(root).as_deref(), Some(text::PAGE_UNAVAILABLE_TITLE.zh));
    assert!(failure.inner_text().contains(text::PAGE_UNAVAILABLE.zh), "{}", failure.inner_text());
    assert!(button(root, text::TRY_AGAIN.zh).is_some());
    clear_storage();
}

#[wasm_bindgen_test]
async fn the_prefetch_loads_every_page_in_a_chunk_then_sets_its_mark() {
    // A mounted app is what starts the executor the prefetch runs on.
    let _page = mount_page("/", REFUSED, None, || view! { <p>"first screen"</p> });
    let performance = window().performance().unwrap();
    performance.clear_marks_with_mark_name(PREFETCHED_MARK);
    prefetch();
    wait_for("the prefetched mark", || {
        (performance.get_entries_by_name(PREFETCHED_MARK).length() > 0).then_some(())
    })
    .await;
    assert!(SPLITS.len() >= 10, "{} pages and pieces in chunks", SPLITS.len());
    let missing = SPLITS.iter().filter(|split| split.loaded().is_none()).count();
    assert_eq!(missing, 0, "pages or pieces not loaded by the prefetch");
}

/// The warm-up (`app::pages::chunks::NEXT`) builds the pieces the form pages share
/// (`app::components::parts`) before the two pages Choose leads to. Each piece builds on its own,
/// under the contexts a page has, into the piece of a form page it stands for, and leaves nothing
/// behind in storage (the Send code button keeps its countdown there once it has sent).
#[wasm_bindgen_test]
async fn each_shared_piece_builds_alone_and_the_warm_up_builds_them_before_the_pages() {
    clear_storage();
    let pieces: [(&Split, &str, &str); 4] = [
        (&FORM_TOP, "nav.steps li[aria-current=step]", text::REGISTER_STEPS_BASIC.en),
        (&FORM_END, "button[type=submit]", text::NEXT.en),
        (&FIELD, ".field", text::USERNAME.en),
        (&SEND_CODE, "button[type=button]", text::SEND_CODE.en),
    ];
    for (split, selector, shows) in pieces {
        let piece = split.load().await.expect("the browser tests' wasm has every page");
        let mounted = mount_page("/", REFUSED, None, piece);
        let found = mounted
            .root
            .query_selector(selector)
            .unwrap()
            .unwrap_or_else(|| panic!("{selector} in {}", mounted.root.inner_html()));
        assert!(found.text_content().unwrap().contains(shows), "{}", mounted.root.inner_html());
        // Its effects have run; the Send code button keeps nothing (it has sent nothing).
        sleep(Duration::from_millis(50)).await;
        let session = window().session_storage().unwrap().unwrap();
        let keys: Vec<String> =
            (0..session.length().unwrap()).filter_map(|i| session.key(i).unwrap()).collect();
        assert!(
            !keys.iter().any(|key| key.starts_with("activation.code-")),
            "{selector}: {keys:?}"
        );
    }

    let position = |wanted: &Split| NEXT.iter().position(|split| std::ptr::eq(*split, wanted));
    let pages = [&BIND_ACCOUNT, &REGISTER_BASIC].map(|page| position(page).expect("a page"));
    for (piece, _, _) in pieces {
        let at = position(piece).expect("every piece is warmed");
        assert!(pages.iter().all(|page| at < *page), "a piece after a page: {at} {pages:?}");
    }
    let in_chunk = |wanted: &Split| SPLITS.iter().any(|split| std::ptr::eq(*split, wanted));
    assert!(NEXT.iter().all(|split| in_chunk(split)), "NEXT names a split the prefetch skips");
}
