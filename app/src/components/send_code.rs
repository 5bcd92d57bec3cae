//! The Send code button: sends a verification code, then counts down 60 s before it can send
//! again. The deadline and the (masked) address the code went to are kept in sessionStorage per
//! address typed, so a reload neither resets the countdown nor forgets where the code went.

use std::time::Duration;

use activation_core::api::{ApiError, CodeSent, SendCodeRequest};
use leptos::prelude::*;

use super::FailureBanner;
use crate::{
    ApiBase,
    api::{self, ClientError},
    i18n::{t, text},
    storage,
};

fn cooldown_key(address: &str) -> String {
    format!("activation.code-cooldown.{}", address.trim().to_lowercase())
}

fn sent_to_key(address: &str) -> String {
    format!("activation.code-sent-to.{}", address.trim().to_lowercase())
}

/// Sends a code for the request `prepare` builds (`None` when the address is invalid: the page shows
/// that error itself). A refusal about a field (an email already registered, an unknown account)
/// goes to `on_error`, for the form to show at that field; any other failure (the network, the
/// service, the hourly limit) is shown under the button, with a Try again that sends the code again
/// (not the whole step).
#[component]
pub fn SendCodeButton(
    /// Which address the cooldown belongs to (the email or username typed).
    #[prop(into)]
    address: Signal<String>,
    prepare: Callback<(), Option<SendCodeRequest>>,
    on_error: Callback<ClientError>,
) -> impl IntoView {
    let base = expect_context::<ApiBase>();
    let now = RwSignal::new(storage::now_ms());
    let deadline = RwSignal::new(0.0_f64);
    let sent_to = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ClientError>);
    let last = StoredValue::new(None::<(String, SendCodeRequest)>);
    // The deadline and the masked address of the address currently typed, from storage (they
    // survive a reload).
    Effect::new(move |_| {
        let typed = address.get();
        let stored: Option<f64> = storage::load(&cooldown_key(&typed));
        deadline.set(stored.unwrap_or(0.0));
        sent_to.set(storage::load(&sent_to_key(&typed)));
    });
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(storage::now_ms()), Duration::from_millis(500))
    {
        on_cleanup(move || handle.clear());
    }
    let remaining = move || ((deadline.get() - now.get()) / 1000.0).ceil().max(0.0) as u32;
    let start_cooldown = move |addr: &str, secs: u32| {
        let until = storage::now_ms() + f64::from(secs) * 1000.0;
        storage::save(&cooldown_key(addr), &until);
        deadline.set(until);
        now.set(storage::now_ms());
    };
    let send = Action::new_unsync(move |request: &(String, SendCodeRequest)| {
        let base = base.clone();
        let (addr, request) = request.clone();
        async move {
            let result: Result<CodeSent, ClientError> = api::send_code(&base, &request).await;
            match result {
                Ok(sent) => {
                    start_cooldown(&addr, sent.resend_after_secs);
                    storage::save(&sent_to_key(&addr), &sent.sent_to);
                    sent_to.set(Some(sent.sent_to));
                }
                Err(ClientError::Api(ApiError::CodeSentTooRecently { retry_after_secs })) => {
                    start_cooldown(&addr, retry_after_secs);
                }
                Err(error) if error.field_errors().is_empty() => failure.set(Some(error)),
                Err(error) => on_error.run(error),
            }
        }
    });
    let pending = send.pending();
    let dispatch = move |request: (String, SendCodeRequest)| {
        failure.set(None);
        last.set_value(Some(request.clone()));
        send.dispatch(request);
    };
    let on_click = move |_| {
        if pending.get_untracked() || remaining() > 0 {
            return;
        }
        if let Some(request) = prepare.run(()) {
            dispatch((address.get_untracked(), request));
        }
    };
    let retry = Callback::new(move |()| {
        if let Some(request) = last.get_value()
            && !pending.get_untracked()
            && remaining() == 0
        {
            dispatch(request);
        }
    });
    view! {
        <button
            type="button"
            class="secondary send-code"
            disabled=move || { pending.get() || remaining() > 0 }
            aria-busy=move || pending.get().to_string()
            on:click=on_click
        >
            {move || {
                if pending.get() {
                    t(text::SENDING_CODE)().to_owned()
                } else if remaining() > 0 {
                    format!("{} {}{}", t(text::RESEND_IN)(), remaining(), t(text::SECONDS)())
                } else {
                    t(text::SEND_CODE)().to_owned()
                }
            }}
        </button>
        <FailureBanner failure=failure retry=retry/>
        <p class="hint code-sent" role="status">
            {move || {
                sent_to
                    .get()
                    .map(|to| {
                        let (sent, end) = (t(text::CODE_SENT_TO)(), t(text::SENTENCE_END)());
                        format!("{sent} {to}{end}{}", t(text::CODE_VALID)())
                    })
            }}
        </p>
    }
}
