//! Alibaba Cloud Marketplace, simulated. The buyer types (or keeps) an Alibaba Cloud account ID and
//! clicks **Activate Now** → **Activate** (agreeing to the terms; this creates a product instance)
//! → **Confirm** on "Activation Request Submitted" → **Login Directly** on the purchased-services
//! list. That last button is what Alibaba does for real: it opens our URL, `/handoff/aliyun`, with
//! `action=verify&instanceId=…&timeStamp=…&token=…`, the token being the MD5 of the other parameters
//! sorted by name, `k=v` joined with `&`, then `&key=<secret>`. The secret is the simulator's own
//! (`--aliyun-secret`, else random at start: [`crate::AppState::aliyun_secret`]).

use activation_core::{
    domain::{AliyunAccountId, Identity, InstanceId, Marketplace},
    flow::TokenProblem,
    rules,
};
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
use rand::Rng;
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::{open_session, page, refuse, welcome, without_token};
use crate::{
    AppState,
    routes::{self, Answer, Input, Method, Operation, Part, schema},
    store::random_token,
};

/// The commodity code of the Guance listing; instance IDs start with it.
pub const COMMODITY: &str = "cmgj00053362";

pub(super) const FIRST: &str = "/marketplace/aliyun";
const ACTIVATE: &str = "/marketplace/aliyun/activate";
const SUBMITTED: &str = "/marketplace/aliyun/submitted";
const PURCHASED: &str = "/marketplace/aliyun/purchased";
const HANDOFF: &str = "/handoff/aliyun";
const RULE: &str = "An Alibaba Cloud account ID (UID) is 16 digits, e.g. 1234567890123456.";

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        FIRST,
        "Alibaba: the product page, with a fresh account ID and Activate Now",
        Input::Nothing,
        Answer::Html,
        |method| method.router(product_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        ACTIVATE,
        "Alibaba: the order page, with the terms and Activate",
        Input::Query(schema::<Account>),
        Answer::Page,
        |method| method.router(activate_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        ACTIVATE,
        "Alibaba: Activate (creates the product instance)",
        Input::Form(activation_form),
        Answer::Page,
        |method| method.router(activate),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        SUBMITTED,
        "Alibaba: activation request submitted, with Confirm",
        Input::Query(schema::<Account>),
        Answer::Page,
        |method| method.router(submitted_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        PURCHASED,
        "Alibaba: purchased services, with Login Directly (a freshly signed link)",
        Input::Query(schema::<Account>),
        Answer::Page,
        |method| method.router(purchased_page),
    ),
    Operation::new(
        Part::Handoff,
        Method::Get,
        HANDOFF,
        "Alibaba hand-off: checks the MD5 signature and freshness, redeems the token once",
        Input::Query(schema::<Verify>),
        Answer::Handoff,
        |method| method.router(handoff),
    ),
    Operation::new(
        Part::Handoff,
        Method::Post,
        HANDOFF,
        "Alibaba hand-off posted to instead of opened: no token, the missing-token page",
        Input::Nothing,
        Answer::Handoff,
        |method| method.router(|| async { without_token(Marketplace::Aliyun) }),
    ),
];

/// A fresh random Alibaba Cloud account ID: 16 digits.
pub fn random_account_id() -> AliyunAccountId {
    let mut rng = rand::rng();
    let digits: String =
        (0..AliyunAccountId::LEN).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
    AliyunAccountId::parse(&digits).expect("16 digits are an Alibaba Cloud account ID")
}

/// The hand-off signature: lower-case hex MD5 of `params` sorted by name as `k=v` joined with `&`,
/// then `&key=<secret>`.
pub fn sign(params: &[(&str, &str)], secret: &str) -> String {
    let mut sorted = params.to_vec();
    sorted.sort_unstable();
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let digest = Md5::digest(format!("{}&key={secret}", joined.join("&")).as_bytes());
    hex::encode(digest)
}

/// Equal, in time that does not depend on where the first difference is.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len() && a.bytes().zip(b.bytes()).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "AliyunSimulatorStep")]
struct Account {
    #[schemars(with = "AliyunAccountId")]
    account_id: Option<String>,
    /// The terms' checkbox: read by Activate only.
    agree: Option<String>,
    /// Shown on "Activation Request Submitted" if it is one of the account's instances.
    instance_id: Option<String>,
}

/// Activate's form: the account ID and the terms' checkbox, ticked (any value).
fn activation_form(generator: &mut SchemaGenerator) -> Schema {
    let schema = json_schema!({
        "type": "object",
        "properties": {
            "account_id": generator.subschema_for::<AliyunAccountId>(),
            "agree": { "type": "string", "description": "The terms' checkbox: present when ticked" }
        },
        "required": ["account_id", "agree"]
    });
    routes::named(generator, "AliyunActivation", schema)
}

impl Account {
    /// The valid account ID, or the first page again with the error and the typed value.
    fn parse(&self) -> Result<AliyunAccountId, Box<Response>> {
        let typed = self.account_id.as_deref().unwrap_or_default();
        AliyunAccountId::parse(typed).map_err(|error| {
            let message = page::account_error(error, "Alibaba Cloud account ID", RULE);
            Box::new(first_page(StatusCode::UNPROCESSABLE_ENTITY, typed, Some(&message)))
        })
    }
}

fn query(query: Result<Query<Account>, QueryRejection>) -> Account {
    query.map_or_else(|_| Account::default(), |Query(account)| account)
}

fn first_page(status: StatusCode, value: &str, error: Option<&str>) -> Response {
    let body =
        page::form("get", ACTIVATE, &page::account_field(value, RULE, error), "Activate Now");
    page::html(
        status,
        page::render(
            "Guance on Alibaba Cloud Marketplace",
            "Guance: unified observability, pay as you go through your Alibaba Cloud bill. Pick \
             the Alibaba Cloud account that buys it (type an ID you used before to reach the \
             already-bound path).",
            &body,
        ),
    )
}

async fn product_page() -> Response {
    first_page(StatusCode::OK, random_account_id().as_str(), None)
}

/// "Activate Pay-as-you-go Service": agree to the terms, then **Activate**.
fn activate_prompt(status: StatusCode, account: &AliyunAccountId, error: Option<&str>) -> Response {
    let error = error.map_or_else(String::new, |e| {
        format!("<p class=\"error\" id=\"agree-error\" role=\"alert\">{}</p>", page::escape(e))
    });
    let fields = format!(
        "{}{error}<label class=\"check\" for=\"agree\"><input type=\"checkbox\" id=\"agree\" \
         name=\"agree\" value=\"yes\">I have read and agree to the Alibaba Cloud Marketplace \
         terms of service</label>",
        page::hidden("account_id", account.as_str())
    );
    let body = format!(
        "<dl><dt>Alibaba Cloud account</dt><dd>{}</dd><dt>Product</dt>\
<dd>Guance (pay as you go)</dd></dl>{}",
        page::escape(account.as_str()),
        page::form("post", ACTIVATE, &fields, "Activate")
    );
    page::html(
        status,
        page::render(
            "Activate Pay-as-you-go Service",
            "Usage is billed to your Alibaba Cloud account.",
            &body,
        ),
    )
}

async fn activate_page(q: Result<Query<Account>, QueryRejection>) -> Response {
    match query(q).parse() {
        Ok(account) => activate_prompt(StatusCode::OK, &account, None),
        Err(page) => *page,
    }
}

/// **Activate**: creates the product instance, then "Activation Request Submitted".
async fn activate(
    State(state): State<AppState>,
    form: Result<Form<Account>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| Account::default(), |Form(account)| account);
    let account = match form.parse() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    if form.agree.is_none() {
        let error = "Agree to the terms of service to activate.";
        return activate_prompt(StatusCode::UNPROCESSABLE_ENTITY, &account, Some(error));
    }
    let instance_id = format!("{COMMODITY}-{}", &random_token()[..16]);
    let identity = Identity::Aliyun {
        account_id: account.clone(),
        instance_id: InstanceId::parse(&instance_id).expect("the instance ID is valid"),
    };
    state.store.write(|data| {
        data.aliyun_instances.insert(instance_id.clone(), identity);
    });
    Redirect::to(&format!(
        "{SUBMITTED}?account_id={}&instance_id={}",
        account.as_str(),
        page::encode(&instance_id)
    ))
    .into_response()
}

/// The instances of `account`, in ID order.
fn instances_of(state: &AppState, account: &AliyunAccountId) -> Vec<String> {
    state.store.read(|data| {
        data.aliyun_instances
            .iter()
            .filter(|(_, identity)| {
                matches!(identity, Identity::Aliyun { account_id, .. } if account_id == account)
            })
            .map(|(id, _)| id.clone())
            .collect()
    })
}

async fn submitted_page(
    State(state): State<AppState>,
    q: Result<Query<Account>, QueryRejection>,
) -> Response {
    let q = query(q);
    let account = match q.parse() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let instance = q
        .instance_id
        .filter(|id| instances_of(&state, &account).contains(id))
        .map_or_else(String::new, |id| {
            format!("<p>Instance ID: <code>{}</code></p>", page::escape(&id))
        });
    let body = format!(
        "<p>Your request to activate Guance has been submitted.</p>{instance}{}",
        page::form("get", PURCHASED, &page::hidden("account_id", account.as_str()), "Confirm")
    );
    page::html(
        StatusCode::OK,
        page::render(
            "Activation Request Submitted",
            "Confirm to see the activated instance in your purchased services.",
            &body,
        ),
    )
}

/// Marketplace > Purchased Services: each instance with a freshly signed **Login Directly**.
async fn purchased_page(
    State(state): State<AppState>,
    q: Result<Query<Account>, QueryRejection>,
) -> Response {
    let account = match query(q).parse() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let time_stamp = (state.store.now() * 1000).to_string();
    let rows: String = instances_of(&state, &account)
        .iter()
        .map(|instance| {
            let params = [
                ("action", "verify"),
                ("instanceId", instance.as_str()),
                ("timeStamp", time_stamp.as_str()),
            ];
            let mut fields: String = params.iter().map(|(k, v)| page::hidden(k, v)).collect();
            fields.push_str(&page::hidden("token", &sign(&params, &state.aliyun_secret)));
            format!(
                "<tr><td>Guance</td><td><code>{}</code></td><td>Pay as you go</td><td>{}</td></tr>",
                page::escape(instance),
                page::form("get", HANDOFF, &fields, "Login Directly")
            )
        })
        .collect();
    let body = if rows.is_empty() {
        format!(
            "<p>No purchased services yet.</p><p><a href=\"{FIRST}\">Back to the Guance product \
             page</a></p>"
        )
    } else {
        format!(
            "<table><thead><tr><th>Product</th><th>Instance ID</th><th>Billing</th>\
<th>Action</th></tr></thead><tbody>{rows}</tbody></table>"
        )
    };
    page::html(
        StatusCode::OK,
        page::render(
            "Marketplace > Purchased Services",
            &format!("Services bought by Alibaba Cloud account {}.", account.as_str()),
            &body,
        ),
    )
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "AliyunHandoff")]
struct Verify {
    action: Option<String>,
    #[serde(rename = "instanceId")]
    instance_id: Option<String>,
    #[serde(rename = "timeStamp")]
    time_stamp: Option<String>,
    token: Option<String>,
}

/// The hand-off: checks the signature, the freshness and the instance, redeems the token once,
/// opens a session, 303 to the app.
async fn handoff(
    State(state): State<AppState>,
    q: Result<Query<Verify>, QueryRejection>,
) -> Response {
    let Ok(Query(verify)) = q else {
        return refuse(Marketplace::Aliyun, TokenProblem::Invalid);
    };
    let token = verify.token.unwrap_or_default();
    if token.trim().is_empty() {
        return refuse(Marketplace::Aliyun, TokenProblem::Missing);
    }
    let (Some(action), Some(instance_id), Some(time_stamp)) =
        (verify.action, verify.instance_id, verify.time_stamp)
    else {
        return refuse(Marketplace::Aliyun, TokenProblem::Invalid);
    };
    let params = [
        ("action", action.as_str()),
        ("instanceId", instance_id.as_str()),
        ("timeStamp", time_stamp.as_str()),
    ];
    let expected = sign(&params, &state.aliyun_secret);
    if action != "verify" || !same(&token.to_ascii_lowercase(), &expected) {
        return refuse(Marketplace::Aliyun, TokenProblem::Invalid);
    }
    let Ok(millis) = time_stamp.parse::<u64>() else {
        return refuse(Marketplace::Aliyun, TokenProblem::Invalid);
    };
    let now = state.store.now();
    let outcome = state.store.write(|data| {
        let identity =
            data.aliyun_instances.get(&instance_id).cloned().ok_or(TokenProblem::Invalid)?;
        if data.aliyun_redeemed.contains_key(&expected) {
            return Err(TokenProblem::Used);
        }
        if millis.abs_diff(now * 1000) > rules::ALIYUN_TIMESTAMP_SKEW_SECS * 1000 {
            return Err(TokenProblem::Expired);
        }
        data.aliyun_redeemed.insert(expected.clone(), now);
        Ok(open_session(data, identity, now))
    });
    match outcome {
        Ok(session) => welcome(Marketplace::Aliyun, &session),
        Err(problem) => refuse(Marketplace::Aliyun, problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_sorts_parameters_and_appends_the_key() {
        // MD5("action=verify&instanceId=cmgj-1&timeStamp=1000&key=s3cret"), by Python's hashlib.
        let by_hand = "f314f2cc2887453b58ae1ff3b80cb6e6";
        let params = [("timeStamp", "1000"), ("action", "verify"), ("instanceId", "cmgj-1")];
        assert_eq!(sign(&params, "s3cret"), by_hand);
    }

    #[test]
    fn comparison_is_exact() {
        assert!(same("abc", "abc"));
        assert!(!same("abc", "abd"));
        assert!(!same("abc", "abcd"));
    }

    #[test]
    fn random_ids_are_valid_and_fresh() {
        assert_ne!(random_account_id(), random_account_id());
    }
}
