//! Huawei partner services, last: authorize the members added ([`super::huawei_members`]):
//! ticked, **Agree to Terms**, **Confirm Authorization**, then on to the unified login through our
//! login URL. The page view reads only; the post writes.

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

use super::{
    huawei,
    huawei_members::MEMBERS,
    huawei_partner::{AccountQuery, account, at, buyer, go_on, page_account, show, too_early},
    page,
};
use crate::{
    AppState,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::partners::{Buyer, Member},
};

pub(super) const AUTHORIZE: &str = "/marketplace/huawei/partner/authorize";

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        AUTHORIZE,
        "Huawei partner services: tick members, Agree to Terms, Confirm Authorization",
        Input::Query(schema::<AccountQuery>),
        Answer::Page,
        |method| method.router(authorize_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        AUTHORIZE,
        "Huawei partner services: authorizes the ticked members, then the unified login",
        Input::Form(schema::<AuthorizeForm>),
        Answer::Page,
        |method| method.router(authorize),
    ),
];

/// Documents the authorize form; it is read as pairs, since `member` repeats (one per tick).
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiAuthorizeForm")]
#[allow(dead_code)]
struct AuthorizeForm {
    #[schemars(with = "HuaweiAccountId")]
    account_id: Option<String>,
    /// A ticked member's account; repeated for each.
    member: Option<String>,
    /// "Agree to Terms": present when ticked.
    agree: Option<String>,
}

fn authorize_form(
    status: StatusCode,
    account: &HuaweiAccountId,
    buyer: &Buyer,
    ticked: &dyn Fn(&Member) -> bool,
    agreed: bool,
    error: Option<&str>,
) -> Response {
    let members: String = buyer
        .members
        .iter()
        .enumerate()
        .map(|(n, m)| {
            let label = format!("{} ({}, {})", m.name, m.account.as_str(), m.department);
            page::choice(
                "checkbox",
                &format!("member-{n}"),
                "member",
                m.account.as_str(),
                &label,
                ticked(m),
            )
        })
        .collect();
    let fields = format!(
        "{}<fieldset><legend>Members</legend>{members}</fieldset>{}{}",
        page::hidden("account_id", account.as_str()),
        page::form_error(error),
        page::choice("checkbox", "agree", "agree", "yes", "Agree to Terms", agreed),
    );
    let terms = "<p class=\"hint\">The Huawei Cloud KooGallery partner service terms apply to \
                 the members you authorize.</p>";
    let more = format!(
        "<p><a href=\"{}\">Add another member</a></p>",
        page::escape(&at(MEMBERS, account))
    );
    show(
        status,
        "Authorize Application Members",
        "Tick the members who may use Guance, agree to the terms and confirm. Then give each the \
         login URL, the enterprise abbreviation, their account and password.",
        &format!(
            "{terms}{}{more}",
            page::form("post", AUTHORIZE, &fields, "Confirm Authorization")
        ),
    )
}

async fn authorize_page(
    State(state): State<AppState>,
    q: Result<Query<AccountQuery>, QueryRejection>,
) -> Response {
    let account = match page_account(q) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let buyer = buyer(&state, &account);
    if buyer.members.is_empty() {
        return go_on(
            "Authorize Application Members",
            "Add a member first.",
            MEMBERS,
            &account,
            "Continue",
        );
    }
    // Pre-ticked: every member (those authorized already stay so).
    authorize_form(StatusCode::OK, &account, &buyer, &|_| true, false, None)
}

async fn authorize(
    State(state): State<AppState>,
    form: Result<Form<Vec<(String, String)>>, FormRejection>,
) -> Response {
    let pairs = form.map_or_else(|_| Vec::new(), |Form(pairs)| pairs);
    let value = |name: &str| pairs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str());
    let account = match account(value("account_id")) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let ticked: Vec<&str> =
        pairs.iter().filter(|(k, _)| k == "member").map(|(_, v)| v.as_str()).collect();
    let agreed = value("agree").is_some();
    let buyer_now = buyer(&state, &account);
    let is_ticked = |m: &Member| ticked.iter().any(|t| t.eq_ignore_ascii_case(m.account.as_str()));
    let known = buyer_now.members.iter().filter(|m| is_ticked(m)).count();
    let error = if buyer_now.members.is_empty() {
        return too_early(
            "Authorize Application Members",
            "Add a member first.",
            MEMBERS,
            &account,
        );
    } else if known == 0 {
        Some("Tick at least one member to authorize.")
    } else if !agreed {
        Some("Tick Agree to Terms to authorize members.")
    } else {
        None
    };
    if let Some(error) = error {
        let status = StatusCode::UNPROCESSABLE_ENTITY;
        return authorize_form(status, &account, &buyer_now, &is_ticked, agreed, Some(error));
    }
    let tenant = state.store.write(|data| {
        let buyer = data.huawei.buyers.entry(account.as_str().to_owned()).or_default();
        for member in buyer.members.iter_mut().filter(|m| is_ticked(m)) {
            member.authorized = true;
        }
        buyer.enterprise.as_ref().map(|e| e.tenant.clone())
    });
    let tenant = tenant.unwrap_or_else(|| huawei::tenant_of(&account));
    Redirect::to(&huawei::start_url(&tenant)).into_response()
}
