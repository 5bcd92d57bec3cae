//! On Activated, after registering with the email of an existing Guance account: that account's
//! other workspaces, each with Bind (after a confirmation) while bindable, Bound once bound, or why
//! it cannot be bound. Nothing shows after an ordinary registration (the list is empty).

use activation_core::api::{Workspace, WorkspaceList, WorkspaceState};
use leptos::prelude::*;

use crate::{
    api::{self, ClientError},
    components::{BindableCard, CardNames, FailureBanner},
    i18n::{t, text},
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

/// One offered workspace: its card, bound through Activated's own call.
#[component]
fn OfferedCard(workspace: Workspace) -> impl IntoView {
    let base = api::use_api();
    let state = RwSignal::new(workspace.state);
    let failure = RwSignal::new(None::<ClientError>);
    let id = workspace.id.clone();
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
    let send = Callback::new(move |()| {
        if !pending.get_untracked() && state.get_untracked() == WorkspaceState::Bindable {
            failure.set(None);
            bind.dispatch_local(());
        }
    });
    let names = CardNames { button: "offer", title: "offered", row: "offered-row" };
    view! {
        <BindableCard
            workspace=workspace
            names=names
            nested=true
            state=state
            pending=pending
            failure=failure
            send=send
        />
    }
}
