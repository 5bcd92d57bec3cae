//! The workspace home after login: the workspace, its site, language and paying cloud account, and the
//! DataKit install command for its site. Also the pieces the Billing Center pages share with it: a
//! load failure that offers Try again or a login link, and Log out.

use activation_core::api::{ApiError, HomeWorkspace, WorkspaceHome as HomeData};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api,
    api::ClientError,
    components::{FailureBanner, PageHeading, SubmitButton},
    i18n::{settlement_text, site_name, t, text, use_lang, workspace_language_name},
};

/// Shown while a page's data loads.
pub(super) fn loading() -> impl IntoView {
    view! { <p class="status" role="status">{t(text::LOADING)}</p> }
}

/// A page's data could not be loaded: why, with Try again when it may help, and a way to log in
/// (at `login`) when the user is not signed in.
#[component]
pub(super) fn LoadFailure(
    error: ClientError,
    retry: Callback<()>,
    login: &'static str,
) -> impl IntoView {
    let signed_out = matches!(error, ClientError::Api(ApiError::Unauthorized));
    view! {
        <FailureBanner failure=RwSignal::new(Some(error)) retry=retry/>
        {signed_out
            .then(|| {
                view! {
                    <div class="actions">
                        <a href=login class="button">{t(text::LOG_IN)}</a>
                    </div>
                }
            })}
    }
}

/// Log out, then go to `then`. Already signed out counts as done.
#[component]
pub(super) fn LogOutButton(then: &'static str) -> impl IntoView {
    let base = api::use_api();
    let failure = RwSignal::new(None::<ClientError>);
    let navigate = use_navigate();
    let log_out = Action::new_local(move |_: &()| {
        let (base, navigate) = (base.clone(), navigate.clone());
        async move {
            match api::logout(&base).await {
                Ok(()) | Err(ClientError::Api(ApiError::Unauthorized)) => {
                    navigate(then, Default::default())
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let pending = log_out.pending();
    let send = move || {
        if !pending.get_untracked() {
            failure.set(None);
            log_out.dispatch_local(());
        }
    };
    view! {
        <FailureBanner failure=failure retry=Callback::new(move |()| send())/>
        <form
            novalidate
            on:submit=move |ev| {
                ev.prevent_default();
                send();
            }
        >
            <div class="actions">
                <SubmitButton label=text::LOG_OUT pending=pending secondary=true/>
            </div>
        </form>
    }
}

/// What the workspace home shows once loaded: the **Workspace** switcher when the user has several
/// (the one just activated or bound first, as the backend orders them), then the chosen one.
#[component]
fn HomeDetails(home: HomeData) -> impl IntoView {
    let choices = if home.workspaces.is_empty() {
        vec![HomeWorkspace { workspace: home.workspace, install_command: home.install_command }]
    } else {
        home.workspaces
    };
    let chosen = RwSignal::new(0_usize);
    let switcher = (choices.len() > 1).then(|| {
        let options = choices
            .iter()
            .enumerate()
            .map(|(i, c)| view! { <option value=i.to_string()>{c.workspace.name.to_string()}</option> })
            .collect_view();
        view! {
            <div class="field">
                <label for="workspace-switcher">{t(text::WORKSPACE)}</label>
                <select
                    id="workspace-switcher"
                    data-testid="workspace-switcher"
                    prop:value=move || chosen.get().to_string()
                    on:change=move |ev| {
                        if let Ok(i) = event_target_value(&ev).parse() {
                            chosen.set(i);
                        }
                    }
                >
                    {options}
                </select>
            </div>
        }
    });
    let details = move || {
        let choice = choices.get(chosen.get()).or(choices.first()).cloned();
        choice.map(|c| view! { <WorkspaceFacts choice=c/> })
    };
    view! {
        <p>
            {t(text::WELCOME_USER)} " " <strong data-testid="username">{home.username}</strong>
        </p>
        {switcher}
        {details}
        <LogOutButton then="/"/>
    }
}

/// One workspace: its name, site, language, paying cloud account and DataKit install command.
#[component]
fn WorkspaceFacts(choice: HomeWorkspace) -> impl IntoView {
    let lang = use_lang();
    let workspace = choice.workspace;
    let (site, settlement) = (workspace.site, workspace.settlement);
    view! {
        <dl class="facts">
            <dt>{t(text::WORKSPACE)}</dt>
            <dd data-testid="workspace-name">{workspace.name.to_string()}</dd>
            <dt>{t(text::SITE_OF_WORKSPACE)}</dt>
            <dd>{move || site_name(lang.get(), site)}</dd>
            <dt>{t(text::WORKSPACE_LANGUAGE)}</dt>
            <dd>{t(workspace_language_name(workspace.language))}</dd>
            <dt>{t(text::CLOUD_ACCOUNT)}</dt>
            <dd>{move || settlement_text(lang.get(), &settlement)}</dd>
        </dl>
        <section class="explainer" aria-labelledby="datakit-title">
            <h2 id="datakit-title">{t(text::DATAKIT_TITLE)}</h2>
            <p>{t(text::DATAKIT_INTRO)}</p>
            <pre>
                <code data-testid="install-command">{choice.install_command}</code>
            </pre>
        </section>
    }
}

/// `/workspace`: the signed-in user's workspace.
#[component]
pub fn WorkspaceHome() -> impl IntoView {
    let base = api::use_api();
    let home = LocalResource::new(move || {
        let base = base.clone();
        async move { api::workspace_home(&base).await }
    });
    view! {
        <section class="card">
            <PageHeading title=text::HOME_WORKSPACE_TITLE/>
            {move || match home.get() {
                None => loading().into_any(),
                Some(Ok(data)) => view! { <HomeDetails home=data/> }.into_any(),
                Some(Err(error)) => {
                    view! {
                        <LoadFailure
                            error=error
                            retry=Callback::new(move |()| home.refetch())
                            login="/login"
                        />
                    }
                        .into_any()
                }
            }}
        </section>
    }
}
