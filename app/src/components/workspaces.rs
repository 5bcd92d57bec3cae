//! Workspaces shown to the buyer: a read-only table (name, site, language, who pays: summaries,
//! the Billing Center), and the card of one workspace that may be bound (Bind workspaces, and
//! Activated's offer of a Guance user's other workspaces).

use activation_core::api::{Workspace, WorkspaceState};
use leptos::prelude::*;

use super::{ConfirmDialog, FailureBanner};
use crate::{
    api::ClientError,
    i18n::{
        settlement_text, site_name, t, text, use_lang, workspace_language_name, workspace_state,
    },
};

/// Workspaces with their site, language, settlement and (optionally) state.
#[component]
pub fn WorkspaceTable(
    workspaces: Vec<Workspace>,
    #[prop(optional)] show_state: bool,
) -> impl IntoView {
    let lang = use_lang();
    let rows = workspaces
        .into_iter()
        .map(|w| {
            let settlement = w.settlement.clone();
            view! {
                <tr data-testid="workspace-row">
                    <th scope="row">{w.name.to_string()}</th>
                    <td data-label=t(text::SITE_OF_WORKSPACE)>
                        {move || site_name(lang.get(), w.site)}
                    </td>
                    <td data-label=t(text::WORKSPACE_LANGUAGE)>
                        {t(workspace_language_name(w.language))}
                    </td>
                    <td data-label=t(text::SETTLEMENT)>
                        {move || settlement_text(lang.get(), &settlement)}
                    </td>
                    {show_state
                        .then(|| {
                            view! {
                                <td data-label=t(text::STATE)>{t(workspace_state(w.state))}</td>
                            }
                        })}
                </tr>
            }
        })
        .collect_view();
    view! {
        // A named region that takes focus, so the keyboard can scroll it should it ever be wider
        // than the page (axe-core's scrollable-region-focusable). On a phone each row is a card
        // whose cells say what they are (`data-label`, style/main.css).
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(text::WORKSPACES)>
            <table class="workspaces">
                <thead>
                    <tr>
                        <th scope="col">{t(text::NAME)}</th>
                        <th scope="col">{t(text::SITE_OF_WORKSPACE)}</th>
                        <th scope="col">{t(text::WORKSPACE_LANGUAGE)}</th>
                        <th scope="col">{t(text::SETTLEMENT)}</th>
                        {show_state.then(|| view! { <th scope="col">{t(text::STATE)}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
    }
}

/// How a page names the parts of its [`BindableCard`]s: the prefixes of the Bind button's and the
/// name's ids (each followed by the workspace ID), and the card's test id.
#[derive(Clone, Copy)]
pub struct CardNames {
    pub button: &'static str,
    pub title: &'static str,
    pub row: &'static str,
}

/// One workspace that may be bound: its name (an `h2`, or an `h3` when the cards sit under a
/// section's own heading), Bind while it is bindable (after a confirmation), Bound once it is, its
/// site, language and state, and what went wrong. The page binds: `send` runs its call (on
/// Confirm, and on Try again), which moves `state`, `pending` and `failure`.
#[component]
pub fn BindableCard(
    workspace: Workspace,
    names: CardNames,
    /// Under a section heading of the page's own: the name is an `h3`.
    #[prop(optional)]
    nested: bool,
    state: RwSignal<WorkspaceState>,
    #[prop(into)] pending: Signal<bool>,
    failure: RwSignal<Option<ClientError>>,
    send: Callback<()>,
) -> impl IntoView {
    let lang = use_lang();
    let confirming = RwSignal::new(false);
    let id = workspace.id.as_str();
    let button_id = format!("{}-{id}", names.button);
    let title_id = format!("{}-{id}", names.title);
    // Cancel returns focus to Bind; Confirm to the workspace's name (Bind is busy, then gone).
    let return_focus = RwSignal::new(button_id.clone());
    let on_confirm = Callback::new({
        let title_id = title_id.clone();
        move |()| {
            return_focus.set(title_id.clone());
            confirming.set(false);
            send.run(());
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
    let name = workspace.name.to_string();
    let heading = if nested {
        view! { <h3 id=title_id tabindex="-1">{name}</h3> }.into_any()
    } else {
        view! { <h2 id=title_id tabindex="-1">{name}</h2> }.into_any()
    };
    let site = workspace.site;
    view! {
        <li class="workspace-card" data-testid=names.row>
            <div class="workspace-head">
                {heading}
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
            <FailureBanner failure=failure retry=send/>
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
