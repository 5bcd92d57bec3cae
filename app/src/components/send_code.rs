//! The Send code button: sends a verification code, then counts down 60 s before it can send
//! again. The deadline and the (masked) address the code went to are kept in sessionStorage per
//! purpose and address, as the server keeps codes, so a reload neither resets the countdown nor
//! forgets where the code went, and one page's code does not hold back another's button.

use std::time::Duration;

use activation_core::{
    api::{ApiError, CodeSent, SendCodeRequest},
    recovery::RecoveryCodeRequest,
};
use leptos::prelude::*;

use super::FailureBanner;
use crate::{
    api::{self, ClientError},
    i18n::{resend_in, t, text, use_lang},
    storage,
};

/// A request the Send code button can send: an activation step's code, or Forgot password?'s.
pub trait CodeRequest: Clone + Send + Sync + 'static {
    fn send(&self, base: &api::Api) -> impl Future<Output = Result<CodeSent, ClientError>>;
}

impl CodeRequest for SendCodeRequest {
    fn send(&self, base: &api::Api) -> impl Future<Output = Result<CodeSent, ClientError>> {
        api::send_code(base, self)
    }
}

impl CodeRequest for RecoveryCodeRequest {
    fn send(&self, base: &api::Api) -> impl Future<Output = Result<CodeSent, ClientError>> {
        api::recovery_code(base, self)
    }
}

fn cooldown_key(purpose: &str, address: &str) -> String {
    format!("activation.code-cooldown.{purpose}.{}", address.trim().to_lowercase())
}

/// Where the code went (masked) and until when it is valid, in ms since the epoch.
fn sent_to_key(purpose: &str, address: &str) -> String {
    format!("activation.code-sent-to.{purpose}.{}", address.trim().to_lowercase())
}

/// Sends a code for the request `prepare` builds (`None` when the address is invalid: the page shows
/// that error itself). A refusal about a field (an email already registered, an unknown account)
/// goes to `on_error`, for the form to show at that field; any other failure (the network, the
/// service, the hourly limit) is shown under the button, with a Try again that sends the code again
/// (not the whole step).
#[component]
pub fn SendCodeButton<R: CodeRequest>(
    /// What the code is for, as the API names it (`register`, `bind_account`,
    /// `create_workspace`): the countdown is this purpose's.
    purpose: &'static str,
    /// Which address the cooldown belongs to (the email or username typed).
    #[prop(into)]
    address: Signal<String>,
    prepare: Callback<(), Option<R>>,
    on_error: Callback<ClientError>,
) -> impl IntoView {
    let base = api::use_api();
    let lang = use_lang();
    let now = RwSignal::new(storage::now_ms());
    let deadline = RwSignal::new(0.0_f64);
    let sent_to = RwSignal::new(None::<String>);
    let failure = RwSignal::new(None::<ClientError>);
    // The deadline and where the code went, for the address currently typed, from storage (they
    // survive a reload); a failure shown for another address no longer applies.
    Effect::new(move |_| {
        let typed = address.get();
        let stored: Option<f64> = storage::load(&cooldown_key(purpose, &typed));
        deadline.set(stored.unwrap_or(0.0));
        let sent: Option<(String, f64)> = storage::load(&sent_to_key(purpose, &typed));
        sent_to.set(sent.filter(|(_, until)| *until > storage::now_ms()).map(|(to, _)| to));
        failure.set(None);
    });
    if let Ok(handle) =
        set_interval_with_handle(move || now.set(storage::now_ms()), Duration::from_millis(500))
    {
        on_cleanup(move || handle.clear());
    }
    let remaining = move || ((deadline.get() - now.get()) / 1000.0).ceil().max(0.0) as u32;
    let start_cooldown = move |addr: &str, secs: u32| {
        let until = storage::now_ms() + f64::from(secs) * 1000.0;
        storage::save(&cooldown_key(purpose, addr), &until);
        deadline.set(until);
        now.set(storage::now_ms());
    };
    let send = Action::new_local(move |request: &(String, R)| {
        let base = base.clone();
        let (addr, request) = request.clone();
        async move {
            let result: Result<CodeSent, ClientError> = request.send(&base).await;
            match result {
                Ok(sent) => {
                    start_cooldown(&addr, sent.resend_after_secs);
                    let valid_until = storage::now_ms() + f64::from(sent.valid_for_secs) * 1000.0;
                    storage::save(
                        &sent_to_key(purpose, &addr),
                        &(sent.sent_to.clone(), valid_until),
                    );
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
    // For the address as it is typed now (Try again included).
    let send_now = move || {
        if pending.get_untracked() || remaining() > 0 {
            return;
        }
        if let Some(request) = prepare.run(()) {
            failure.set(None);
            send.dispatch_local((address.get_untracked(), request));
        }
    };
    let on_click = move |_| send_now();
    let retry = Callback::new(move |()| send_now());
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
                    resend_in(lang.get(), remaining())
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
