//! A modal confirmation dialog: focus moves into it, Tab and Shift+Tab stay inside it, everything
//! else on the page is `inert` while it is open (no pointer, keyboard or screen reader reaches the
//! page behind), Escape and Cancel close it, and focus goes back to what opened it.

use leptos::{html, prelude::*};
use wasm_bindgen::JsCast;

use super::feedback::focus_element;
use crate::i18n::{Tr, t, text};

/// Shown while `open` is true; `on_confirm` runs on Confirm, `on_cancel` on Cancel or Escape. Focus
/// returns to the element with id `return_focus` when it closes.
#[component]
pub fn ConfirmDialog(
    #[prop(into)] open: Signal<bool>,
    title: Tr,
    body: Tr,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
    #[prop(into)] return_focus: Signal<String>,
) -> impl IntoView {
    let backdrop = NodeRef::<html::Div>::new();
    // What this dialog made inert, so that closing it (or another dialog's going away) frees
    // exactly that.
    let made_inert = StoredValue::new_local(Vec::<web_sys::Element>::new());
    let cancel_button = NodeRef::<html::Button>::new();
    let confirm_button = NodeRef::<html::Button>::new();
    let was_open = std::cell::Cell::new(None::<bool>);
    Effect::new(move |_| {
        let is_open = open.get();
        if is_open {
            if let Some(backdrop) = backdrop.get() {
                release_inert(made_inert);
                made_inert.set_value(make_outside_inert(&backdrop));
            }
            if let Some(button) = cancel_button.get() {
                let _ = button.focus();
            }
        } else if was_open.get() == Some(true) {
            // The opener is behind the dialog: it can take focus only once it is not inert.
            release_inert(made_inert);
            focus_element(&return_focus.get_untracked());
        }
        was_open.set(Some(is_open));
    });
    on_cleanup(move || release_inert(made_inert));
    let on_keydown = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Escape" => {
            ev.prevent_default();
            on_cancel.run(());
        }
        "Tab" => {
            // Two buttons: Tab from the last goes to the first, Shift+Tab from the first to the last.
            let active = document().active_element();
            let (first, last) = (cancel_button.get(), confirm_button.get());
            let is = |el: &Option<web_sys::HtmlButtonElement>| matches!((el, &active), (Some(el), Some(a)) if a == el.unchecked_ref::<web_sys::Element>());
            if ev.shift_key() && is(&first) {
                ev.prevent_default();
                if let Some(last) = last {
                    let _ = last.focus();
                }
            } else if !ev.shift_key() && is(&last) {
                ev.prevent_default();
                if let Some(first) = first {
                    let _ = first.focus();
                }
            }
        }
        _ => {}
    };
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop" node_ref=backdrop>
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="dialog-title"
                    aria-describedby="dialog-body"
                    on:keydown=on_keydown
                >
                    <h2 id="dialog-title">{t(title)}</h2>
                    <p id="dialog-body">{t(body)}</p>
                    <div class="actions">
                        <button
                            type="button"
                            class="secondary"
                            node_ref=cancel_button
                            on:click=move |_| on_cancel.run(())
                        >
                            {t(text::CANCEL)}
                        </button>
                        <button type="button" node_ref=confirm_button on:click=move |_| on_confirm.run(())>
                            {t(text::CONFIRM)}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}

/// Makes every element beside the path from `inside` up to `<body>` inert: the whole page but the
/// dialog. Returns the elements it changed (those already inert are left alone).
pub fn make_outside_inert(inside: &web_sys::Element) -> Vec<web_sys::Element> {
    let mut changed = Vec::new();
    let mut node = inside.clone();
    while let Some(parent) = node.parent_element() {
        let mut sibling = parent.first_element_child();
        while let Some(element) = sibling {
            if element != node && !element.has_attribute("inert") {
                let _ = element.set_attribute("inert", "");
                changed.push(element.clone());
            }
            sibling = element.next_element_sibling();
        }
        if parent.tag_name() == "BODY" {
            break;
        }
        node = parent;
    }
    changed
}

/// Undoes [`make_outside_inert`] for what it changed.
pub fn release_inert(made_inert: StoredValue<Vec<web_sys::Element>, LocalStorage>) {
    for element in made_inert.try_update_value(std::mem::take).unwrap_or_default() {
        let _ = element.remove_attribute("inert");
    }
}
