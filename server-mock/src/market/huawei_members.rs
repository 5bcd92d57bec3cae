//! Huawei partner services, continued: add members (the first pre-filled from the Huawei
//! account; each signs in with the enterprise abbreviation, their account and password) and
//! authorize them (ticked, **Agree to Terms**, **Confirm Authorization**), then on to the unified
//! login through our login URL. Page views read only; the posts write.

use activation_core::domain::{Email, HuaweiAccountId, HuaweiMember, Phone};
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
    huawei, huawei_login,
    huawei_partner::{
        AccountQuery, Errors, ROLE, account, at, buyer, go_on, page_account, show, too_early,
    },
    page,
};
use crate::{
    AppState,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::partners::{Buyer, Member},
};

pub(super) const MEMBERS: &str = "/marketplace/huawei/partner/members";
const AUTHORIZE: &str = "/marketplace/huawei/partner/authorize";

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        MEMBERS,
        "Huawei partner services: add a member (the first pre-filled from the Huawei account)",
        Input::Query(schema::<AccountQuery>),
        Answer::Page,
        |method| method.router(members_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        MEMBERS,
        "Huawei partner services: adds the member",
        Input::Form(schema::<MemberForm>),
        Answer::Page,
        |method| method.router(add_member),
    ),
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

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiMemberForm")]
struct MemberForm {
    #[schemars(with = "HuaweiAccountId")]
    account_id: Option<String>,
    name: Option<String>,
    department: Option<String>,
    contact: Option<String>,
    #[schemars(with = "HuaweiMember")]
    account: Option<String>,
    password: Option<String>,
}

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

// ---- Members ----

/// What the members form holds: typed values, or the first member pre-filled from the account.
struct MemberValues {
    name: String,
    department: String,
    contact: String,
    account: String,
    password: String,
}

impl MemberValues {
    /// The first member, from the Huawei account (its real-name info, contact and account name,
    /// as KooGallery fills it in; the developer may change any of it).
    fn from_account(account: &HuaweiAccountId) -> MemberValues {
        let short = &account.as_str()[..8];
        MemberValues {
            name: format!("Huawei Cloud user {}", short.to_uppercase()),
            department: "Operations".into(),
            contact: format!("hw{short}@example.com"),
            account: format!("hw_{short}"),
            password: huawei_login::initial_password(account),
        }
    }

    fn blank() -> MemberValues {
        MemberValues {
            name: String::new(),
            department: String::new(),
            contact: String::new(),
            account: String::new(),
            password: String::new(),
        }
    }
}

fn members_form(
    status: StatusCode,
    account: &HuaweiAccountId,
    buyer: &Buyer,
    values: &MemberValues,
    errors: &Errors,
) -> Response {
    let added = if buyer.members.is_empty() {
        String::new()
    } else {
        let rows: String = buyer
            .members
            .iter()
            .map(|m| {
                format!(
                    "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                    page::escape(&m.name),
                    page::escape(&m.department),
                    page::escape(m.account.as_str())
                )
            })
            .collect();
        format!(
            "<table><thead><tr><th>Member name</th><th>Department</th><th>Account</th></tr>\
</thead><tbody>{rows}</tbody></table><p><a href=\"{}\">Go on to authorize members</a></p>",
            page::escape(&at(AUTHORIZE, account))
        )
    };
    let fields = format!(
        "{}{}{}{}{}{}",
        page::hidden("account_id", account.as_str()),
        page::field("name", "Member name", "text", &values.name, None, errors.of("name")),
        page::field("department", "Department", "text", &values.department, None, None),
        page::field(
            "contact",
            "Email or phone",
            "text",
            &values.contact,
            None,
            errors.of("contact")
        ),
        page::field(
            "account",
            "Account",
            "text",
            &values.account,
            Some(
                "The member signs in with it at the unified login, and uses it for the Guance Billing Center."
            ),
            errors.of("account")
        ),
        page::field(
            "password",
            "Password",
            "password",
            &values.password,
            Some(
                "The initial password (8-64 characters): tell the member offline; they change it at their first sign-in."
            ),
            errors.of("password")
        ),
    );
    show(
        status,
        "Add Members",
        "Add the employees who will use Guance.",
        &format!("{added}{}", page::form("post", MEMBERS, &fields, "Add Member")),
    )
}

async fn members_page(
    State(state): State<AppState>,
    q: Result<Query<AccountQuery>, QueryRejection>,
) -> Response {
    let account = match page_account(q) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let buyer = buyer(&state, &account);
    if buyer.enterprise.is_none() {
        return go_on("Add Members", "Create your enterprise first.", ROLE, &account, "Continue");
    }
    let values = if buyer.members.is_empty() {
        MemberValues::from_account(&account)
    } else {
        MemberValues::blank()
    };
    members_form(StatusCode::OK, &account, &buyer, &values, &Errors::default())
}

async fn add_member(
    State(state): State<AppState>,
    form: Result<Form<MemberForm>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| MemberForm::default(), |Form(form)| form);
    let account = match account(form.account_id.as_deref()) {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let values = MemberValues {
        name: form.name.unwrap_or_default(),
        department: form.department.unwrap_or_default(),
        contact: form.contact.unwrap_or_default(),
        account: form.account.unwrap_or_default(),
        password: form.password.unwrap_or_default(),
    };
    let mut errors = Errors::default();
    if values.name.trim().is_empty() {
        errors.add("name", "Enter the member's name.");
    }
    let contact = values.contact.trim();
    if Email::parse(contact).is_err() && Phone::parse(contact).is_err() {
        errors.add("contact", "Enter an email address or a phone number.");
    }
    let member = HuaweiMember::parse(&values.account);
    if member.is_err() {
        errors.add("account", "Enter an account: at most 64 characters, no spaces.");
    }
    if !(8..=64).contains(&values.password.chars().count()) {
        errors.add("password", "The password must be 8-64 characters long.");
    }
    let buyer_now = buyer(&state, &account);
    if buyer_now.enterprise.is_none() {
        return too_early("Add Members", "Create your enterprise first.", ROLE, &account);
    }
    let (Ok(member), true) = (member, errors.none()) else {
        return members_form(
            StatusCode::UNPROCESSABLE_ENTITY,
            &account,
            &buyer_now,
            &values,
            &errors,
        );
    };
    let password_hash = state.store.hash(&values.password).await;
    let added = state.store.write(|data| {
        let buyer = data.huawei.buyers.entry(account.as_str().to_owned()).or_default();
        if buyer.member(member.as_str()).is_some() {
            return false;
        }
        buyer.members.push(Member {
            name: values.name.trim().to_owned(),
            department: values.department.trim().to_owned(),
            contact: contact.to_owned(),
            account: member.clone(),
            password_hash,
            authorized: false,
            password_changed: false,
        });
        true
    });
    if added {
        Redirect::to(&at(AUTHORIZE, &account)).into_response()
    } else {
        errors.add("account", "Your enterprise has a member with this account already.");
        members_form(StatusCode::UNPROCESSABLE_ENTITY, &account, &buyer_now, &values, &errors)
    }
}

// ---- Authorize ----

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
