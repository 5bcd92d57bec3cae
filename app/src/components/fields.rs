//! Form inputs that wire label, input, hint, `aria-invalid`, `aria-describedby` and the error line
//! once, for every field of every screen.

use leptos::prelude::*;

use super::form::{Binding, Toggle, input_id};
use crate::i18n::{Tr, field_error, t, text, use_lang};

/// The error line under a field: present (and announced) only while the field has an error.
#[component]
fn FieldErrorLine(
    binding_field: activation_core::FieldId,
    error: Signal<Option<activation_core::FieldError>>,
) -> impl IntoView {
    let lang = use_lang();
    let id = format!("{}-error", input_id(binding_field));
    move || {
        error.get().map(|e| {
            view! {
                <p class="field-error" id=id.clone()>
                    {field_error(lang.get(), binding_field, e)}
                </p>
            }
        })
    }
}

/// `aria-describedby` for a field: its hint, where a read-only value came from, and, while present,
/// its error.
fn described_by(
    id: &str,
    hint: bool,
    source: bool,
    error: Signal<Option<activation_core::FieldError>>,
) -> impl Fn() -> Option<String> + Send + Sync + 'static + use<> {
    let id = id.to_owned();
    move || {
        let mut ids = Vec::new();
        if hint {
            ids.push(format!("{id}-hint"));
        }
        if source {
            ids.push(format!("{id}-source"));
        }
        if error.get().is_some() {
            ids.push(format!("{id}-error"));
        }
        (!ids.is_empty()).then(|| ids.join(" "))
    }
}

/// A labelled text input (also email, password, tel).
#[component]
pub fn TextField(
    binding: Binding,
    label: Tr,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] hint: Option<Tr>,
    #[prop(optional)] optional: bool,
    #[prop(optional)] readonly: bool,
    #[prop(optional)] inputmode: Option<&'static str>,
    /// A "How do I find this?" page (for a read-only value: where the marketplace shows it).
    #[prop(optional)]
    help: Option<&'static str>,
    /// Where a read-only value came from (e.g. "From your Alibaba Cloud purchase").
    #[prop(optional)]
    source: Option<Tr>,
    #[prop(optional)] children: Option<Children>,
) -> impl IntoView {
    let id = input_id(binding.field);
    let error = binding.error;
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                {t(label)}
                {optional.then(|| view! { <span class="optional">" " {t(text::OPTIONAL)}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{t(hint)}</p> })}
            <div class="input-row">
                <input
                    id=id.clone()
                    name=binding.field.as_str()
                    type=kind
                    autocomplete=autocomplete
                    inputmode=inputmode
                    readonly=readonly
                    aria-readonly=readonly.then_some("true")
                    aria-invalid=move || error.get().is_some().to_string()
                    aria-describedby=described_by(&id, hint.is_some(), readonly, error)
                    prop:value=move || binding.value.get()
                    on:input=move |ev| binding.set.run(event_target_value(&ev))
                />
                {children.map(|c| c())}
            </div>
            {readonly
                .then(|| {
                    let from = source.unwrap_or(text::READ_ONLY_FROM_MARKETPLACE);
                    view! { <p class="hint" id=format!("{id}-source")>{t(from)}</p> }
                })}
            // Nothing to find in a value already filled in: the page shows where the marketplace
            // keeps it.
            {help
                .map(|href| {
                    let words = if readonly { text::WHERE_MARKETPLACE_SHOWS } else { text::HOW_TO_FIND };
                    view! { <a href=href class="help-link">{t(words)}</a> }
                })}
            <FieldErrorLine binding_field=binding.field error=error/>
        </div>
    }
}

/// A labelled select; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    binding: Binding,
    label: Tr,
    options: Vec<(String, Signal<String>)>,
    #[prop(optional)] hint: Option<Tr>,
    #[prop(optional)] optional: bool,
) -> impl IntoView {
    let id = input_id(binding.field);
    let error = binding.error;
    view! {
        <div class="field" class:has-error=move || error.get().is_some()>
            <label for=id.clone()>
                {t(label)}
                {optional.then(|| view! { <span class="optional">" " {t(text::OPTIONAL)}</span> })}
            </label>
            {hint.map(|hint| view! { <p class="hint" id=format!("{id}-hint")>{t(hint)}</p> })}
            <select
                id=id.clone()
                name=binding.field.as_str()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by(&id, hint.is_some(), false, error)
                prop:value=move || binding.value.get()
                on:change=move |ev| binding.set.run(event_target_value(&ev))
            >
                {options
                    .into_iter()
                    .map(|(value, label)| {
                        let selected = {
                            let value = value.clone();
                            move || binding.value.get() == value
                        };
                        view! { <option value=value selected=selected>{move || label.get()}</option> }
                    })
                    .collect_view()}
            </select>
            <FieldErrorLine binding_field=binding.field error=error/>
        </div>
    }
}

/// Where every "I agree to the terms" links: the terms page (`pages::Terms`).
pub const TERMS_PATH: &str = "/terms";

/// A labelled checkbox (the terms). With `terms`, a link to the terms page follows the label; it
/// opens in a new tab (which the router leaves alone), so the form stays as typed.
#[component]
pub fn CheckboxField(toggle: Toggle, label: Tr, #[prop(optional)] terms: bool) -> impl IntoView {
    let id = input_id(toggle.field);
    let error = toggle.error;
    view! {
        <div class="field checkbox" class:has-error=move || error.get().is_some()>
            <input
                type="checkbox"
                id=id.clone()
                name=toggle.field.as_str()
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described_by(&id, false, false, error)
                prop:checked=move || toggle.checked.get()
                on:change=move |ev| toggle.set.run(event_target_checked(&ev))
            />
            <label for=id.clone()>{t(label)}</label>
            {terms
                .then(|| {
                    view! {
                        <a href=TERMS_PATH target="_blank" rel="noopener" class="terms-link">
                            {t(text::TERMS_LINK)}
                        </a>
                    }
                })}
            <FieldErrorLine binding_field=toggle.field error=error/>
        </div>
    }
}
