//! The activation shell: loads what the session knows, keeps the URL on a step the session may be
//! on (a direct link to a later step goes to the right one; a finished activation only shows its
//! summary), and renders the step.

use activation_core::{api::ApiError, domain::Identity, flow::Step};
use leptos::prelude::*;
use leptos_router::{
    NavigateOptions,
    components::Outlet,
    hooks::{use_location, use_navigate},
};

use crate::{
    ApiBase, api,
    api::ClientError,
    components::PageHeading,
    i18n::{client_error, t, text, use_lang},
    state::{ActivationCtx, Drafts, use_activation, use_drafts},
    storage,
};

const IDENTITY_KEY: &str = "activation.identity";
/// The paths the shell renders (and so may correct).
const ACTIVATION_PREFIX: &str = "/activate";

/// Wraps every `/activate/...` page.
#[component]
pub fn ActivationShell() -> impl IntoView {
    let base = expect_context::<ApiBase>();
    let ctx = use_activation();
    let drafts = use_drafts();
    let lang = use_lang();
    let loaded = LocalResource::new(move || {
        let base = base.clone();
        async move { api::session(&base).await }
    });
    // The loaded context goes into the app-wide signal (the header shows its sites).
    Effect::new(move |_| {
        if let Some(Ok(session)) = loaded.get() {
            adopt(drafts, &session.identity);
            drafts.ensure_site(&session);
            ctx.0.set(Some(session));
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
        let requested = Step::from_path(&path);
        let target = match requested {
            Some(Step::Arrival) | None if session.progress.already_bound => Step::AlreadyBound,
            Some(Step::Arrival) | None => session.resolve(Step::Choose),
            Some(step) => session.resolve(step),
        };
        if requested != Some(target) {
            navigate(&target.path(), NavigateOptions { replace: true, ..Default::default() });
        }
    });
    let retry = move |_| loaded.refetch();
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
                view! {
                    <section class="card">
                        <PageHeading title=text::SESSION_GONE_TITLE/>
                        <p>
                            {move || client_error(lang.get(), &ClientError::Api(ApiError::SessionExpired))}
                        </p>
                    </section>
                }
                    .into_any()
            }
            Some(Err(error)) => {
                view! {
                    <section class="card">
                        <PageHeading title=text::ARRIVAL_TITLE/>
                        <div class="banner error" role="alert" data-testid="failure">
                            <p>{move || client_error(lang.get(), &error)}</p>
                            <button type="button" class="secondary" on:click=retry>
                                {t(text::TRY_AGAIN)}
                            </button>
                        </div>
                    </section>
                }
                    .into_any()
            }
            Some(Ok(_)) => view! { <Show when=move || ctx.0.with(Option::is_some)><Outlet/></Show> }.into_any(),
        }}
    }
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
