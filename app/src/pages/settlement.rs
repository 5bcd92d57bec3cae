//! Workspace management's table with **Change settlement method** per workspace, and its dialog:
//! Direct, AWS account, Alibaba Cloud account or Huawei Cloud account, the IDs each asks for,
//! **Confirm** / **Cancel**. Core's draft and rules; a refusal keeps everything typed; the changed
//! row shows the new method at once. The dialog is modal like `ConfirmDialog`: the page behind it
//! is inert, Tab stays inside, Escape cancels, focus returns to the button that opened it.

use activation_core::{
    FieldErrors, FieldId,
    api::{Settlement, Workspace},
    domain::Marketplace,
    settlement::{SettlementDraft, SettlementMethod},
};
use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use crate::{
    api,
    components::{
        ErrorSummary, FailureBanner, Form, SubmitButton, TextField, errors_of, focus_element,
        make_outside_inert, release_inert,
    },
    i18n::{
        Tr, billing_workspace_state, settlement_text, site_name, t, text, use_lang,
        workspace_language_name,
    },
};

/// The id of a row's Change settlement method button (where focus returns).
fn button_id(workspace: &Workspace) -> String {
    format!("settle-{}", workspace.id.as_str())
}

/// Workspaces with site, language, settlement, state, and Change settlement method each.
#[component]
pub fn SettlementTable(workspaces: Vec<Workspace>) -> impl IntoView {
    let lang = use_lang();
    let rows: Vec<RwSignal<Workspace>> = workspaces.into_iter().map(RwSignal::new).collect();
    let editing = RwSignal::new(None::<RwSignal<Workspace>>);
    let changed = RwSignal::new(false);
    let body = rows
        .into_iter()
        .map(|row| {
            let w = row.get_untracked();
            let name_id = format!("ws-name-{}", w.id.as_str());
            view! {
                <tr data-testid="workspace-row">
                    <th scope="row" id=name_id.clone()>{w.name.to_string()}</th>
                    <td data-label=t(text::SITE_OF_WORKSPACE)>{move || site_name(lang.get(), w.site)}</td>
                    <td data-label=t(text::WORKSPACE_LANGUAGE)>{t(workspace_language_name(w.language))}</td>
                    <td data-testid="settlement" data-label=t(text::SETTLEMENT)>
                        {move || settlement_text(lang.get(), &row.get().settlement)}
                    </td>
                    <td data-testid="state" data-label=t(text::STATE)>
                        {move || billing_workspace_state(row.get().state).get(lang.get())}
                    </td>
                    <td>
                        <button
                            type="button"
                            class="secondary"
                            id=button_id(&w)
                            aria-describedby=name_id
                            on:click=move |_| {
                                changed.set(false);
                                editing.set(Some(row));
                            }
                        >
                            {t(text::CHANGE_SETTLEMENT)}
                        </button>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let close = move |done: Option<Workspace>| {
        if let (Some(row), Some(workspace)) = (editing.get_untracked(), done) {
            row.set(workspace);
            changed.set(true);
        }
        editing.set(None);
    };
    view! {
        <p class="status" role="status" data-testid="settlement-changed">
            {move || changed.get().then(|| t(text::SETTLEMENT_CHANGED)())}
        </p>
        // Scrolls sideways on a narrow screen: focusable, so the keyboard can scroll it (axe-core).
        <div class="table-wrap" tabindex="0" role="region" aria-label=t(text::WORKSPACES)>
            // On a phone each row is a card whose cells say what they are (`data-label`).
            <table class="workspaces settlement-table">
                <thead>
                    <tr>
                        <th scope="col">{t(text::NAME)}</th>
                        <th scope="col">{t(text::SITE_OF_WORKSPACE)}</th>
                        <th scope="col">{t(text::WORKSPACE_LANGUAGE)}</th>
                        <th scope="col">{t(text::SETTLEMENT)}</th>
                        <th scope="col">{t(text::STATE)}</th>
                        <th scope="col">{t(text::ACTIONS)}</th>
                    </tr>
                </thead>
                <tbody>{body}</tbody>
            </table>
        </div>
        {move || {
            editing
                .get()
                .map(|row| {
                    view! {
                        <SettlementDialog
                            workspace=row.get_untracked()
                            on_done=Callback::new(move |w| close(Some(w)))
                            on_cancel=Callback::new(move |()| close(None))
                        />
                    }
                })
        }}
    }
}

/// The method a workspace is settled by now, to start the dialog from.
fn current_method(settlement: &Settlement) -> SettlementMethod {
    match settlement {
        Settlement::BillingCenter => SettlementMethod::Direct,
        Settlement::CloudAccount { marketplace: Marketplace::Aws, .. } => SettlementMethod::Aws,
        Settlement::CloudAccount { marketplace: Marketplace::Aliyun, .. } => {
            SettlementMethod::Aliyun
        }
        Settlement::CloudAccount { marketplace: Marketplace::Huawei, .. } => {
            SettlementMethod::Huawei
        }
    }
}

fn method_label(method: SettlementMethod) -> Tr {
    match method {
        SettlementMethod::Direct => text::SETTLE_DIRECT,
        SettlementMethod::Aws => text::AWS_ACCOUNT,
        SettlementMethod::Aliyun => text::ALIYUN_ACCOUNT,
        SettlementMethod::Huawei => text::HUAWEI_ACCOUNT,
    }
}

/// What can take focus inside the dialog, in order.
fn focusable(dialog: &web_sys::Element) -> Vec<web_sys::HtmlElement> {
    let Ok(found) = dialog.query_selector_all(
        "button:not([disabled]), input:not([disabled]), a[href], select, [tabindex='0']",
    ) else {
        return Vec::new();
    };
    (0..found.length())
        .filter_map(|i| found.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        // An unchecked radio is reached with the arrow keys, not Tab.
        .filter(|el| {
            el.dyn_ref::<web_sys::HtmlInputElement>()
                .is_none_or(|input| input.type_() != "radio" || input.checked())
        })
        .collect()
}

/// The dialog for one workspace; `on_done` gets the workspace as changed.
#[component]
fn SettlementDialog(
    workspace: Workspace,
    on_done: Callback<Workspace>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let base = api::use_api();
    let draft = RwSignal::new(SettlementDraft {
        method: current_method(&workspace.settlement),
        ..SettlementDraft::default()
    });
    let form = Form::new(draft, |d: &SettlementDraft| errors_of(d.validate()));
    let backdrop = NodeRef::<html::Div>::new();
    let dialog = NodeRef::<html::Div>::new();
    let made_inert = StoredValue::new_local(Vec::<web_sys::Element>::new());
    let return_to = button_id(&workspace);
    Effect::new(move |_| {
        if let (Some(backdrop), Some(dialog)) = (backdrop.get(), dialog.get()) {
            release_inert(made_inert);
            made_inert.set_value(make_outside_inert(&backdrop));
            if let Some(first) = focusable(&dialog).into_iter().next() {
                let _ = first.focus();
            }
        }
    });
    on_cleanup(move || {
        // The opener is behind the dialog: it can take focus only once it is not inert.
        release_inert(made_inert);
        focus_element(&return_to);
    });
    let id = workspace.id.clone();
    let submit = Action::new_local(move |draft: &SettlementDraft| {
        let (base, id, draft) = (base.clone(), id.clone(), draft.clone());
        async move {
            match api::change_settlement(&base, &id, &draft).await {
                Ok(changed) => on_done.run(changed),
                Err(error) => form.fail(error),
            }
        }
    });
    let pending = submit.pending();
    let send = move || {
        if let Some(draft) = form.submit()
            && !pending.get_untracked()
        {
            submit.dispatch_local(draft);
        }
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            let Some(dialog) = dialog.get() else { return };
            let inside = focusable(&dialog);
            let active = document().active_element();
            let is = |el: Option<&web_sys::HtmlElement>| matches!((el, &active), (Some(el), Some(a)) if a == el.unchecked_ref::<web_sys::Element>());
            if ev.shift_key() && is(inside.first()) {
                ev.prevent_default();
                inside.last().map(|el| el.focus());
            } else if !ev.shift_key() && is(inside.last()) {
                ev.prevent_default();
                inside.first().map(|el| el.focus());
            }
        }
        _ => {}
    };
    let choose = move |method: SettlementMethod| {
        // Errors belong to the fields of the method they were found in.
        form.errors.set(FieldErrors::new());
        form.failure.set(None);
        draft.update(|d| d.method = method);
    };
    let choices = SettlementMethod::ALL
        .into_iter()
        .map(|method| {
            let id = format!("settlement-{}", method.code());
            view! {
                <div class="field checkbox">
                    <input
                        type="radio"
                        name="settlement-method"
                        id=id.clone()
                        value=method.code()
                        prop:checked=move || draft.with(|d| d.method == method)
                        on:change=move |_| choose(method)
                    />
                    <label for=id>{t(method_label(method))}</label>
                </div>
            }
        })
        .collect_view();
    let fields = move || {
        match draft.with(|d| d.method) {
        SettlementMethod::Direct => ().into_any(),
        SettlementMethod::Aws => view! {
            <TextField
                binding=form.text(FieldId::AwsAccountId, |d| &d.aws_account_id, |d| &mut d.aws_account_id)
                label=text::AWS_ACCOUNT_ID
                inputmode="numeric"
            />
        }
        .into_any(),
        SettlementMethod::Aliyun => view! {
            <TextField
                binding=form.text(FieldId::AliyunAccountId, |d| &d.aliyun_account_id, |d| &mut d.aliyun_account_id)
                label=text::ALIYUN_ACCOUNT_ID
                inputmode="numeric"
            />
            <TextField
                binding=form.text(FieldId::AliyunInstanceId, |d| &d.aliyun_instance_id, |d| &mut d.aliyun_instance_id)
                label=text::ALIYUN_INSTANCE_ID
            />
            <p>
                <a href="/help/aliyun-instance-id" target="_blank" rel="noopener" class="help-link">
                    {t(text::HOW_TO_OBTAIN_INSTANCE_ID)}
                    " "
                    {t(text::OPENS_IN_NEW_TAB)}
                </a>
            </p>
        }
        .into_any(),
        SettlementMethod::Huawei => view! {
            <TextField
                binding=form.text(FieldId::HuaweiAccountId, |d| &d.huawei_account_id, |d| &mut d.huawei_account_id)
                label=text::HUAWEI_ACCOUNT_ID
            />
            <TextField
                binding=form.text(FieldId::HuaweiInstanceId, |d| &d.huawei_instance_id, |d| &mut d.huawei_instance_id)
                label=text::HUAWEI_INSTANCE_ID
            />
            <p>
                <a href="/help/huawei-instance-id" target="_blank" rel="noopener" class="help-link">
                    {t(text::HOW_TO_FIND_HUAWEI_INSTANCE_ID)}
                    " "
                    {t(text::OPENS_IN_NEW_TAB)}
                </a>
            </p>
        }
        .into_any(),
    }
    };
    view! {
        <div class="dialog-backdrop" node_ref=backdrop>
            <div
                class="dialog settlement-dialog"
                role="dialog"
                aria-modal="true"
                aria-labelledby="settlement-title"
                aria-describedby="settlement-intro"
                data-testid="settlement-dialog"
                node_ref=dialog
                on:keydown=on_keydown
            >
                <h2 id="settlement-title">{t(text::CHANGE_SETTLEMENT)}</h2>
                <p id="settlement-intro">
                    <strong>{workspace.name.to_string()}</strong>
                    {t(text::LABEL_SEPARATOR)}
                    {t(text::SETTLEMENT_DIALOG_INTRO)}
                </p>
                <ErrorSummary errors=form.errors focus=form.summary_focus/>
                <FailureBanner failure=form.failure retry=Callback::new(move |()| send())/>
                <form
                    novalidate
                    on:submit=move |ev| {
                        ev.prevent_default();
                        send();
                    }
                >
                    <fieldset class="choices">
                        <legend>{t(text::SETTLEMENT)}</legend>
                        {choices}
                    </fieldset>
                    {fields}
                    <div class="actions">
                        <button type="button" class="secondary" on:click=move |_| on_cancel.run(())>
                            {t(text::CANCEL)}
                        </button>
                        <SubmitButton label=text::CONFIRM pending=pending/>
                    </div>
                </form>
            </div>
        </div>
    }
}
