//! A read-only table of workspaces: name, site, language and who pays (summaries, Billing Center).

use activation_core::api::Workspace;
use leptos::prelude::*;

use crate::i18n::{
    settlement_text, site_name, t, text, use_lang, workspace_language_name, workspace_state,
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
                    <td>{move || site_name(lang.get(), w.site)}</td>
                    <td>{t(workspace_language_name(w.language))}</td>
                    <td>{move || settlement_text(lang.get(), &settlement)}</td>
                    {show_state.then(|| view! { <td>{t(workspace_state(w.state))}</td> })}
                </tr>
            }
        })
        .collect_view();
    view! {
        // It scrolls sideways on a narrow screen: a named region that takes focus, so the keyboard
        // can scroll it too (axe-core's scrollable-region-focusable).
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
