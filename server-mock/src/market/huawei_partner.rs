//! Huawei KooGallery's partner services, simulated (seed 004, Step Two): what a buyer sets up once
//! per Huawei Cloud account before the unified login can hand a member to us. **Use Now** → the
//! role (**For Personal Use**) → **Confirm** → a new enterprise (name and abbreviation, fixed once
//! created; setup takes a moment) → add members and authorize them (**Agree to Terms**, **Confirm
//! Authorization**: [`super::huawei_members`], [`super::huawei_authorize`]) → the unified login
//! ([`super::huawei_login`]).
//! Every page is pre-filled, so a
//! developer only clicks through; a refused value is shown next to its field, everything typed
//! kept. Page views read only; the posts write.

use activation_core::domain::HuaweiAccountId;
use axum::{
    Form,
    extract::{
        Query, State,
        rejection::{FormRejection, QueryRejection},
    },
    http::StatusCode,
    response::{IntoResponse, Redirect, Response},
};
use schemars::JsonSchema;
use serde::Deserialize;

use super::{huawei, huawei_members::MEMBERS, page};
use crate::{
    AppState,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::partners::{Buyer, Enterprise},
};

pub(super) const ROLE: &str = "/marketplace/huawei/partner/role";
const ENTERPRISE: &str = "/marketplace/huawei/partner/enterprise";
const SETUP: &str = "/marketplace/huawei/partner/setup";
/// Seconds the "setting up" page waits before it goes on by itself.
const SETUP_SECS: u32 = 2;

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        ROLE,
        "Huawei partner services: choose the role, For Personal Use recommended, and Confirm",
        Input::Query(schema::<AccountQuery>),
        Answer::Page,
        |method| method.router(role_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        ENTERPRISE,
        "Huawei partner services: the new enterprise's name and abbreviation",
        Input::Query(schema::<AccountQuery>),
        Answer::Page,
        |method| method.router(enterprise_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        ENTERPRISE,
        "Huawei partner services: creates the enterprise (name and abbreviation fixed from now on)",
        Input::Form(schema::<EnterpriseForm>),
        Answer::Page,
        |method| method.router(create_enterprise),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        SETUP,
        "Huawei partner services: the enterprise is being set up (goes on by itself)",
        Input::Query(schema::<AccountQuery>),
        Answer::Page,
        |method| method.router(setup_page),
    ),
];

/// The buyer a partner-service page is for.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiPartnerPage")]
pub(super) struct AccountQuery {
    #[schemars(with = "HuaweiAccountId")]
    pub(super) account_id: Option<String>,
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiEnterpriseForm")]
struct EnterpriseForm {
    #[schemars(with = "HuaweiAccountId")]
    account_id: Option<String>,
    name: Option<String>,
    abbreviation: Option<String>,
}

/// The buyer's account, or the first page saying what is wrong with it.
pub(super) fn account(typed: Option<&str>) -> Result<HuaweiAccountId, Box<Response>> {
    huawei::parse_account(typed.unwrap_or_default())
}

/// The buyer a partner-service page is for: its query's account (a query that cannot be read
/// names none, which [`account`] answers with its page).
pub(super) fn page_account(
    q: Result<Query<AccountQuery>, QueryRejection>,
) -> Result<HuaweiAccountId, Box<Response>> {
    let q = q.map_or_else(|_| AccountQuery::default(), |Query(q)| q);
    account(q.account_id.as_deref())
}

pub(super) fn buyer(state: &AppState, account: &HuaweiAccountId) -> Buyer {
    state.store.read(|data| data.huawei.buyers.get(account.as_str()).cloned().unwrap_or_default())
}

pub(super) fn at(path: &str, account: &HuaweiAccountId) -> String {
    format!("{path}?account_id={}", account.as_str())
}

pub(super) fn show(status: StatusCode, title: &str, intro: &str, body: &str) -> Response {
    page::html(status, page::render(title, intro, body))
}

/// A page that only says where to go instead (a step done already, or not reached yet).
pub(super) fn go_on(
    title: &str,
    intro: &str,
    to: &str,
    account: &HuaweiAccountId,
    button: &str,
) -> Response {
    let body = page::form("get", to, &page::hidden("account_id", account.as_str()), button);
    show(StatusCode::OK, title, intro, &body)
}

/// [`go_on`] as the answer to a form sent too early: refused (422), nothing changed.
pub(super) fn too_early(title: &str, intro: &str, to: &str, account: &HuaweiAccountId) -> Response {
    let mut page = go_on(title, intro, to, account, "Continue");
    *page.status_mut() = StatusCode::UNPROCESSABLE_ENTITY;
    page
}

// ---- Role ----

async fn role_page(q: Result<Query<AccountQuery>, QueryRejection>) -> Response {
    let account = match page_account(q) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let fields = format!(
        "{}<fieldset><legend>Your role (For Personal Use is recommended)</legend>{}{}</fieldset>",
        page::hidden("account_id", account.as_str()),
        page::choice("radio", "role-personal", "role", "personal", "For Personal Use", true),
        page::choice("radio", "role-reseller", "role", "reseller", "For Resale", false),
    );
    show(
        StatusCode::OK,
        "Partner Services",
        "Before you use a partner's SaaS product, set up partner services once: choose how you \
         use it. For Personal Use is recommended.",
        &page::form("get", ENTERPRISE, &fields, "Confirm"),
    )
}

// ---- New enterprise ----

/// The pre-filled enterprise of `account`: a name and an abbreviation no one has yet.
fn suggested_enterprise(state: &AppState, account: &HuaweiAccountId) -> (String, String) {
    let short = &account.as_str()[..8];
    let name = format!("Enterprise {}", short.to_uppercase());
    let base = format!("ent-{short}");
    let abbreviation = state.store.read(|data| {
        (1..)
            .map(|n| if n == 1 { base.clone() } else { format!("{base}-{n}") })
            .find(|candidate| data.huawei.by_abbreviation(candidate).is_none())
            .unwrap_or(base.clone())
    });
    (name, abbreviation)
}

fn enterprise_form(
    status: StatusCode,
    account: &HuaweiAccountId,
    (name, abbreviation): (&str, &str),
    errors: &Errors,
) -> Response {
    let fields = format!(
        "{}{}{}",
        page::hidden("account_id", account.as_str()),
        page::field(
            "name",
            "Enterprise name",
            "text",
            name,
            Some("Cannot be changed once the enterprise is created."),
            errors.of("name")
        ),
        page::field(
            "abbreviation",
            "Enterprise abbreviation",
            "text",
            abbreviation,
            Some(
                "A unique identifier of your enterprise (2-32 letters, digits or -, starting \
                 with a letter); cannot be changed once created. Members type it at the \
                 unified login, with their account."
            ),
            errors.of("abbreviation")
        ),
    );
    show(
        status,
        "New Enterprise",
        "Set up your enterprise. Initial setup takes a moment.",
        &page::form("post", ENTERPRISE, &fields, "Create Enterprise"),
    )
}

async fn enterprise_page(
    State(state): State<AppState>,
    q: Result<Query<AccountQuery>, QueryRejection>,
) -> Response {
    let account = match page_account(q) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    if let Some(enterprise) = buyer(&state, &account).enterprise {
        let intro = format!(
            "Your enterprise {} ({}) is set up already; its name and abbreviation cannot change.",
            enterprise.name, enterprise.abbreviation
        );
        return go_on("New Enterprise", &intro, MEMBERS, &account, "Continue");
    }
    let (name, abbreviation) = suggested_enterprise(&state, &account);
    enterprise_form(StatusCode::OK, &account, (&name, &abbreviation), &Errors::default())
}

fn abbreviation_error(value: &str) -> Option<&'static str> {
    let ok_chars = value.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    let starts = value.chars().next().is_some_and(|c| c.is_ascii_alphabetic());
    if value.is_empty() {
        Some("Enter the enterprise abbreviation.")
    } else if !(2..=32).contains(&value.len()) || !ok_chars || !starts {
        Some("Use 2-32 letters, digits or -, starting with a letter.")
    } else {
        None
    }
}

async fn create_enterprise(
    State(state): State<AppState>,
    form: Result<Form<EnterpriseForm>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| EnterpriseForm::default(), |Form(form)| form);
    let account = match account(form.account_id.as_deref()) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let name = form.name.unwrap_or_default();
    let abbreviation = form.abbreviation.unwrap_or_default();
    let (name_t, abbreviation_t) = (name.trim(), abbreviation.trim());
    let now = state.store.now();
    let mut errors = Errors::default();
    if name_t.is_empty() {
        errors.add("name", "Enter the enterprise name.");
    } else if name_t.chars().count() > 64 || name_t.chars().any(char::is_control) {
        errors.add("name", "Use at most 64 characters, no control characters.");
    }
    if let Some(error) = abbreviation_error(abbreviation_t) {
        errors.add("abbreviation", error);
    }
    let tenant = huawei::tenant_of(&account);
    let outcome = errors.none().then(|| {
        state.store.write(|data| {
            let partners = &mut data.huawei;
            if partners.buyers.get(account.as_str()).is_some_and(|b| b.enterprise.is_some()) {
                return Ok(());
            }
            if partners.by_abbreviation(abbreviation_t).is_some() {
                return Err("This abbreviation is taken by another enterprise: choose another.");
            }
            partners.buyers.entry(account.as_str().to_owned()).or_default().enterprise =
                Some(Enterprise {
                    name: name_t.to_owned(),
                    abbreviation: abbreviation_t.to_owned(),
                    tenant,
                    created_at: now,
                });
            Ok(())
        })
    });
    match outcome {
        Some(Ok(())) => Redirect::to(&at(SETUP, &account)).into_response(),
        Some(Err(taken)) => {
            errors.add("abbreviation", taken);
            enterprise_form(
                StatusCode::UNPROCESSABLE_ENTITY,
                &account,
                (&name, &abbreviation),
                &errors,
            )
        }
        None => enterprise_form(
            StatusCode::UNPROCESSABLE_ENTITY,
            &account,
            (&name, &abbreviation),
            &errors,
        ),
    }
}

async fn setup_page(
    State(state): State<AppState>,
    q: Result<Query<AccountQuery>, QueryRejection>,
) -> Response {
    let account = match page_account(q) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let Some(enterprise) = buyer(&state, &account).enterprise else {
        return go_on(
            "Setting Up Your Enterprise",
            "No enterprise yet: create it first.",
            ENTERPRISE,
            &account,
            "Continue",
        );
    };
    let next = at(MEMBERS, &account);
    let body = format!(
        "<p role=\"status\"><progress aria-label=\"Setup progress\"></progress> Setting up {} \
         ({})…</p>{}",
        page::escape(&enterprise.name),
        page::escape(&enterprise.abbreviation),
        page::form("get", MEMBERS, &page::hidden("account_id", account.as_str()), "Continue")
    );
    page::html(
        StatusCode::OK,
        page::render_continuing(
            "Setting Up Your Enterprise",
            "Initial enterprise setup takes a moment; this page goes on to Add Members by itself.",
            &body,
            &next,
            SETUP_SECS,
        ),
    )
}

/// Errors of a form's fields, by field name.
#[derive(Default)]
pub(super) struct Errors(Vec<(&'static str, &'static str)>);

impl Errors {
    pub(super) fn add(&mut self, field: &'static str, error: &'static str) {
        self.0.push((field, error));
    }

    pub(super) fn of(&self, field: &str) -> Option<&'static str> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, e)| *e)
    }

    pub(super) fn none(&self) -> bool {
        self.0.is_empty()
    }
}
