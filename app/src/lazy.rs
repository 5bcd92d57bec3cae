//! Pages that arrive in a piece of wasm of their own, so the first screen does not wait for the
//! rest of the console.
//!
//! In the release build (`cfg(split)`, set by `build.rs`) each page named in [`split_pages!`] is a
//! split point of `wasm_split_helpers`: `cargo xtask split` (the Trunk post-build hook) cuts the
//! wasm into the main module and one file per chunk the macro names (plus one for code that
//! several chunks share, were there several). A page is fetched when it is first shown, or
//! earlier by [`prefetch`], which runs once the first screen is interactive. Debug builds and the
//! browser tests have no split: a page "loads" at once.
//!
//! Why not leptos_router's own lazy routes (`LazyRoute`, `#[lazy_route]`): each of those is a split
//! point of its own, so the pages would arrive in one chunk per route plus chunks for the code they
//! share (the same pages in several groups took more bytes in more files than in one chunk,
//! docs/performance.md), and the activation steps are not routes of their own but pages the shell
//! picks by core's `Step`. One chunk that the first screen prefetches whole serves both.

use std::{
    cell::Cell,
    future::Future,
    pin::Pin,
    rc::Rc,
    sync::{Arc, Mutex, OnceLock, PoisonError},
};

use leptos::prelude::*;

use crate::{
    components::{FailureCard, mark},
    i18n::{t, text},
};

/// Set once [`prefetch`] has fetched every page (or given up on those whose fetch failed).
pub const PREFETCHED_MARK: &str = "app-prefetched";
/// Set once [`prefetch`] has built the likely next pages off-screen ([`warm`]).
pub const WARMED_MARK: &str = "app-warmed";
/// How long after the first screen's frame the pages are fetched. That frame reaches the screen
/// a little after it is painted (Lighthouse saw the first screen's largest paint 18 ms after a
/// fetch started in the next task, and counted the fetch in it); the buyer reads the first screen
/// far longer than this before a click.
const PREFETCH_AFTER: std::time::Duration = std::time::Duration::from_millis(250);
/// How long a page built off-screen is kept before it is dropped: long enough for its effects to
/// have run while everything they read is alive.
const WARM_KEEP: std::time::Duration = std::time::Duration::from_millis(100);

/// Builds a page's view; its code lives in the page's chunk.
pub type Page = fn() -> AnyView;

/// A page's fetch: the page's builder once its chunk is in.
pub type Loading = Pin<Box<dyn Future<Output = Result<Page, Unavailable>>>>;

/// A page's chunk did not arrive (the network, most likely). A failure is not remembered: the
/// next load fetches again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Unavailable;

impl From<leptos::wasm_split::SplitLoaderError> for Unavailable {
    fn from(_: leptos::wasm_split::SplitLoaderError) -> Self {
        Unavailable
    }
}

/// A page in a chunk: how to fetch it, and its builder once fetched.
pub struct Split {
    fetch: fn() -> Loading,
    page: OnceLock<Page>,
}

impl Split {
    pub const fn new(fetch: fn() -> Loading) -> Split {
        Split { fetch, page: OnceLock::new() }
    }

    /// The builder, if the page is already here.
    pub fn loaded(&self) -> Option<Page> {
        self.page.get().copied()
    }

    /// Fetches the page's chunk unless it is here already.
    pub async fn load(&self) -> Result<Page, Unavailable> {
        if let Some(page) = self.loaded() {
            return Ok(page);
        }
        let page = (self.fetch)().await?;
        Ok(*self.page.get_or_init(|| page))
    }
}

/// Declares pages that load on demand, by chunk: `chunk { STATIC: function => Component, ... }`.
/// Each `STATIC` is a [`Split`] for [`Lazy`] (or a piece the warm-up builds, [`warm`]); `SPLITS`
/// lists them all for [`prefetch`].
#[macro_export]
macro_rules! split_pages {
    ($($chunk:ident { $($split:ident : $function:ident => $page:path),* $(,)? })*) => {
        $($(
            pub static $split: $crate::lazy::Split = $crate::lazy::Split::new(|| Box::pin($function()));

            #[cfg(split)]
            #[allow(improper_ctypes_definitions)]
            #[leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
            fn $function() -> Result<$crate::lazy::Page, $crate::lazy::Unavailable> {
                Ok(|| leptos::prelude::IntoAny::into_any(leptos::view! { <$page/> }))
            }

            #[cfg(not(split))]
            async fn $function() -> Result<$crate::lazy::Page, $crate::lazy::Unavailable> {
                Ok(|| leptos::prelude::IntoAny::into_any(leptos::view! { <$page/> }))
            }
        )*)*

        /// Every page (and warm-up piece) that loads on demand.
        pub static SPLITS: &[&$crate::lazy::Split] = &[$($(&$split),*),*];
    };
}

/// Shows `split`'s page: at once when it is here, else a loading card until it arrives, or a
/// message with Try again when it cannot be fetched.
#[component]
pub fn Lazy(split: &'static Split) -> impl IntoView {
    if let Some(page) = split.loaded() {
        return page();
    }
    let state = RwSignal::new(None::<Result<Page, Unavailable>>);
    let load = move || {
        state.set(None);
        leptos::task::spawn_local(async move {
            let answer = split.load().await;
            state.try_set(Some(answer));
        });
    };
    load();
    let retry = Callback::new(move |()| load());
    let shown = move || match state.get() {
        None => view! {
            <section class="card" aria-busy="true">
                <p class="status" role="status">{t(text::LOADING)}</p>
            </section>
        }
        .into_any(),
        Some(Ok(page)) => page(),
        Some(Err(Unavailable)) => view! {
            <FailureCard title=text::PAGE_UNAVAILABLE_TITLE retry=retry>
                {t(text::PAGE_UNAVAILABLE)}
            </FailureCard>
        }
        .into_any(),
    };
    shown.into_any()
}

/// Fetches every page that is not here yet, all at once, then sets [`PREFETCHED_MARK`] and warms
/// the pages a buyer most likely opens next ([`warm`]). Called once, from inside the first screen
/// when it is interactive, so the next step renders without the network. The fetches start a
/// moment after the frame that shows the first screen ([`PREFETCH_AFTER`]): nothing of theirs is
/// in the way of that frame reaching the screen.
pub fn prefetch() {
    // The first screen's owner (under the router and the app's contexts) for the warm-up; none
    // once the buyer has left that screen.
    let first_screen = Arc::new(Mutex::new(Owner::current()));
    let left_screen = Arc::clone(&first_screen);
    on_cleanup(move || *left_screen.lock().unwrap_or_else(PoisonError::into_inner) = None);
    // A timeout set in an animation frame runs after that frame is painted.
    request_animation_frame(move || {
        set_timeout(move || fetch_every_page(first_screen), PREFETCH_AFTER);
    });
}

/// [`prefetch`]'s fetches, and the warm-up under `first_screen` once they are all in.
fn fetch_every_page(first_screen: Arc<Mutex<Option<Owner>>>) {
    let splits = crate::pages::chunks::SPLITS;
    let left = Rc::new(Cell::new(splits.len()));
    for split in splits {
        let left = Rc::clone(&left);
        let first_screen = Arc::clone(&first_screen);
        leptos::task::spawn_local(async move {
            // A failure is not kept: the page fetches again when it is shown.
            let _ = split.load().await;
            left.set(left.get() - 1);
            if left.get() == 0 {
                mark(PREFETCHED_MARK);
                if cfg!(split) {
                    request_idle_callback(move || {
                        warm(Arc::clone(&first_screen), crate::pages::chunks::NEXT);
                    });
                }
            }
        });
    }
}

/// Builds the first of `pages` once, off-screen (its DOM never attached), under a child of the
/// first screen's owner, drops it a moment later, and goes on to the next in an idle callback of
/// its own (one short task per page, not one long one). A page's code runs for the first time
/// when it is first shown, and V8 compiles each wasm function on its first call (lazily, on the
/// main thread): done here, while the buyer reads the first screen, that compiling is off the
/// path of their first click. Once the buyer has left the first screen (`first_screen` is
/// `None`), nothing more is built: its owner, and the contexts a page reads through it, are gone.
fn warm(first_screen: Arc<Mutex<Option<Owner>>>, pages: &'static [&'static Split]) {
    use leptos::tachys::view::Render;
    let Some((split, rest)) = pages.split_first() else {
        mark(WARMED_MARK);
        return;
    };
    let Some(owner) = first_screen.lock().unwrap_or_else(PoisonError::into_inner).clone() else {
        return;
    };
    if let Some(page) = split.loaded() {
        let scope = owner.with(Owner::new);
        let built = scope.with(|| page().build());
        set_timeout(
            move || {
                drop(built);
                scope.cleanup();
            },
            WARM_KEEP,
        );
    }
    request_idle_callback(move || warm(Arc::clone(&first_screen), rest));
}
