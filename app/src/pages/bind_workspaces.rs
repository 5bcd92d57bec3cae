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
    components::{
        BindableCard, CardNames, FailureBanner, PageHeading, StepIndicator, SubmitButton,
    },
    i18n::{t, text},
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

/// One workspace: its card, bound through Bind workspaces' own call.
#[component]
fn WorkspaceCard(workspace: Workspace) -> impl IntoView {
    let base = api::use_api();
    let ctx = use_activation();
    let state = RwSignal::new(workspace.state);
    let failure = RwSignal::new(None::<ClientError>);
    // One key per workspace, made on the first Confirm and kept by every retry, so a retry after a
    // lost answer cannot bind (or count) twice.
    let key = StoredValue::new(None::<String>);
    let id = workspace.id.clone();
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
    let send = Callback::new(move |()| {
        if pending.get_untracked() || state.get_untracked() != WorkspaceState::Bindable {
            return;
        }
        failure.set(None);
        let attempt = key.with_value(Clone::clone).unwrap_or_else(api::new_idempotency_key);
        key.set_value(Some(attempt.clone()));
        bind.dispatch_local(attempt);
    });
    let names = CardNames { button: "bind", title: "workspace", row: "workspace-row" };
    view! {
        <BindableCard
            workspace=workspace
            names=names
            state=state
            pending=pending
            failure=failure
            send=send
        />
    }
}
