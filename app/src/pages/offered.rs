//! On Activated, after registering with the email of an existing Guance account: that account's
//! other workspaces, each with Bind (after a confirmation) while bindable, Bound once bound, or why
//! it cannot be bound. Nothing shows after an ordinary registration (the list is empty).

use activation_core::api::{Workspace, WorkspaceList, WorkspaceState};
use leptos::prelude::*;

use crate::{
    api::{self, ClientError},
    components::{ConfirmDialog, FailureBanner},
    i18n::{site_name, t, text, use_lang, workspace_state},
};

#[component]
pub fn OfferedWorkspaces() -> impl IntoView {
    let base = api::use_api();
    let list = LocalResource::new(move || {
        let base = base.clone();
        async move { api::offered_workspaces(&base).await }
    });
    move || match list.get() {
        Some(Ok(WorkspaceList { workspaces })) if !workspaces.is_empty() => view! {
            <section class="card" aria-labelledby="offered-title" data-testid="offered">
                <h2 id="offered-title">{t(text::OFFERED_TITLE)}</h2>
                <p>{t(text::OFFERED_INTRO)}</p>
                <ul class="workspace-list">
                    {workspaces
                        .into_iter()
                        .map(|workspace| view! { <OfferedCard workspace=workspace/> })
                        .collect_view()}
                </ul>
            </section>
        }
        .into_any(),
        Some(Err(error)) => {
            let failure = RwSignal::new(Some(error));
            view! { <FailureBanner failure=failure retry=Callback::new(move |()| list.refetch())/> }
                .into_any()
        }
        _ => ().into_any(),
    }
}

#[component]
fn OfferedCard(workspace: Workspace) -> impl IntoView {
    let base = api::use_api();
    let lang = use_lang();
    let state = RwSignal::new(workspace.state);
    let failure = RwSignal::new(None::<ClientError>);
    let confirming = RwSignal::new(false);
    let id = workspace.id.clone();
    let button_id = format!("offer-{}", id.as_str());
    let title_id = format!("offered-{}", id.as_str());
    let return_focus = RwSignal::new(button_id.clone());
    let bind = Action::new_local(move |(): &()| {
        let (base, id) = (base.clone(), id.clone());
        async move {
            match api::bind_offered(&base, &id).await {
                Ok(bound) => state.set(bound.state),
                Err(error) => failure.set(Some(error)),
            }
        }
    });
    let pending = bind.pending();
    let send = move || {
        if !pending.get_untracked() && state.get_untracked() == WorkspaceState::Bindable {
            failure.set(None);
            bind.dispatch_local(());
        }
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
        move || match state.get() {
            WorkspaceState::Bindable => view! {
                <button
                    type="button"
                    id=button_id.clone()
                    aria-describedby=title_id.clone()
                    disabled=move || pending.get()
                    aria-busy=move || pending.get().to_string()
                    on:click=move |_| confirming.set(true)
                >
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
    };
    let site = workspace.site;
    view! {
        <li class="workspace-card" data-testid="offered-row">
            <div class="workspace-head">
                <h3 id=title_id tabindex="-1">{workspace.name.to_string()}</h3>
                {action}
            </div>
            <dl class="facts">
                <dt>{t(text::SITE_OF_WORKSPACE)}</dt>
                <dd>{move || site_name(lang.get(), site)}</dd>
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
