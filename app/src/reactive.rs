//! The app's three reactive building blocks beyond signals: an effect, a request a button starts
//! ([`Task`]) and data a page loads ([`Load`]).
//!
//! They stand in for `Effect::new`, `Action` and `LocalResource`, which compile a whole async
//! machine for every closure or future type they are given: the wasm carried one per call site,
//! 21,969 bytes compressed in all (README, Performance). Here the closure or future is boxed first,
//! so that machinery exists once and each call site adds only its own code.

use std::{
    cell::Cell,
    future::Future,
    pin::Pin,
    rc::Rc,
    task::{Context, Poll, Waker},
};

use leptos::prelude::*;

type Boxed = Pin<Box<dyn Future<Output = ()>>>;
type Run<I> = Rc<dyn Fn(&I) -> Boxed>;

/// Runs a boxed future to completion on the page's executor (one instantiation for the whole app).
fn spawn(task: Boxed) {
    leptos::task::spawn_local(task);
}

/// Runs `run` now and again whenever a signal it read changes, like `Effect::new`.
pub fn effect(run: impl Fn() + 'static) {
    let run: Box<dyn Fn()> = Box::new(run);
    Effect::new(move |_| run());
}

/// A request a button starts: [`Task::pending`] while one runs.
pub struct Task<I: 'static> {
    pending: RwSignal<bool>,
    run: StoredValue<Run<I>, LocalStorage>,
}

impl<I> Clone for Task<I> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<I> Copy for Task<I> {}

impl<I: 'static> Task<I> {
    /// A task that runs the future `run` makes of its input.
    pub fn new<F: Future<Output = ()> + 'static>(run: impl Fn(&I) -> F + 'static) -> Self {
        let run: Run<I> = Rc::new(move |input| Box::pin(run(input)));
        Task { pending: RwSignal::new(false), run: StoredValue::new_local(run) }
    }

    /// Whether a run has not finished yet.
    pub fn pending(self) -> Signal<bool> {
        self.pending.into()
    }

    /// Starts a run. Callers check [`Task::pending`] first: runs do not queue.
    pub fn dispatch(self, input: I) {
        let Some(run) = self.run.try_get_value() else { return };
        self.pending.set(true);
        spawn(finish(run(&input), self.pending));
    }
}

fn finish(run: Boxed, pending: RwSignal<bool>) -> Boxed {
    Box::pin(async move {
        run.await;
        // The page may be gone by now; a disposed signal ignores the write.
        pending.try_set(false);
    })
}

struct Loader<T> {
    fetch: Box<dyn Fn() -> Pin<Box<dyn Future<Output = T>>>>,
    /// Which fetch is current: an answer to an older one (before a Try again) is dropped.
    generation: Cell<u32>,
}

/// Data a page loads when it mounts: `None` while the call runs (again after [`Load::refetch`]),
/// then its answer; already in the first render when the call is ready at its first poll.
pub struct Load<T: Send + Sync + 'static> {
    value: RwSignal<Option<T>>,
    loader: StoredValue<Rc<Loader<T>>, LocalStorage>,
}

impl<T: Send + Sync> Clone for Load<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync> Copy for Load<T> {}

impl<T: Clone + Send + Sync + 'static> Load<T> {
    /// Starts the first fetch.
    pub fn new<F: Future<Output = T> + 'static>(fetch: impl Fn() -> F + 'static) -> Self {
        let loader = Loader {
            fetch: Box::new(move || Box::pin(fetch()) as Pin<Box<dyn Future<Output = T>>>),
            generation: Cell::new(0),
        };
        let load =
            Load { value: RwSignal::new(None), loader: StoredValue::new_local(Rc::new(loader)) };
        load.refetch();
        load
    }

    /// The answer, once there is one (reactive).
    pub fn get(self) -> Option<T> {
        self.value.get()
    }

    /// Fetches again (Try again); `None` until the new answer arrives.
    pub fn refetch(self) {
        let Some(loader) = self.loader.try_get_value() else { return };
        let generation = loader.generation.get().wrapping_add(1);
        loader.generation.set(generation);
        self.value.try_set(None);
        let mut fetching = (loader.fetch)();
        // An answer that is already there (the session call `index.html` made) is in the first
        // render: no loading state, then the page, a tick later.
        let mut now = Context::from_waker(Waker::noop());
        if let Poll::Ready(answer) = fetching.as_mut().poll(&mut now) {
            self.value.try_set(Some(answer));
            return;
        }
        let value = self.value;
        spawn(Box::pin(async move {
            let answer = fetching.await;
            if loader.generation.get() == generation {
                value.try_set(Some(answer));
            }
        }));
    }
}
