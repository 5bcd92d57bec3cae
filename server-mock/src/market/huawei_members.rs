//! Huawei partner services, continued: add members (the first pre-filled from the Huawei
//! account; each signs in with the enterprise abbreviation, their account and password), then on
//! to authorizing them ([`super::huawei_authorize`]). The page view reads only; the post writes.

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
    huawei_authorize::AUTHORIZE,
    huawei_login,
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
