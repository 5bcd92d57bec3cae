//! AWS Marketplace, simulated. The buyer types (or keeps) an AWS account ID and clicks
//! **Continue to Subscribe** → **Subscribe** → **Set Up Your Account**. The last button is what AWS
//! does for real: a form POST of `x-amzn-marketplace-token` (a registration token, redeemable once,
//! for a limited time) to our fulfillment URL, `/handoff/aws`, where we resolve it to the customer
//! (account ID, product code, license ARN).

use activation_core::{
    domain::{AwsAccountId, Identity, LicenseArn, Marketplace, ProductCode},
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
use rand::Rng;
use schemars::JsonSchema;
use serde::Deserialize;

use super::{open_session, page, refuse, welcome, without_token};
use crate::{
    AppState,
    routes::{Answer, Input, Method, Operation, Part, schema},
    store::{data::IssuedToken, random_token},
};

/// The form field AWS Marketplace posts to the fulfillment URL.
pub const TOKEN_FIELD: &str = "x-amzn-marketplace-token";
/// The product code of the Guance listing in the simulator.
pub const PRODUCT_CODE: &str = "prod-guance01";

pub(super) const FIRST: &str = "/marketplace/aws";
const SUBSCRIBE: &str = "/marketplace/aws/subscribe";
const SUBSCRIBED: &str = "/marketplace/aws/subscribed";
const HANDOFF: &str = "/handoff/aws";
const RULE: &str = "An AWS account ID is 12 digits, e.g. 123456789012.";

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        FIRST,
        "AWS: the product page, with a fresh account ID and Continue to Subscribe",
        Input::Nothing,
        Answer::Html,
        |method| method.router(product_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        SUBSCRIBE,
        "AWS: the offer, with Subscribe",
        Input::Query(schema::<Account>),
        Answer::Page,
        |method| method.router(subscribe_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        SUBSCRIBE,
        "AWS: Subscribe",
        Input::Form(schema::<Account>),
        Answer::Page,
        |method| method.router(subscribe),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        SUBSCRIBED,
        "AWS: subscribed, with Set Up Your Account (a fresh registration token)",
        Input::Query(schema::<Account>),
        Answer::Page,
        |method| method.router(subscribed_page),
    ),
    Operation::new(
        Part::Handoff,
        Method::Post,
        HANDOFF,
        "AWS fulfillment URL: redeems the registration token once",
        Input::Form(schema::<Fulfillment>),
        Answer::Handoff,
        |method| method.router(handoff),
    ),
    Operation::new(
        Part::Handoff,
        Method::Get,
        HANDOFF,
        "AWS fulfillment URL opened without its form (a refresh, a bookmark): the missing-token page",
        Input::Nothing,
        Answer::Handoff,
        |method| method.router(|| async { without_token(Marketplace::Aws) }),
    ),
];

/// A fresh random AWS account ID: 12 digits.
pub fn random_account_id() -> AwsAccountId {
    let mut rng = rand::rng();
    let digits: String =
        (0..AwsAccountId::LEN).map(|_| char::from(b'0' + rng.random_range(0..10u8))).collect();
    AwsAccountId::parse(&digits).expect("12 digits are an AWS account ID")
}

/// The `cloud account ID` carried from one simulator step to the next.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "AwsSimulatorStep")]
struct Account {
    #[schemars(with = "AwsAccountId")]
    account_id: Option<String>,
}

impl Account {
    /// The valid account ID, or the first page again with the error and the typed value.
    fn parse(&self) -> Result<AwsAccountId, Box<Response>> {
        let typed = self.account_id.as_deref().unwrap_or_default();
        AwsAccountId::parse(typed).map_err(|error| {
            let message = page::account_error(error, "AWS account ID", RULE);
            Box::new(first_page(StatusCode::UNPROCESSABLE_ENTITY, typed, Some(&message)))
        })
    }
}

fn account_of(query: Result<Query<Account>, QueryRejection>) -> Account {
    query.map_or(Account { account_id: None }, |Query(account)| account)
}

fn first_page(status: StatusCode, value: &str, error: Option<&str>) -> Response {
    let body = page::form(
        "get",
        SUBSCRIBE,
        &page::account_field(value, RULE, error),
        "Continue to Subscribe",
    );
    page::html(
        status,
        page::render(
            "Guance on AWS Marketplace",
            "Guance: unified observability, pay as you go through your AWS bill. Pick the AWS \
             account that buys it (type an ID you used before to reach the already-bound path).",
            &body,
        ),
    )
}

async fn product_page() -> Response {
    first_page(StatusCode::OK, random_account_id().as_str(), None)
}

/// After **Continue to Subscribe**: the offer, with **Subscribe**.
async fn subscribe_page(query: Result<Query<Account>, QueryRejection>) -> Response {
    let account = match account_of(query).parse() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let body = format!(
        "<dl><dt>AWS account</dt><dd>{}</dd><dt>Product</dt><dd>Guance (SaaS, pay as you go)</dd>\
<dt>Product code</dt><dd>{PRODUCT_CODE}</dd></dl>{}",
        page::escape(account.as_str()),
        page::form("post", SUBSCRIBE, &page::hidden("account_id", account.as_str()), "Subscribe")
    );
    page::html(
        StatusCode::OK,
        page::render(
            "Subscribe to Guance",
            "Review the offer and subscribe. Charges appear on your AWS bill.",
            &body,
        ),
    )
}

/// **Subscribe**: the subscription is made; on to the page with **Set Up Your Account**.
async fn subscribe(form: Result<Form<Account>, FormRejection>) -> Response {
    let account = form.map_or(Account { account_id: None }, |Form(account)| account);
    match account.parse() {
        Ok(account) => {
            Redirect::to(&format!("{SUBSCRIBED}?account_id={}", account.as_str())).into_response()
        }
        Err(page) => *page,
    }
}

/// Thanks for subscribing: registers a fresh registration token (as AWS does on every visit) and
/// offers **Set Up Your Account**, which posts it to our fulfillment URL.
async fn subscribed_page(
    State(state): State<AppState>,
    query: Result<Query<Account>, QueryRejection>,
) -> Response {
    let account = match account_of(query).parse() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let identity = identity_of(&account);
    let token = format!("aws-reg-{}{}", random_token(), random_token());
    let now = state.store.now();
    // Kept in memory only: a page view writes nothing to the state file (SPEC §6; it is saved
    // with the next change, such as its redemption). Unused, it is pruned a day later.
    state.store.touch(|data| {
        data.tokens
            .insert(token.clone(), IssuedToken { identity, issued_at: now, redeemed: false });
    });
    let body = format!(
        "<p>Your subscription to Guance for AWS account {} is active. Set up your Guance account \
         to start using it.</p>{}",
        page::escape(account.as_str()),
        page::form("post", HANDOFF, &page::hidden(TOKEN_FIELD, &token), "Set Up Your Account")
    );
    page::html(
        StatusCode::OK,
        page::render("Thank you for subscribing", "Subscription complete.", &body),
    )
}

fn identity_of(account: &AwsAccountId) -> Identity {
    let license =
        format!("arn:aws:license-manager::{}:license:l-{}", account.as_str(), random_token());
    Identity::Aws {
        account_id: account.clone(),
        product_code: ProductCode::parse(PRODUCT_CODE).expect("the product code is valid"),
        license_arn: LicenseArn::parse(&license).expect("the license ARN is well formed"),
    }
}

/// What AWS Marketplace posts: the registration token. Without one, the hand-off still answers 303,
/// to the app's "missing token" page.
#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "AwsFulfillment")]
struct Fulfillment {
    #[serde(rename = "x-amzn-marketplace-token")]
    token: Option<String>,
}

/// The fulfillment URL: resolves the registration token once, opens a session, 303 to the app.
async fn handoff(
    State(state): State<AppState>,
    form: Result<Form<Fulfillment>, FormRejection>,
) -> Response {
    let token = form.ok().and_then(|Form(f)| f.token).unwrap_or_default();
    let token = token.trim();
    if token.is_empty() {
        return refuse(Marketplace::Aws, TokenProblem::Missing);
    }
    let now = state.store.now();
    let outcome = state.store.write(|data| {
        let issued = data.tokens.get_mut(token).ok_or(TokenProblem::Invalid)?;
        if !matches!(issued.identity, Identity::Aws { .. }) {
            return Err(TokenProblem::Invalid);
        }
        if issued.redeemed {
            return Err(TokenProblem::Used);
        }
        if now.saturating_sub(issued.issued_at) > rules::MARKETPLACE_TOKEN_TTL_SECS {
            return Err(TokenProblem::Expired);
        }
        issued.redeemed = true;
        let identity = issued.identity.clone();
        Ok(open_session(data, identity, now))
    });
    match outcome {
        Ok(session) => welcome(Marketplace::Aws, &session),
        Err(problem) => refuse(Marketplace::Aws, problem),
    }
}
