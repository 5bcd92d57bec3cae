//! Bind step 2: the Billing Center account's workspaces. Each bindable one is bound after a
//! confirmation; one settled by another cloud account is shown with the reason it cannot be bound.
//! Create workspace opens the create form; Done finishes once at least one workspace is bound.

use activation_core::{
    api::{ApiError, Workspace, WorkspaceList, WorkspaceState},
    flow::{CreateTab, Path, Step},
};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

use crate::{
    api::{self, ClientError},
    components::{ConfirmDialog, FailureBanner, PageHeading, StepIndicator, SubmitButton},
    i18n::{site_name, t, text, use_lang, workspace_language_name, workspace_state},
    state::use_activation,
};

#[component]
pub fn BindWorkspaces() -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let list = LocalResource::new({
        let base = base.clone();
        move || {
            let base = base.clone();
            async move { api::bind_workspaces(&base).await }
        }
    });
    let navigate = use_navigate();
    let done_failure = RwSignal::new(None::<ClientError>);
    // Done was pressed before anything was bound.
    let done_too_early = RwSignal::new(false);
    let done = Action::new_local(move |(): &()| {
        let (base, navigate) = (base.clone(), navigate.clone());
        async move {
            match api::bind_done(&base).await {
                Ok(summary) => {
                    ctx.finish(summary);
                    navigate(&Step::Bound.path(), Default::default());
                }
                Err(error) => done_failure.set(Some(error)),
            }
        }
    });
    let pending = done.pending();
    let bound_count = move || ctx.0.with(|c| c.as_ref().map_or(0, |c| c.progress.workspaces_bound));
    let finish = move || {
        done_failure.set(None);
        let nothing_bound =
            ctx.0.with_untracked(|c| c.as_ref().is_none_or(|c| c.progress.workspaces_bound == 0));
        done_too_early.set(nothing_bound);
        if !nothing_bound && !pending.get_untracked() {
            done.dispatch_local(());
        }
    };
    let needs_one = move || {
        (done_too_early.get() && bound_count() == 0).then(|| {
            view! {
                <p class="banner error" role="alert" data-testid="done-needs-one">
                    {t(text::DONE_NEEDS_ONE)}
                </p>
            }
        })
    };
    let workspaces = move || match list.get() {
        None => view! { <p class="status" role="status">{t(text::LOADING)}</p> }.into_any(),
        Some(Err(error)) => {
            let failure = RwSignal::new(Some(error));
            view! { <FailureBanner failure=failure retry=Callback::new(move |()| list.refetch())/> }
                .into_any()
        }
        Some(Ok(WorkspaceList { workspaces })) if workspaces.is_empty() => {
            view! { <p data-testid="no-workspaces">{t(text::NO_WORKSPACES)}</p> }.into_any()
        }
        Some(Ok(WorkspaceList { workspaces })) => view! {
            <ul class="workspace-list" aria-label=t(text::WORKSPACES)>
                {workspaces
                    .into_iter()
                    .map(|workspace| view! { <WorkspaceCard workspace=workspace/> })
                    .collect_view()}
            </ul>
        }
        .into_any(),
    };
    let account = move || {
        ctx.0.with(|c| c.as_ref().and_then(|c| c.billing_account.clone())).map(|account| {
            view! {
                <dl class="facts">
                    <dt>{t(text::BILLING_CENTER_ACCOUNT)}</dt>
                    <dd>{account}</dd>
                </dl>
            }
        })
    };
    view! {
        <StepIndicator path=Path::Bind current=2/>
        <section class="card">
            <PageHeading title=text::BIND_WORKSPACES_TITLE/>
            <p>{t(text::BIND_WORKSPACES_INTRO)}</p>
            {account}
            {workspaces}
            {needs_one}
            <FailureBanner failure=done_failure retry=Callback::new(move |()| finish())/>
            <form
                class="actions"
                novalidate
                on:submit=move |ev| {
                    ev.prevent_default();
                    finish();
                }
            >
                <a
                    href=Step::CreateWorkspace(CreateTab::ExistingAccount).path()
                    class="button secondary"
                >
                    {t(text::CREATE_WORKSPACE)}
                </a>
                <SubmitButton label=text::DONE pending=pending/>
            </form>
        </section>
    }
}

/// One workspace: name, site, language, state, and Bind (with confirmation) while bindable.
#[component]
fn WorkspaceCard(workspace: Workspace) -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let lang = use_lang();
    let state = RwSignal::new(workspace.state);
    let failure = RwSignal::new(None::<ClientError>);
    let confirming = RwSignal::new(false);
    // One key per workspace, made on the first Confirm and kept by every retry, so a retry after a
    // lost answer cannot bind (or count) twice.
    let key = StoredValue::new(None::<String>);
    let id = workspace.id.clone();
    let button_id = format!("bind-{}", id.as_str());
    let title_id = format!("workspace-{}", id.as_str());
    // Cancel returns focus to Bind; Confirm to the workspace's name (Bind is busy, then gone).
    let return_focus = RwSignal::new(button_id.clone());
    let bind = Action::new_local(move |key: &String| {
        let (base, id, key) = (base.clone(), id.clone(), key.clone());
        async move {
            match api::bind_workspace(&base, &id, &key).await {
                Ok(bound) => {
                    ctx.set_progress(bound.progress);
                    state.set(bound.answer.state);
                }
                Err(ClientError::Api(ApiError::WorkspaceSettledElsewhere)) => {
                    state.set(WorkspaceState::SettledElsewhere);
                }
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let pending = bind.pending();
    let send = move || {
        if pending.get_untracked() || state.get_untracked() != WorkspaceState::Bindable {
            return;
        }
        failure.set(None);
        let attempt = key.with_value(Clone::clone).unwrap_or_else(api::new_idempotency_key);
        key.set_value(Some(attempt.clone()));
        bind.dispatch_local(attempt);
    };
    let on_confirm = Callback::new({
        let title_id = title_id.clone();
        move |()| {
            return_focus.set(title_id.clone());
            confirming.set(false);
            send();
        }
    });
    let on_cancel = Callback::new({
        let button_id = button_id.clone();
        move |()| {
            return_focus.set(button_id.clone());
            confirming.set(false);
        }
    });
    let action = {
        let title_id = title_id.clone();
        move || {
            match state.get() {
            WorkspaceState::Bindable => view! {
                <button
                    type="button"
                    id=button_id.clone()
                    aria-describedby=title_id.clone()
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().to_string()
                    on:click=move |_| {
                        if !pending.get_untracked() {
                            confirming.set(true);
                        }
                    }
                >
                    {move || pending.get().then(|| view! { <span class="spinner" aria-hidden="true"></span> })}
                    {t(text::BIND)}
                </button>
            }
            .into_any(),
            WorkspaceState::Bound => {
                view! { <span class="badge ok" data-testid="bound-badge">{t(text::BOUND)}</span> }
                    .into_any()
            }
            WorkspaceState::SettledElsewhere => ().into_any(),
        }
        }
    };
    let site = workspace.site;
    view! {
        <li class="workspace-card" data-testid="workspace-row">
            <div class="workspace-head">
                <h2 id=title_id tabindex="-1">{workspace.name.to_string()}</h2>
                {action}
            </div>
            <dl class="facts">
                <dt>{t(text::SITE_OF_WORKSPACE)}</dt>
                <dd>{move || site_name(lang.get(), site)}</dd>
                <dt>{t(text::WORKSPACE_LANGUAGE)}</dt>
                <dd>{t(workspace_language_name(workspace.language))}</dd>
                <dt>{t(text::STATE)}</dt>
                <dd>
                    <span role="status" data-testid="workspace-state">
                        {move || workspace_state(state.get()).get(lang.get())}
                    </span>
                </dd>
            </dl>
            <FailureBanner failure=failure retry=Callback::new(move |()| send())/>
            <ConfirmDialog
                open=confirming
                title=text::CONFIRM_BIND_TITLE
                body=text::CONFIRM_BIND_BODY
                on_confirm=on_confirm
                on_cancel=on_cancel
                return_focus=return_focus
            />
        </li>
    }
}
