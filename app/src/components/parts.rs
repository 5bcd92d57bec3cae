//! The pieces the form pages share, each on its own, for the warm-up (`crate::lazy::prefetch`,
//! `crate::pages::chunks::NEXT`).
//!
//! V8 compiles a wasm function the first time it runs, on the main thread. Built whole, the first
//! form page off-screen compiled the form machinery it shares with every other form page in one
//! task as long as a click's (docs/performance.md, issue 22). Built one piece per idle callback
//! before the pages, the same compiling is spread over short tasks, and a buyer scrolling or
//! clicking while they read the first screen waits for none of them.
//!
//! Nothing here is shown: each view is built under a child of the first screen's owner, its DOM
//! never attached, and dropped a moment later. Nothing here sends a request.

use activation_core::{FieldErrors, FieldId, api::SendCodeRequest, flow::Path};
use leptos::prelude::*;

use super::{
    Binding, ErrorSummary, FailureBanner, SendCodeButton, StepIndicator, SubmitButton, TextField,
};
use crate::{api::ClientError, i18n::text};

/// Above a form: the step indicator and the error summary.
#[component]
pub fn FormTop() -> impl IntoView {
    view! {
        <StepIndicator path=Path::Register current=1/>
        <ErrorSummary errors=RwSignal::new(FieldErrors::default()) focus=RwSignal::new(0)/>
    }
}

/// Below a form: the failure banner and the submit button.
#[component]
pub fn FormEnd() -> impl IntoView {
    let failure = RwSignal::new(None::<ClientError>);
    view! {
        <FailureBanner failure=failure retry=Callback::new(|()| ())/>
        <SubmitButton label=text::NEXT pending=Signal::derive(|| false)/>
    }
}

/// A labelled text field.
#[component]
pub fn Field() -> impl IntoView {
    let value = RwSignal::new(String::new());
    let binding = Binding {
        field: FieldId::Username,
        value: value.into(),
        set: Callback::new(move |typed| value.set(typed)),
        error: Signal::derive(|| None),
    };
    view! { <TextField binding=binding label=text::USERNAME/> }
}

/// The Send code button of an activation step (it sends nothing until it is clicked).
#[component]
pub fn SendCode() -> impl IntoView {
    view! {
        <SendCodeButton
            purpose="register"
            address=String::new()
            prepare=Callback::new(|()| None::<SendCodeRequest>)
            on_error=Callback::new(|_: ClientError| ())
        />
    }
}
