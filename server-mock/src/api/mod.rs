//! The activation API under `/api/v1`: every rule of SPEC §4 enforced with core's validation, every
//! refusal in core's error body.

mod billing;
mod bind;
mod client;
mod codes;
mod idempotency;
mod login;
mod offered;
mod recovery;
mod register;
mod session;

pub use login::{LOGIN_WINDOW_SECS, MAX_ADDRESS_FAILURES};

use activation_core::api::{ApiError, paths};

use crate::{
    access::Login,
    cookies,
    routes::{Answer, Input, Method, Operation, Part, Serve, schema},
    store::data::{ActivationSession, Data},
};

/// Every `/api/v1` route.
pub const OPERATIONS: &[Operation] = {
    use activation_core::{api as w, draft as d};
    const fn api(
        method: Method,
        path: &'static str,
        summary: &'static str,
        input: Input,
        answer: Answer,
        serve: Serve,
    ) -> Operation {
        Operation::new(Part::Api, method, path, summary, input, answer, serve)
    }
    &[
        api(
            Method::Get,
            paths::SESSION,
            "What the activation session knows",
            Input::Nothing,
            Answer::Json(schema::<w::SessionContext>),
            |method| method.router(session::context),
        )
        .session(),
        api(
            Method::Post,
            paths::SEND_CODE,
            "Email a verification code",
            Input::Json(schema::<w::SendCodeRequest>),
            Answer::Json(schema::<w::CodeSent>),
            |method| method.router(codes::send),
        )
        .mailing()
        .refusing(&[404, 409, 429])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_BASIC,
            "Register step 1: basic info",
            Input::Json(schema::<d::BasicInfoDraft>),
            Answer::Json(schema::<w::StepAccepted>),
            |method| method.router(register::basic),
        )
        .refusing(&[409, 429])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_COMPANY,
            "Register step 2: company info",
            Input::Json(schema::<d::CompanyDraft>),
            Answer::Json(schema::<w::StepAccepted>),
            |method| method.router(register::company),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_ACTIVATE,
            "Register step 3: activate",
            Input::Json(schema::<d::ActivationDraft>),
            Answer::Json(schema::<w::Moved<w::Activation>>),
            |method| method.router(register::activate),
        )
        .refusing(&[409])
        .session()
        .keyed(),
        api(
            Method::Get,
            paths::REGISTER_OFFERED,
            "After registering into an existing Guance account: its other workspaces",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(offered::list),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::REGISTER_BIND_OFFERED,
            "Bind one of them to the new Billing Center account and the cloud account",
            Input::Nothing,
            Answer::Json(schema::<w::Workspace>),
            |method| method.router(offered::bind),
        )
        .refusing(&[404, 409])
        .session(),
        api(
            Method::Post,
            paths::BIND_ACCOUNT,
            "Bind a Billing Center account",
            Input::Json(schema::<d::BindAccountDraft>),
            Answer::Json(schema::<w::Moved<w::BoundAccount>>),
            |method| method.router(bind::account),
        )
        .setting(&[cookies::ACTIVATION])
        .refusing(&[404, 409, 429])
        .session(),
        api(
            Method::Get,
            paths::BIND_WORKSPACES,
            "Workspaces of the bound Billing Center account",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(bind::list),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::BIND_WORKSPACE,
            "Bind one workspace to the cloud account",
            Input::Nothing,
            Answer::Json(schema::<w::Moved<w::Workspace>>),
            |method| method.router(bind::workspace),
        )
        .refusing(&[404, 409])
        .session()
        .keyed(),
        api(
            Method::Post,
            paths::CREATE_WORKSPACE,
            "Create a workspace and bind it",
            Input::Json(schema::<d::CreateWorkspaceDraft>),
            Answer::Json(schema::<w::Moved<w::Workspace>>),
            |method| method.router(bind::create),
        )
        .refusing(&[409, 429])
        .session()
        .keyed(),
        api(
            Method::Post,
            paths::BIND_DONE,
            "Finish the bind path",
            Input::Nothing,
            Answer::Json(schema::<w::Moved<w::Activation>>),
            |method| method.router(bind::done),
        )
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::LOGIN,
            "Log in to the console",
            Input::Json(schema::<d::LoginDraft>),
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(login::login),
        )
        .setting(&[cookies::CONSOLE])
        .refusing(&[401, 429]),
        api(
            Method::Post,
            paths::LOGIN_DIRECT,
            "Huawei: log in without a password",
            Input::Nothing,
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(login::direct),
        )
        .setting(&[cookies::CONSOLE])
        .refusing(&[409])
        .session(),
        api(
            Method::Post,
            paths::LOGOUT,
            "Log out of the console and the Billing Center",
            Input::Nothing,
            Answer::NoContent,
            |method| method.router(login::logout),
        )
        .setting(&[cookies::CONSOLE, cookies::BILLING]),
        api(
            Method::Get,
            paths::WORKSPACE_HOME,
            "The signed-in user's workspace home",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceHome>),
            |method| method.router(login::home),
        )
        .refusing(&[404])
        .signed_in(Login::Console),
        api(
            Method::Post,
            paths::BILLING_LOGIN,
            "Log in to the Billing Center",
            Input::Json(schema::<d::LoginDraft>),
            Answer::Json(schema::<w::BillingAccount>),
            |method| method.router(login::billing_login),
        )
        .setting(&[cookies::BILLING])
        .refusing(&[401, 429]),
        api(
            Method::Get,
            paths::BILLING_WORKSPACES,
            "Workspace management: the account's workspaces",
            Input::Nothing,
            Answer::Json(schema::<w::WorkspaceList>),
            |method| method.router(login::billing_workspaces),
        )
        .signed_in(Login::Billing),
        api(
            Method::Post,
            paths::BILLING_SETTLEMENT,
            "Change settlement method of one workspace",
            Input::Json(schema::<activation_core::settlement::SettlementDraft>),
            Answer::Json(schema::<w::Workspace>),
            |method| method.router(billing::settlement),
        )
        .refusing(&[404, 409])
        .signed_in(Login::Billing),
        api(
            Method::Post,
            paths::RECOVERY_CODE,
            "Forgot password?: email a code to the account's address",
            Input::Json(schema::<activation_core::recovery::RecoveryCodeRequest>),
            Answer::Json(schema::<w::CodeSent>),
            |method| method.router(recovery::code),
        )
        .setting(&[cookies::RECOVERY])
        .mailing()
        .refusing(&[404, 429]),
        api(
            Method::Post,
            paths::RECOVERY_PASSWORD,
            "Forgot password?: set a new password with the code, and sign in (its kind's login)",
            Input::Json(schema::<activation_core::recovery::ResetPasswordDraft>),
            Answer::Json(schema::<w::LoggedIn>),
            |method| method.router(recovery::password),
        )
        .setting(&[cookies::CONSOLE, cookies::BILLING, cookies::RECOVERY]),
        api(
            Method::Post,
            paths::RECOVERY_USERNAME,
            "Forgot username?: mail the username to the address, if an account uses it",
            Input::Json(schema::<activation_core::recovery::ForgotUsernameDraft>),
            Answer::Json(schema::<activation_core::recovery::UsernameMailed>),
            |method| method.router(recovery::username),
        )
        .mailing()
        .refusing(&[429]),
    ]
};

/// The live activation session `id`, touched; `SessionExpired` when unknown, idle too long or past
/// its absolute lifetime.
fn live_session<'d>(
    data: &'d mut Data,
    id: &str,
    now: u64,
) -> Result<&'d mut ActivationSession, ApiError> {
    let session = data.sessions.get_mut(id).ok_or(ApiError::SessionExpired)?;
    if session.expired(now) {
        return Err(ApiError::SessionExpired);
    }
    session.last_used = now;
    Ok(session)
}

/// Refuses a session whose activation is finished (registered, or the bind path done): it sends no
/// more codes and binds nothing more, not even a replayed bind. `wrong_step`, naming the summary.
fn not_finished(session: &ActivationSession) -> Result<(), ApiError> {
    let progress = session.progress;
    if progress.activated || progress.bind_finished {
        let expected = progress.resolve(activation_core::flow::Step::Choose);
        return Err(activation_core::flow::FlowError::NotReached { expected }.into());
    }
    Ok(())
}
