//! The activation shell: loads what the session knows, keeps the URL on a step the session may be
//! on (a direct link to a later step goes to the right one; a finished activation only shows its
//! summary), and renders the step.

use activation_core::{
    api::{ApiError, SessionContext},
    domain::Identity,
    flow::{CreateTab, Step},
};
use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::hooks::{use_location, use_navigate};

use crate::{
    api,
    api::ClientError,
    components::{FailureCard, PageHeading},
    i18n::{client_error, t, text, use_lang},
    lazy::Lazy,
    state::{ActivationCtx, Drafts, use_activation, use_drafts},
    storage,
};

const IDENTITY_KEY: &str = "activation.identity";
/// The paths the shell renders (and so may correct).
const ACTIVATION_PREFIX: &str = "/activate";

/// Wraps every `/activate/...` page.
#[component]
pub fn ActivationShell() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let drafts = use_drafts();
    let lang = use_lang();
    // The loaded context goes into the app-wide signal (the header shows its sites) as it arrives.
    // An `AsyncDerived` rather than a `LocalResource`: it polls its future once as it is created,
    // and the answer `index.html` fetched with the page is ready at that poll (`api::session`), so
    // the first render is the step itself. A `LocalResource` always waits a tick first: the
    // loading card was built, then replaced a moment later. Retry notifies `again`.
    let again = Trigger::new();
    let loaded = AsyncDerived::new_unsync(move || {
        again.track();
        let base = base.clone();
        async move {
            let answer = api::session(&base).await;
            if let Ok(session) = &answer {
                adopt(drafts, &session.identity);
                drafts.ensure_site(session);
                ctx.0.set(Some(session.clone()));
            }
            answer
        }
    });
    let location = use_location();
    let navigate = use_navigate();
    // Keep the URL on a step the session may be on.
    Effect::new(move |_| {
        let Some(session) = ctx.0.get() else { return };
        let path = location.pathname.get();
        // Leaving the activation pages (a help link, say), this still runs once with the new path
        // before the shell goes away: that path is not the shell's to correct.
        if !path.starts_with(ACTIVATION_PREFIX) {
            return;
        }
        let target = target_step(&session, &path);
        if Step::from_path(&path) != Some(target) {
            navigate(&target.path(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let retry = Callback::new(move |()| again.notify());
    view! {
        {move || match loaded.get() {
            None => {
                view! {
                    <section class="card" aria-busy="true">
                        <PageHeading title=text::ARRIVAL_TITLE/>
                        <p class="status" role="status">{t(text::ARRIVAL_LOADING)}</p>
                    </section>
                }
                    .into_any()
            }
            Some(Err(ClientError::Api(ApiError::SessionExpired))) => {
                // The marketplace of the session that ended, if this tab knew it.
                let marketplace =
                    storage::load::<Identity>(IDENTITY_KEY).map(|identity| identity.marketplace());
                view! {
                    <section class="card">
                        <PageHeading title=text::SESSION_GONE_TITLE/>
                        <p role="alert" data-testid="session-ended">
                            {move || client_error(lang.get(), &ClientError::Api(ApiError::SessionExpired))}
                        </p>
                        <super::WayBack marketplace=marketplace/>
                    </section>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! {
                    <FailureCard title=text::ARRIVAL_TITLE retry=retry>
                        {move || client_error(lang.get(), &error)}
                    </FailureCard>
                }
                .into_any()
            }
            Some(Ok(_)) => view! { <Show when=move || ctx.0.with(Option::is_some)><ActivationStep/></Show> }.into_any(),
        }}
    }
}

/// The step the session may be on when the address is `path`: where the shell keeps the URL, and
/// so the step it shows (at once: not the requested page first, then the corrected one).
fn target_step(session: &SessionContext, path: &str) -> Step {
    match Step::from_path(path) {
        // Choose, or where the session may be instead (Already bound, a later step, a summary).
        Some(Step::Arrival) | None => session.resolve(Step::Choose),
        Some(step) => session.resolve(step),
    }
}

/// The one table of the activation's pages: core's `Step` (which also names each step's path, for
/// the app's route, the shell's guard and the mock's redirects) to the page that shows it, here in
/// the main module or in the pages' chunk (`super::chunks`, `crate::lazy`). Exhaustive: a new step
/// does not compile until it has a page. Both tabs of Create workspace are one page (it reads its
/// tab from the path), so switching tabs keeps it mounted.
fn page_of(step: Step) -> AnyView {
    use super::chunks as c;
    match step {
        Step::Arrival => view! { <Arrival/> }.into_any(),
        Step::Choose => view! { <super::Choose/> }.into_any(),
        Step::AlreadyBound => view! { <super::AlreadyBound/> }.into_any(),
        Step::RegisterBasic => view! { <Lazy split=&c::REGISTER_BASIC/> }.into_any(),
        Step::RegisterCompany => view! { <Lazy split=&c::REGISTER_COMPANY/> }.into_any(),
        Step::RegisterMethod => view! { <Lazy split=&c::REGISTER_METHOD/> }.into_any(),
        Step::Activated => view! { <Lazy split=&c::ACTIVATED/> }.into_any(),
        Step::BindAccount => view! { <Lazy split=&c::BIND_ACCOUNT/> }.into_any(),
        Step::BindWorkspaces => view! { <Lazy split=&c::BIND_WORKSPACES/> }.into_any(),
        Step::CreateWorkspace(_) => view! { <Lazy split=&c::CREATE_WORKSPACE/> }.into_any(),
        Step::Bound => view! { <Lazy split=&c::BOUND/> }.into_any(),
        // Not the shell's: their own routes (`crate::Screens`) show them.
        Step::TokenError(_) | Step::Login | Step::Home => view! { <super::NotFound/> }.into_any(),
    }
}

/// The step the address is on, once the shell has the session; the page changes only when the
/// step does (not between the two tabs of Create workspace).
#[component]
fn ActivationStep() -> impl IntoView {
    let location = use_location();
    let ctx = use_activation();
    let step = Memo::new(move |_| {
        location.pathname.with(|path| {
            ctx.0.with(|session| match session {
                Some(session) if path.starts_with(ACTIVATION_PREFIX) => {
                    Some(target_step(session, path))
                }
                _ => None,
            })
        })
    });
    let page = Memo::new(move |_| {
        step.get().map(|step| match step {
            Step::CreateWorkspace(_) => Step::CreateWorkspace(CreateTab::ExistingAccount),
            step => step,
        })
    });
    move || page.get().map(page_of)
}

/// A different cloud identity than the drafts were typed for: start from clean drafts.
fn adopt(drafts: Drafts, identity: &Identity) {
    let previous: Option<Identity> = storage::load(IDENTITY_KEY);
    if previous.as_ref() != Some(identity) {
        drafts.clear();
        storage::save(IDENTITY_KEY, identity);
    }
}

/// `/activate` itself: the shell redirects from here once the context is loaded.
#[component]
pub fn Arrival() -> impl IntoView {
    view! {
        <section class="card" aria-busy="true">
            <p class="status" role="status">{t(text::LOADING)}</p>
        </section>
    }
}

/// The activation context signal, provided once for the whole app.
pub fn provide_activation() -> ActivationCtx {
    let ctx = ActivationCtx(RwSignal::new(None));
    provide_context(ctx);
    ctx
}
