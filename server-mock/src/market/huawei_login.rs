//! Huawei KooGallery's unified login, simulated: an authorized member signs in with the enterprise
//! abbreviation, their account and password (**Log In**), changes the initial password at the
//! first sign-in (**Change password**), and is sent back to our hand-off with a one-time code and
//! the `state` our hand-off's start gave it (`/handoff/huawei?code=…&tenant=…&state=…`). The code
//! is issued for that state: only the browser that started the sign-in can redeem it.

use activation_core::domain::{HuaweiAccountId, HuaweiMember, Identity, InstanceId};
use axum::{
    Form,
    extract::{
        Query, State,
        rejection::{FormRejection, QueryRejection},
    },
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use md5::{Digest, Md5};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{huawei, page};
use crate::{
    AppState,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::{
        Data,
        partners::{Grant, Ticket},
        random_token,
    },
};

pub(super) const LOGIN: &str = "/marketplace/huawei/login";
const PASSWORD: &str = "/marketplace/huawei/login/password";
/// A password-change ticket must be used within this long.
const TICKET_TTL_SECS: u64 = 10 * 60;

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        LOGIN,
        "Huawei unified login: enterprise abbreviation, account, password, Log In",
        Input::Query(schema::<LoginQuery>),
        Answer::Page,
        |method| method.router(login_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        LOGIN,
        "Huawei unified login: signs the member in (then the initial password's change, or us)",
        Input::Form(schema::<LoginForm>),
        Answer::Page,
        |method| method.router(log_in),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        PASSWORD,
        "Huawei unified login: change the initial password at the first sign-in",
        Input::Query(schema::<TicketQuery>),
        Answer::Page,
        |method| method.router(password_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        PASSWORD,
        "Huawei unified login: changes the password, then back to us with a one-time code",
        Input::Form(schema::<PasswordForm>),
        Answer::Page,
        |method| method.router(change_password),
    ),
];

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiUnifiedLogin")]
struct LoginQuery {
    /// The tenant whose enterprise the form is pre-filled for.
    tenant: Option<String>,
    /// Our hand-off's `state`, returned to it with the code.
    state: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiUnifiedLoginForm")]
struct LoginForm {
    enterprise: Option<String>,
    account: Option<String>,
    password: Option<String>,
    state: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiPasswordChangePage")]
struct TicketQuery {
    ticket: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiPasswordChangeForm")]
struct PasswordForm {
    ticket: Option<String>,
    new_password: Option<String>,
    confirm_password: Option<String>,
}

fn derived(account: &HuaweiAccountId, purpose: &str, prefix: &str) -> String {
    let digest = Md5::digest(format!("{purpose}:{}", account.as_str()).as_bytes());
    format!("{prefix}-{}", hex::encode(&digest[..5]))
}

/// The initial password the simulator pre-fills for a buyer's members (so the unified login can
/// pre-fill it too; a simulator only).
pub fn initial_password(account: &HuaweiAccountId) -> String {
    derived(account, "initial", "Init")
}

/// The new password the simulator pre-fills at the first sign-in's change.
pub fn changed_password(account: &HuaweiAccountId) -> String {
    derived(account, "changed", "Kept")
}

struct Typed<'a> {
    enterprise: &'a str,
    account: &'a str,
    password: &'a str,
    state: &'a str,
}

fn login_form(status: StatusCode, typed: &Typed, error: Option<&str>) -> Response {
    let fields = format!(
        "{}{}{}{}{}",
        page::form_error(error),
        page::hidden("state", typed.state),
        page::field("enterprise", "Enterprise abbreviation", "text", typed.enterprise, None, None),
        page::field("account", "Account", "text", typed.account, None, None),
        page::field("password", "Password", "password", typed.password, None, None),
    );
    page::html(
        status,
        page::render(
            "Huawei Cloud Unified Login",
            "Sign in with your enterprise abbreviation and the account and password your \
             enterprise's administrator gave you.",
            &page::form("post", LOGIN, &fields, "Log In"),
        ),
    )
}

/// A page saying the sign-in must start again from the marketplace.
pub(super) fn start_again(status: StatusCode, why: &str) -> Response {
    let body = format!(
        "<p class=\"error\" role=\"alert\">{}</p><p><a href=\"{}\">Back to KooGallery</a></p>",
        page::escape(why),
        huawei::FIRST
    );
    page::html(status, page::render("Huawei Cloud Unified Login", "", &body))
}

const NO_STATE: &str = "This sign-in did not come from the application: go to My Marketplace > \
                        Partner Services and press Use Now.";

async fn login_page(
    State(state): State<AppState>,
    q: Result<Query<LoginQuery>, QueryRejection>,
) -> Response {
    let q = q.map_or_else(|_| LoginQuery::default(), |Query(q)| q);
    let oauth_state = q.state.unwrap_or_default();
    if oauth_state.trim().is_empty() {
        return start_again(StatusCode::UNPROCESSABLE_ENTITY, NO_STATE);
    }
    let tenant = q.tenant.unwrap_or_default();
    // Pre-filled for the tenant's enterprise and its first authorized member.
    let (enterprise, account, password) = state.store.read(|data| {
        data.huawei
            .buyers
            .iter()
            .find(|(_, b)| b.enterprise.as_ref().is_some_and(|e| e.tenant.as_str() == tenant))
            .and_then(|(id, buyer)| {
                let enterprise = buyer.enterprise.as_ref()?.abbreviation.clone();
                let member = buyer.members.iter().find(|m| m.authorized)?;
                let id = HuaweiAccountId::parse(id).ok()?;
                let password = if member.password_changed {
                    changed_password(&id)
                } else {
                    initial_password(&id)
                };
                Some((enterprise, member.account.as_str().to_owned(), password))
            })
            .unwrap_or_default()
    });
    let typed = Typed {
        enterprise: &enterprise,
        account: &account,
        password: &password,
        state: &oauth_state,
    };
    login_form(StatusCode::OK, &typed, None)
}

/// Issues the one-time code for `member` of `account_id`'s enterprise, bound to `state`; the
/// redirect to our hand-off.
fn issue_code(
    data: &mut Data,
    account_id: &str,
    member: HuaweiMember,
    state: &str,
    now: u64,
) -> Option<String> {
    let buyer = data.huawei.buyers.get(account_id)?;
    let tenant = buyer.enterprise.as_ref()?.tenant.clone();
    let instance = buyer.instance_id.clone().unwrap_or_else(huawei::new_instance_id);
    let identity = Identity::Huawei {
        account_id: HuaweiAccountId::parse(account_id).ok()?,
        instance_id: InstanceId::parse(&instance).ok()?,
        tenant: tenant.clone(),
    };
    let code = random_token();
    data.huawei.prune(now);
    let grant =
        Grant { identity, member, state: state.to_owned(), issued_at: now, redeemed: false };
    data.huawei.codes.insert(code.clone(), grant);
    Some(huawei::callback_url(&code, &tenant, state))
}

async fn log_in(
    State(state): State<AppState>,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| LoginForm::default(), |Form(form)| form);
    let (enterprise, account, password, oauth_state) = (
        form.enterprise.unwrap_or_default(),
        form.account.unwrap_or_default(),
        form.password.unwrap_or_default(),
        form.state.unwrap_or_default(),
    );
    let typed = Typed {
        enterprise: &enterprise,
        account: &account,
        password: &password,
        state: &oauth_state,
    };
    if oauth_state.trim().is_empty() {
        return start_again(StatusCode::UNPROCESSABLE_ENTITY, NO_STATE);
    }
    if [&enterprise, &account, &password].iter().any(|v| v.trim().is_empty()) {
        let error = "Enter the enterprise abbreviation, your account and your password.";
        return login_form(StatusCode::UNPROCESSABLE_ENTITY, &typed, Some(error));
    }
    let found = state.store.read(|data| {
        let (id, buyer) = data.huawei.by_abbreviation(&enterprise)?;
        let member = buyer.member(&account)?;
        Some((id.clone(), member.clone()))
    });
    let member = match found {
        Some(found) => state.store.verify(&password, &found.1.password_hash).await.then_some(found),
        None => None,
    };
    let Some((account_id, member)) = member else {
        let error = "The enterprise abbreviation, account or password is wrong.";
        return login_form(StatusCode::UNPROCESSABLE_ENTITY, &typed, Some(error));
    };
    if !member.authorized {
        let error = "This member is not authorized to use the application: ask your enterprise's \
                     administrator to authorize you in Partner Services.";
        return login_form(StatusCode::UNPROCESSABLE_ENTITY, &typed, Some(error));
    }
    let now = state.store.now();
    let to = state.store.write(|data| {
        if member.password_changed {
            return issue_code(data, &account_id, member.account, &oauth_state, now);
        }
        data.huawei.prune(now);
        let ticket = random_token();
        let entry = Ticket {
            account_id,
            member: member.account,
            state: oauth_state.clone(),
            issued_at: now,
        };
        data.huawei.tickets.insert(ticket.clone(), entry);
        Some(format!("{PASSWORD}?ticket={ticket}"))
    });
    match to {
        Some(to) => Redirect::to(&to).into_response(),
        None => start_again(StatusCode::UNPROCESSABLE_ENTITY, "Your enterprise is not set up yet."),
    }
}

fn password_form(
    status: StatusCode,
    ticket: &str,
    (new, confirm): (&str, &str),
    errors: (Option<&str>, Option<&str>),
) -> Response {
    let fields = format!(
        "{}{}{}",
        page::hidden("ticket", ticket),
        page::field(
            "new_password",
            "New password",
            "password",
            new,
            Some("8-64 characters, not your initial password."),
            errors.0
        ),
        page::field(
            "confirm_password",
            "Confirm new password",
            "password",
            confirm,
            None,
            errors.1
        ),
    );
    page::html(
        status,
        page::render(
            "Change Your Initial Password",
            "This is your first sign-in: set a password of your own to go on.",
            &page::form("post", PASSWORD, &fields, "Change password"),
        ),
    )
}

/// The live ticket's holder and the Huawei account, or a page saying to sign in again.
fn ticket_of(state: &AppState, ticket: &str) -> Result<Ticket, Box<Response>> {
    let now = state.store.now();
    state
        .store
        .read(|data| data.huawei.tickets.get(ticket).cloned())
        .filter(|t| now.saturating_sub(t.issued_at) <= TICKET_TTL_SECS)
        .ok_or_else(|| {
            Box::new(start_again(
                StatusCode::UNPROCESSABLE_ENTITY,
                "This sign-in has ended. Press Use Now again and sign in.",
            ))
        })
}

async fn password_page(
    State(state): State<AppState>,
    q: Result<Query<TicketQuery>, QueryRejection>,
) -> Response {
    let ticket_value = q.map_or_else(|_| None, |Query(q)| q.ticket).unwrap_or_default();
    let ticket = match ticket_of(&state, &ticket_value) {
        Ok(ticket) => ticket,
        Err(page) => return *page,
    };
    let suggested = HuaweiAccountId::parse(&ticket.account_id)
        .map(|id| changed_password(&id))
        .unwrap_or_default();
    password_form(StatusCode::OK, &ticket_value, (&suggested, &suggested), (None, None))
}

async fn change_password(
    State(state): State<AppState>,
    form: Result<Form<PasswordForm>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| PasswordForm::default(), |Form(form)| form);
    let ticket_value = form.ticket.unwrap_or_default();
    let (new, confirm) =
        (form.new_password.unwrap_or_default(), form.confirm_password.unwrap_or_default());
    let ticket = match ticket_of(&state, &ticket_value) {
        Ok(ticket) => ticket,
        Err(page) => return *page,
    };
    let old_hash = state.store.read(|data| {
        data.huawei
            .buyers
            .get(&ticket.account_id)
            .and_then(|b| b.member(ticket.member.as_str()))
            .map(|m| m.password_hash.clone())
    });
    let mut errors = (None, None);
    if !(8..=64).contains(&new.chars().count()) {
        errors.0 = Some("The new password must be 8-64 characters long.");
    } else if let Some(hash) = &old_hash
        && state.store.verify(&new, hash).await
    {
        errors.0 = Some("Choose a password other than your initial one.");
    }
    if confirm != new {
        errors.1 = Some("The passwords do not match.");
    }
    if errors.0.is_some() || errors.1.is_some() {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return password_form(status, &ticket_value, (&new, &confirm), errors);
    }
    let hash = state.store.hash(&new).await;
    let now = state.store.now();
    let to = state.store.write(|data| {
        // One use: a second submit of the same page signs in again from the start.
        data.huawei.tickets.remove(&ticket_value)?;
        let buyer = data.huawei.buyers.get_mut(&ticket.account_id)?;
        let member = buyer.member_mut(ticket.member.as_str())?;
        member.password_hash = hash;
        member.password_changed = true;
        issue_code(data, &ticket.account_id, ticket.member.clone(), &ticket.state, now)
    });
    match to {
        Some(to) => Redirect::to(&to).into_response(),
        None => start_again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This sign-in has ended. Press Use Now again and sign in.",
        ),
    }
}
