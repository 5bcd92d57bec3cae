//! The three marketplace simulators, driven by following the forms they render, and their hand-offs:
//! one session per token, every refusal named, no token in a redirect. Oneshot, no sockets.

use std::sync::Arc;

use activation_core::{
    domain::{AliyunAccountId, AwsAccountId, Identity, Marketplace},
    rules,
};
use axum::{
    body::Body,
    http::{HeaderMap, Request, StatusCode, header},
};
use http_body_util::BodyExt;
use md5::{Digest, Md5};
use server_mock::{
    AppState, app,
    clock::Clock,
    store::{Data, Store, data::cloud_key},
};
use tower::ServiceExt;

const T0: u64 = 1_795_000_000;

fn setup() -> (AppState, Arc<Store>) {
    let state = AppState::new(Store::new(Data::default(), None, Clock::manual(T0)));
    let store = state.store.clone();
    (state, store)
}

struct Answer {
    status: StatusCode,
    headers: HeaderMap,
    body: String,
}

impl Answer {
    fn location(&self) -> &str {
        self.headers[header::LOCATION].to_str().unwrap()
    }
}

async fn send(state: &AppState, request: Request<Body>) -> Answer {
    let response = app(state.clone()).oneshot(request).await.unwrap();
    let (parts, body) = response.into_parts();
    let body = body.collect().await.unwrap().to_bytes();
    Answer {
        status: parts.status,
        headers: parts.headers,
        body: String::from_utf8(body.to_vec()).unwrap(),
    }
}

async fn get(state: &AppState, uri: &str) -> Answer {
    send(state, Request::get(uri).body(Body::empty()).unwrap()).await
}

async fn post(state: &AppState, uri: &str, body: &str) -> Answer {
    let request = Request::post(uri)
        .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(Body::from(body.to_owned()))
        .unwrap();
    send(state, request).await
}

fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                char::from(b).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

fn query(fields: &[(String, String)]) -> String {
    let pairs: Vec<String> =
        fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
    pairs.join("&")
}

fn unescape(text: &str) -> String {
    text.replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let tag = format!(" {tag}");
    let start = tag.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = tag[start..].find('"')?;
    Some(unescape(&tag[start..start + len]))
}

/// A form of a rendered page: method, action, its inputs (checkboxes left out) and its button.
#[derive(Debug, Clone)]
struct Form {
    method: String,
    action: String,
    fields: Vec<(String, String)>,
    button: String,
}

impl Form {
    fn set(mut self, name: &str, value: &str) -> Form {
        self.fields.retain(|(k, _)| k != name);
        self.fields.push((name.to_owned(), value.to_owned()));
        self
    }

    fn field(&self, name: &str) -> &str {
        let found = self.fields.iter().find(|(k, _)| k == name);
        &found.unwrap_or_else(|| panic!("no field {name} in {self:?}")).1
    }

    async fn submit(&self, state: &AppState) -> Answer {
        let data = query(&self.fields);
        if self.method == "post" {
            post(state, &self.action, &data).await
        } else {
            get(state, &format!("{}?{data}", self.action)).await
        }
    }
}

fn forms(html: &str) -> Vec<Form> {
    html.split("<form ")
        .skip(1)
        .map(|chunk| {
            let chunk = &chunk[..chunk.find("</form>").unwrap()];
            let open = &chunk[..chunk.find('>').unwrap()];
            let fields = chunk
                .split("<input ")
                .skip(1)
                .map(|tag| &tag[..tag.find('>').unwrap()])
                .filter(|tag| attr(tag, "type").as_deref() != Some("checkbox"))
                .map(|tag| (attr(tag, "name").unwrap(), attr(tag, "value").unwrap()))
                .collect();
            let button = chunk.split("<button").nth(1).unwrap();
            let button = &button[button.find('>').unwrap() + 1..button.find("</button>").unwrap()];
            Form {
                method: attr(open, "method").unwrap(),
                action: attr(open, "action").unwrap(),
                fields,
                button: unescape(button),
            }
        })
        .collect()
}

/// The one form of a page, after checking it is a simulator page.
fn only_form(answer: &Answer) -> Form {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    assert!(!answer.body.contains("<script") && !answer.body.contains("style="));
    let mut found = forms(&answer.body);
    assert_eq!(found.len(), 1, "{}", answer.body);
    found.remove(0)
}

/// Follows a 303 to another simulator page.
async fn follow(state: &AppState, answer: Answer) -> Answer {
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    get(state, answer.location()).await
}

/// The first page: a labelled Cloud account ID field with a fresh valid ID; its one form.
async fn first_page(state: &AppState, uri: &str, valid: fn(&str) -> bool) -> Form {
    let page = get(state, uri).await;
    assert!(page.body.contains("<label for=\"account_id\">Cloud account ID</label>"));
    assert!(page.body.contains("<input id=\"account_id\" name=\"account_id\""));
    let form = only_form(&page);
    let again = only_form(&get(state, uri).await);
    let id = form.field("account_id");
    assert!(valid(id), "{id}");
    assert_ne!(id, again.field("account_id"));
    form
}

/// A successful hand-off: 303 to /activate with the session cookie of a new session.
fn assert_welcomed(answer: &Answer, store: &Store, identity: impl Fn(&Identity) -> bool) {
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    assert_eq!(answer.location(), "/activate");
    let cookie = answer.headers[header::SET_COOKIE].to_str().unwrap();
    assert!(cookie.starts_with("__Host-activation_session="), "{cookie}");
    assert!(cookie.contains("; Secure") && cookie.contains("; HttpOnly"), "{cookie}");
    assert!(cookie.contains("; SameSite=Lax") && cookie.contains("; Path=/;"), "{cookie}");
    let id = &cookie["__Host-activation_session=".len()..cookie.find(';').unwrap()];
    let session = store.snapshot().sessions.get(id).cloned().expect("a session");
    assert!(identity(&session.identity), "{:?}", session.identity);
}

/// A refused hand-off: 303 to the error page naming `problem`, no cookie, no new session.
fn assert_refused(answer: &Answer, store: &Store, sessions: usize, problem: &str) {
    assert_eq!(answer.status, StatusCode::SEE_OTHER, "{}", answer.body);
    // Which marketplace the page names is handoff_pages.rs's to check.
    let location = answer.location();
    let (path, from) = location.split_once("?marketplace=").unwrap_or((location, ""));
    assert_eq!(path, format!("/activate/error/{problem}"));
    assert!(Marketplace::from_code(from).is_some(), "{location}");
    assert!(answer.headers.get(header::SET_COOKIE).is_none());
    assert_eq!(store.snapshot().sessions.len(), sessions);
}

// ---- AWS ----

async fn aws_to_setup(state: &AppState, account: Option<&str>) -> (Form, Vec<String>) {
    let mut form =
        first_page(state, "/marketplace/aws", |id| AwsAccountId::parse(id).is_ok()).await;
    if let Some(account) = account {
        form = form.set("account_id", account);
    }
    let mut buttons = vec![form.button.clone()];
    let subscribe = only_form(&form.submit(state).await);
    buttons.push(subscribe.button.clone());
    let setup = only_form(&follow(state, subscribe.submit(state).await).await);
    buttons.push(setup.button.clone());
    assert_eq!((setup.method.as_str(), setup.action.as_str()), ("post", "/handoff/aws"));
    (setup, buttons)
}

#[tokio::test]
async fn aws_subscribes_and_hands_off_once() {
    let (state, store) = setup();
    let (setup, buttons) = aws_to_setup(&state, Some("123456789012")).await;
    assert_eq!(buttons, ["Continue to Subscribe", "Subscribe", "Set Up Your Account"]);
    let token = setup.field("x-amzn-marketplace-token").to_owned();
    let welcome = setup.submit(&state).await;
    assert_welcomed(&welcome, &store, |identity| {
        matches!(identity, Identity::Aws { account_id, product_code, license_arn }
            if account_id.as_str() == "123456789012" && product_code.as_str() == "prod-guance01"
            && license_arn.as_str().starts_with("arn:aws:license-manager::123456789012:license:l-"))
    });
    let replay = setup.submit(&state).await;
    assert_refused(&replay, &store, 1, "used");
    for answer in [&welcome, &replay] {
        assert!(!answer.location().contains(&token));
    }
    let forged = setup.clone().set("x-amzn-marketplace-token", "forged-token");
    assert_refused(&forged.submit(&state).await, &store, 1, "invalid");
    assert_refused(&post(&state, "/handoff/aws", "").await, &store, 1, "missing");
    let bare = Request::post("/handoff/aws").body(Body::empty()).unwrap();
    assert_refused(&send(&state, bare).await, &store, 1, "missing");
}

#[tokio::test]
async fn an_aws_token_expires() {
    let (state, store) = setup();
    let (setup, _) = aws_to_setup(&state, None).await;
    store.clock().advance(rules::MARKETPLACE_TOKEN_TTL_SECS + 1);
    assert_refused(&setup.submit(&state).await, &store, 0, "expired");
}

#[tokio::test]
async fn an_aws_id_used_before_reaches_the_already_bound_path() {
    let (state, store) = setup();
    let account = AwsAccountId::parse("000011112222").unwrap();
    store.write(|data| {
        let key = cloud_key(&activation_core::domain::CloudAccount::Aws(account));
        data.cloud_bindings.insert(key, "acme".to_owned());
    });
    let (setup, _) = aws_to_setup(&state, Some("000011112222")).await;
    setup.submit(&state).await;
    let sessions = store.snapshot().sessions;
    assert!(sessions.values().all(|s| s.progress.already_bound));
    assert_eq!(sessions.len(), 1);
}

#[tokio::test]
async fn an_invalid_typed_id_shows_the_first_page_again_with_the_value_kept() {
    let (state, _) = setup();
    for uri in [
        "/marketplace/aws/subscribe?account_id=12345",
        "/marketplace/aliyun/activate?account_id=12345",
    ] {
        let page = get(&state, uri).await;
        assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}");
        assert!(page.body.contains("value=\"12345\""), "{}", page.body);
        assert!(page.body.contains("role=\"alert\">The "), "{}", page.body);
        assert!(page.body.contains("<label for=\"account_id\">Cloud account ID</label>"));
    }
    let page = post(&state, "/marketplace/huawei/subscribe", "account_id=xyz").await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(page.body.contains("value=\"xyz\"") && page.body.contains("hex"));
}

#[tokio::test]
async fn the_simulator_stylesheet_is_served_as_css() {
    let (state, _) = setup();
    let css = get(&state, "/marketplace/sim.css").await;
    assert_eq!(css.status, StatusCode::OK);
    assert!(css.headers[header::CONTENT_TYPE].to_str().unwrap().starts_with("text/css"));
    assert!(css.body.contains(".error"));
}

// ---- Alibaba ----

/// Signs as Alibaba does, with `state`'s secret (the simulator's, random unless given).
fn sign(state: &AppState, params: &[(&str, &str)]) -> String {
    signed_with(&state.aliyun_secret, params)
}

fn signed_with(secret: &str, params: &[(&str, &str)]) -> String {
    let mut sorted = params.to_vec();
    sorted.sort();
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let digest = Md5::digest(format!("{}&key={secret}", joined.join("&")).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Drives the Alibaba simulator to the Login Directly form; returns it and the buttons pressed.
async fn aliyun_to_login(state: &AppState, account: &str) -> (Form, Vec<String>) {
    let start = first_page(state, "/marketplace/aliyun", |id| AliyunAccountId::parse(id).is_ok());
    let start = start.await.set("account_id", account);
    let prompt_page = start.submit(state).await;
    assert!(
        prompt_page.body.contains("<label class=\"check\" for=\"agree\"><input type=\"checkbox\"")
    );
    let prompt = only_form(&prompt_page);
    let refused = prompt.submit(state).await;
    assert_eq!(refused.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(refused.body.contains("Agree to the terms"));
    let submitted = follow(state, prompt.clone().set("agree", "yes").submit(state).await).await;
    assert!(submitted.body.contains("<h1>Activation Request Submitted</h1>"));
    let confirm = only_form(&submitted);
    let purchased = confirm.submit(state).await;
    let login = only_form(&purchased);
    assert!(purchased.body.contains(login.field("instanceId")));
    let buttons = [&start, &prompt, &confirm, &login].map(|f| f.button.clone());
    (login, buttons.to_vec())
}

#[tokio::test]
async fn aliyun_activates_and_logs_in_directly_once() {
    let (state, store) = setup();
    let (login, buttons) = aliyun_to_login(&state, "1234567890123456").await;
    assert_eq!(buttons, ["Activate Now", "Activate", "Confirm", "Login Directly"]);
    assert_eq!((login.method.as_str(), login.action.as_str()), ("get", "/handoff/aliyun"));
    let instance = login.field("instanceId").to_owned();
    assert!(instance.starts_with("cmgj00053362-"), "{instance}");
    assert_eq!(login.field("action"), "verify");
    assert_eq!(login.field("timeStamp"), (T0 * 1000).to_string());
    let params =
        [("action", "verify"), ("instanceId", &instance), ("timeStamp", login.field("timeStamp"))];
    let token = login.field("token").to_owned();
    assert_eq!(token, sign(&state, &params));
    let welcome = login.submit(&state).await;
    assert_welcomed(&welcome, &store, |identity| {
        matches!(identity, Identity::Aliyun { account_id, instance_id }
            if account_id.as_str() == "1234567890123456" && instance_id.as_str() == instance)
    });
    let replay = login.submit(&state).await;
    assert_refused(&replay, &store, 1, "used");
    for answer in [&welcome, &replay] {
        assert!(!answer.location().contains(&token));
    }
}

#[tokio::test]
async fn aliyun_refuses_forged_stale_and_incomplete_hand_offs() {
    let (state, store) = setup();
    let (login, _) = aliyun_to_login(&state, "6543210987654321").await;
    let instance = login.field("instanceId").to_owned();
    let token = login.field("token");
    let flipped = format!("{}{}", &token[..31], if token.ends_with('0') { '1' } else { '0' });
    let bad_md5 = login.clone().set("token", &flipped);
    assert_refused(&bad_md5.submit(&state).await, &store, 0, "invalid");
    let other_instance = login.clone().set("instanceId", "cmgj00053362-other");
    assert_refused(&other_instance.submit(&state).await, &store, 0, "invalid");
    let now = (T0 * 1000).to_string();
    for (action, instance) in [("verify", "cmgj00053362-unknown"), ("login", instance.as_str())] {
        let params = [("action", action), ("instanceId", instance), ("timeStamp", now.as_str())];
        let signed = login.clone().set("action", action).set("instanceId", instance);
        let signed = signed.set("token", &sign(&state, &params));
        assert_refused(&signed.submit(&state).await, &store, 0, "invalid");
    }
    let future = ((T0 + rules::ALIYUN_TIMESTAMP_SKEW_SECS + 1) * 1000).to_string();
    let params = [("action", "verify"), ("instanceId", instance.as_str()), ("timeStamp", &future)];
    let ahead = login.clone().set("timeStamp", &future).set("token", &sign(&state, &params));
    assert_refused(&ahead.submit(&state).await, &store, 0, "expired");
    store.clock().advance(rules::ALIYUN_TIMESTAMP_SKEW_SECS + 1);
    assert_refused(&login.submit(&state).await, &store, 0, "expired");
    let no_token = format!("/handoff/aliyun?action=verify&instanceId={instance}&timeStamp={now}");
    assert_refused(&get(&state, &no_token).await, &store, 0, "missing");
    assert_refused(&get(&state, "/handoff/aliyun").await, &store, 0, "missing");
    let only_token = format!("/handoff/aliyun?token={}", sign(&state, &[]));
    assert_refused(&get(&state, &only_token).await, &store, 0, "invalid");
}

#[tokio::test]
async fn a_hand_off_signed_with_the_old_constant_secret_is_refused() {
    let (state, store) = setup();
    let (login, _) = aliyun_to_login(&state, "1357913579135791").await;
    let params = [
        ("action", "verify"),
        ("instanceId", login.field("instanceId")),
        ("timeStamp", login.field("timeStamp")),
    ];
    // The secret every copy of the mock shared before it became `--aliyun-secret`.
    let old = signed_with("mock-aliyun-secret", &params);
    assert_ne!(old, login.field("token"));
    let forged = login.clone().set("token", &old);
    assert_refused(&forged.submit(&state).await, &store, 0, "invalid");
    // The same parameters signed with this mock's secret are taken.
    assert_welcomed(&login.submit(&state).await, &store, |_| true);
}

// ---- Huawei ----

// Subscribe Now → partner services → unified login → the hand-off, and its refusals (wrong
// tenant, forged, expired, missing, used, another browser): huawei_partner_services.rs.

#[tokio::test]
async fn an_aws_token_is_no_huawei_code() {
    let (state, store) = setup();
    let (setup, _) = aws_to_setup(&state, None).await;
    let token = setup.field("x-amzn-marketplace-token");
    let uri = format!("/handoff/huawei?code={token}&tenant=t");
    assert_refused(&get(&state, &uri).await, &store, 0, "invalid");
    assert_welcomed(&setup.submit(&state).await, &store, |i| matches!(i, Identity::Aws { .. }));
}
