//! Huawei Cloud KooGallery, simulated. The buyer types (or keeps) a Huawei Cloud account ID and
//! clicks **Subscribe Now** (which creates an instance for the buyer's tenant) → **Use Now** on the
//! purchased services. The first time, that sets up partner services ([`super::huawei_partner`]);
//! once they are, Use Now opens our login URL, `/handoff/huawei/start`: our hand-off starts the
//! OAuth2 authorization request there, setting a random `state` in a cookie of this browser and
//! sending the buyer to the unified login ([`super::huawei_login`]) with it. The unified login
//! returns the member to us as it does for real: `GET /handoff/huawei?code=…&tenant=…&state=…`,
//! the code being a single-use OAuth2 authorization code we "exchange" server-side for the
//! identity (account ID, instance ID, tenant) and the member account, and only in the browser
//! whose cookie holds that `state`.

use activation_core::{
    domain::{HuaweiAccountId, HuaweiTenant, Identity, InstanceId, Marketplace},
    flow::TokenProblem,
};
use axum::{
    Form,
    extract::{
        Query, State,
        rejection::{FormRejection, QueryRejection},
    },
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use md5::{Digest, Md5};
use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::Deserialize;

use super::{huawei_login, huawei_partner, open_session, page, refuse, welcome, without_token};
use crate::{
    AppState, cookies,
    routes::{self, Answer, Input, Method, Operation, Part, schema},
    store::random_token,
};

/// An authorization code must be exchanged within this long.
pub const CODE_TTL_SECS: u64 = 5 * 60;

pub(super) const FIRST: &str = "/marketplace/huawei";
const SUBSCRIBE: &str = "/marketplace/huawei/subscribe";
const PURCHASED: &str = "/marketplace/huawei/purchased";
const USE: &str = "/marketplace/huawei/use";
const HANDOFF: &str = "/handoff/huawei";
const START: &str = "/handoff/huawei/start";
/// How long the sign-in our hand-off starts may take, unified login and password change included.
const STATE_TTL_SECS: u64 = 15 * 60;
const RULE: &str =
    "A Huawei Cloud account ID is 32 hex characters, e.g. 0a1b2c3d4e5f60718293a4b5c6d7e8f9.";

pub const OPERATIONS: &[Operation] = &[
    Operation::new(
        Part::Marketplace,
        Method::Get,
        FIRST,
        "Huawei: the product page, with a fresh account ID and Subscribe Now",
        Input::Nothing,
        Answer::Html,
        |method| method.router(product_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        SUBSCRIBE,
        "Huawei: Subscribe Now (creates the instance for the tenant)",
        Input::Form(subscription_form),
        Answer::Page,
        |method| method.router(subscribe),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Get,
        PURCHASED,
        "Huawei: purchased services, with Use Now",
        Input::Query(schema::<Purchase>),
        Answer::Page,
        |method| method.router(purchased_page),
    ),
    Operation::new(
        Part::Marketplace,
        Method::Post,
        USE,
        "Huawei: Use Now: partner services the first time, then our hand-off's start",
        Input::Form(schema::<Purchase>),
        Answer::Page,
        |method| method.router(use_now),
    ),
    Operation::new(
        Part::Handoff,
        Method::Get,
        START,
        "Huawei: our login URL: starts the OAuth2 request (a state cookie), on to the unified login",
        Input::Query(schema::<Start>),
        Answer::Redirect,
        |method| method.router(start),
    ),
    Operation::new(
        Part::Handoff,
        Method::Get,
        HANDOFF,
        "Huawei OAuth2 callback: exchanges the code once, for its tenant",
        Input::Query(schema::<Callback>),
        Answer::Handoff,
        |method| method.router(handoff),
    ),
    Operation::new(
        Part::Handoff,
        Method::Post,
        HANDOFF,
        "Huawei OAuth2 callback posted to instead of opened: no token, the missing-token page",
        Input::Nothing,
        Answer::Handoff,
        |method| method.router(|| async { without_token(Marketplace::Huawei) }),
    ),
];

/// A fresh random Huawei Cloud account ID: 32 lower-case hex characters.
pub fn random_account_id() -> HuaweiAccountId {
    HuaweiAccountId::parse(&random_token()).expect("32 hex characters are a Huawei account ID")
}

/// The buyer's tenant (their enterprise): the same for every purchase of one account.
pub fn tenant_of(account: &HuaweiAccountId) -> HuaweiTenant {
    let digest = Md5::digest(format!("tenant:{}", account.as_str()).as_bytes());
    HuaweiTenant::parse(&hex::encode(digest)).expect("32 hex characters are a tenant")
}

/// What travels between the simulator's steps.
#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiSimulatorStep")]
struct Purchase {
    #[schemars(with = "HuaweiAccountId")]
    account_id: Option<String>,
    #[schemars(with = "InstanceId")]
    instance_id: Option<String>,
    #[schemars(with = "HuaweiTenant")]
    tenant: Option<String>,
}

/// Subscribe Now's form: the account ID alone (the instance and tenant come of it).
fn subscription_form(generator: &mut SchemaGenerator) -> Schema {
    let schema = json_schema!({
        "type": "object",
        "properties": { "account_id": generator.subschema_for::<HuaweiAccountId>() },
        "required": ["account_id"]
    });
    routes::named(generator, "HuaweiSubscription", schema)
}

impl Purchase {
    /// The valid account ID, or the first page again with the error and the typed value.
    fn account(&self) -> Result<HuaweiAccountId, Box<Response>> {
        let typed = self.account_id.as_deref().unwrap_or_default();
        HuaweiAccountId::parse(typed).map_err(|error| {
            let message = page::account_error(error, "Huawei Cloud account ID", RULE);
            Box::new(first_page(StatusCode::UNPROCESSABLE_ENTITY, typed, Some(&message)))
        })
    }

    /// Account, instance and tenant, or the first page (keeping the account ID) saying to
    /// subscribe again.
    fn parts(&self) -> Result<(HuaweiAccountId, InstanceId, HuaweiTenant), Box<Response>> {
        let account_id = self.account()?;
        let instance = InstanceId::parse(self.instance_id.as_deref().unwrap_or_default());
        let tenant = HuaweiTenant::parse(self.tenant.as_deref().unwrap_or_default());
        match (instance, tenant) {
            (Ok(instance_id), Ok(tenant)) => Ok((account_id, instance_id, tenant)),
            _ => Err(Box::new(first_page(
                StatusCode::UNPROCESSABLE_ENTITY,
                account_id.as_str(),
                Some(
                    "This purchase is missing its instance ID or tenant. Press Subscribe Now again.",
                ),
            ))),
        }
    }
}

fn first_page(status: StatusCode, value: &str, error: Option<&str>) -> Response {
    let body =
        page::form("post", SUBSCRIBE, &page::account_field(value, RULE, error), "Subscribe Now");
    page::html(
        status,
        page::render(
            "Guance SaaS Edition on Huawei Cloud KooGallery",
            "Guance: unified observability, billed through your Huawei Cloud account. Pick the \
             Huawei Cloud account that buys it (type an ID you used before to reach the \
             already-bound path).",
            &body,
        ),
    )
}

async fn product_page() -> Response {
    first_page(StatusCode::OK, random_account_id().as_str(), None)
}

/// **Subscribe Now**: the SaaS subscription makes an instance; on to the purchased services.
async fn subscribe(form: Result<Form<Purchase>, FormRejection>) -> Response {
    let form = form.map_or_else(|_| Purchase::default(), |Form(purchase)| purchase);
    let account = match form.account() {
        Ok(account) => account,
        Err(page) => return *page,
    };
    let instance_id = new_instance_id();
    Redirect::to(&format!(
        "{PURCHASED}?account_id={}&instance_id={}&tenant={}",
        account.as_str(),
        page::encode(&instance_id),
        page::encode(tenant_of(&account).as_str())
    ))
    .into_response()
}

/// My Marketplace > Purchased Services, with **Use Now**.
async fn purchased_page(q: Result<Query<Purchase>, QueryRejection>) -> Response {
    let q = q.map_or_else(|_| Purchase::default(), |Query(purchase)| purchase);
    let (account_id, instance_id, tenant) = match q.parts() {
        Ok(parts) => parts,
        Err(page) => return *page,
    };
    let fields = format!(
        "{}{}{}",
        page::hidden("account_id", account_id.as_str()),
        page::hidden("instance_id", instance_id.as_str()),
        page::hidden("tenant", tenant.as_str()),
    );
    let body = format!(
        "<table><thead><tr><th>Product</th><th>Instance ID</th><th>Tenant</th><th>Action</th>\
</tr></thead><tbody><tr><td>Guance SaaS Edition</td><td><code>{}</code></td><td><code>{}</code>\
</td><td>{}</td></tr></tbody></table>",
        page::escape(instance_id.as_str()),
        page::escape(tenant.as_str()),
        page::form("post", USE, &fields, "Use Now"),
    );
    page::html(
        StatusCode::OK,
        page::render(
            "My Marketplace > Purchased Services",
            &format!(
                "SaaS subscription task submitted successfully for Huawei Cloud account {}. Use \
                 Now signs you in through the unified login and opens Guance.",
                account_id.as_str()
            ),
            &body,
        ),
    )
}

/// **Use Now**: remembers the purchase's instance; the first time, on to set up partner services,
/// afterwards to our login URL, which starts the unified login.
async fn use_now(
    State(state): State<AppState>,
    form: Result<Form<Purchase>, FormRejection>,
) -> Response {
    let form = form.map_or_else(|_| Purchase::default(), |Form(purchase)| purchase);
    let (account_id, instance_id, tenant) = match form.parts() {
        Ok(parts) => parts,
        Err(page) => return *page,
    };
    let ready = state.store.write(|data| {
        let buyer = data.huawei.buyers.entry(account_id.as_str().to_owned()).or_default();
        buyer.instance_id = Some(instance_id.as_str().to_owned());
        buyer.ready().then(|| buyer.enterprise.as_ref().map(|e| e.tenant.clone())).flatten()
    });
    match ready {
        Some(tenant) => Redirect::to(&start_url(&tenant)).into_response(),
        None => {
            let _ = tenant;
            let to = format!("{}?account_id={}", huawei_partner::ROLE, account_id.as_str());
            Redirect::to(&to).into_response()
        }
    }
}

/// The account ID a simulator page was given, or the first page naming what is wrong with it.
pub(super) fn parse_account(typed: &str) -> Result<HuaweiAccountId, Box<Response>> {
    Purchase { account_id: Some(typed.to_owned()), ..Purchase::default() }.account()
}

/// A new purchase's instance ID.
pub(super) fn new_instance_id() -> String {
    format!("hws-{}", &random_token()[..24])
}

/// Our login URL for `tenant`: where KooGallery's Use Now sends a member.
pub(super) fn start_url(tenant: &HuaweiTenant) -> String {
    format!("{START}?tenant={}", page::encode(tenant.as_str()))
}

/// The unified login's redirect back to us.
pub(super) fn callback_url(code: &str, tenant: &HuaweiTenant, state: &str) -> String {
    format!(
        "{HANDOFF}?code={code}&tenant={}&state={}",
        page::encode(tenant.as_str()),
        page::encode(state)
    )
}

#[derive(Debug, Default, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiLoginStart")]
struct Start {
    #[schemars(with = "HuaweiTenant")]
    tenant: Option<String>,
}

/// Our login URL: starts the OAuth2 authorization request. A fresh random `state` goes in a
/// cookie of this browser and to the unified login, which returns it with the code; the callback
/// takes the code only with the cookie's state.
async fn start(q: Result<Query<Start>, QueryRejection>) -> Response {
    let tenant = q.map_or_else(|_| None, |Query(q)| q.tenant).unwrap_or_default();
    if HuaweiTenant::parse(&tenant).is_err() {
        return huawei_login::start_again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "This link names no enterprise: go to My Marketplace > Partner Services and press \
             Use Now.",
        );
    }
    let oauth_state = random_token();
    let to = format!(
        "{}?tenant={}&state={oauth_state}",
        huawei_login::LOGIN,
        page::encode(tenant.trim())
    );
    let cookie = cookies::set(cookies::HUAWEI_STATE, &oauth_state, STATE_TTL_SECS);
    ([(header::SET_COOKIE, cookie)], Redirect::to(&to)).into_response()
}

#[derive(Debug, Deserialize, JsonSchema)]
#[schemars(rename = "HuaweiCallback")]
struct Callback {
    code: Option<String>,
    tenant: Option<String>,
    /// The `state` our start gave the unified login.
    state: Option<String>,
}

/// The OAuth2 callback: exchanges the code once (for the tenant and the state it was issued
/// with, in the browser whose cookie holds that state), opens a session knowing the member,
/// 303 to the app.
async fn handoff(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<Callback>, QueryRejection>,
) -> Response {
    let Ok(Query(callback)) = q else {
        return refuse(Marketplace::Huawei, TokenProblem::Invalid);
    };
    let code = callback.code.unwrap_or_default();
    let code = code.trim();
    if code.is_empty() {
        return refuse(Marketplace::Huawei, TokenProblem::Missing);
    }
    let tenant = callback.tenant.unwrap_or_default();
    let sent_state = callback.state.unwrap_or_default();
    let cookie_state = cookies::get(&headers, cookies::HUAWEI_STATE).unwrap_or_default();
    let now = state.store.now();
    let outcome = state.store.write(|data| {
        let issued = data.huawei.codes.get_mut(code).ok_or(TokenProblem::Invalid)?;
        match &issued.identity {
            Identity::Huawei { tenant: issued_to, .. } if issued_to.as_str() == tenant.trim() => {}
            _ => return Err(TokenProblem::Invalid),
        }
        if issued.redeemed {
            return Err(TokenProblem::Used);
        }
        if now.saturating_sub(issued.issued_at) > CODE_TTL_SECS {
            return Err(TokenProblem::Expired);
        }
        // Another browser (no cookie, or its own): refused, and the code stays for its owner.
        let same = |a: &str, b: &str| !a.is_empty() && a == b;
        if !(same(&issued.state, &sent_state) && same(&issued.state, &cookie_state)) {
            return Err(TokenProblem::OtherBrowser);
        }
        issued.redeemed = true;
        let (identity, member) = (issued.identity.clone(), issued.member.clone());
        let session = open_session(data, identity, now);
        if let Some(opened) = data.sessions.get_mut(&session) {
            opened.member = Some(member);
        }
        Ok(session)
    });
    match outcome {
        Ok(session) => {
            let mut response = welcome(Marketplace::Huawei, &session);
            // The sign-in it started is over.
            let spent = cookies::set(cookies::HUAWEI_STATE, "", 0);
            response.headers_mut().append(header::SET_COOKIE, spent);
            response
        }
        Err(problem) => refuse(Marketplace::Huawei, problem),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tenant_is_stable_per_account() {
        let account = random_account_id();
        assert_eq!(tenant_of(&account), tenant_of(&account));
        assert_ne!(tenant_of(&account), tenant_of(&random_account_id()));
    }
}
