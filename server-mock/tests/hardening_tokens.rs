//! Marketplace tokens under attack, 50 of each per marketplace: replays of a redeemed token, forged
//! tokens, and stale timestamps (Alibaba) or expired tokens (AWS, Huawei, on the manual clock). Each
//! is refused with the right `/activate/error/…` redirect and opens no session; and no token, real
//! or forged, ever appears in a log line (captured at TRACE) or in a URL we redirect to.

mod common;

use activation_core::rules;
use axum::{
    body::Body,
    http::{Request, StatusCode, header},
    response::Response,
};
use md5::{Digest, Md5};
use rand::Rng;
use server_mock::{AppState, Store, app, clock::Clock, store::Data};
use tower::ServiceExt;

use common::Logs;

const N: usize = 50;
const T0: u64 = 1_795_000_000;

/// A mock on the manual clock, every log line of this test thread captured, and every token and
/// redirect seen, for the final check.
struct Bench {
    state: AppState,
    logs: Logs,
    _capture: tracing::subscriber::DefaultGuard,
    tokens: Vec<String>,
    redirects: Vec<String>,
}

impl Bench {
    fn new() -> Bench {
        let (logs, capture) = Logs::capture();
        let state = AppState::new(Store::new(Data::default(), None, Clock::manual(T0)));
        Bench { state, logs, _capture: capture, tokens: Vec::new(), redirects: Vec::new() }
    }

    async fn send(&self, request: Request<Body>) -> Response {
        app(self.state.clone()).oneshot(request).await.unwrap()
    }

    async fn get(&self, uri: &str) -> Response {
        self.send(Request::get(uri).body(Body::empty()).unwrap()).await
    }

    async fn get_with_cookie(&self, uri: &str, cookie: &str) -> Response {
        let request = Request::get(uri).header(header::COOKIE, cookie);
        self.send(request.body(Body::empty()).unwrap()).await
    }

    async fn post_form(&self, uri: &str, form: &str) -> Response {
        let request = Request::post(uri)
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(form.to_owned()))
            .unwrap();
        self.send(request).await
    }

    fn sessions(&self) -> usize {
        self.state.store.read(|d| d.sessions.len())
    }

    fn advance(&self, secs: u64) {
        self.state.store.clock().advance(secs);
    }

    /// Checks one hand-off answer: accepted (303 to `/activate` with a cookie) or refused (303 to
    /// the error page naming `problem`, no cookie, no new session).
    fn expect(&mut self, answer: Response, token: &str, problem: Option<&str>, sessions: usize) {
        self.tokens.push(token.to_owned());
        assert_eq!(answer.status(), StatusCode::SEE_OTHER);
        let location = answer.headers()[header::LOCATION].to_str().unwrap().to_owned();
        let cookie = answer.headers().get(header::SET_COOKIE);
        match problem {
            None => assert!(location == "/activate" && cookie.is_some(), "{location}"),
            Some(problem) => {
                let path = location.split_once('?').map_or(location.as_str(), |(path, _)| path);
                assert_eq!(path, format!("/activate/error/{problem}"), "token {token:?}");
                assert!(cookie.is_none());
            }
        }
        assert_eq!(self.sessions(), sessions, "sessions after {token:?}");
        self.redirects.push(location);
    }

    /// No token in any log line or redirect; and the capture worked (the refusals are logged).
    fn check_no_token_leaked(&self, refusals: usize) {
        let logs = self.logs.text();
        let refused = logs.lines().filter(|l| l.contains("marketplace hand-off refused")).count();
        assert!(refused >= refusals, "only {refused} refusals logged: is the capture working?");
        for token in &self.tokens {
            assert!(token.len() >= 16, "a short token could match by chance: {token:?}");
            for line in logs.lines() {
                assert!(!line.contains(token.as_str()), "token {token} logged: {line}");
            }
            for location in &self.redirects {
                assert!(!location.contains(token.as_str()), "token {token} in {location}");
            }
        }
    }
}

fn location(answer: &Response) -> String {
    answer.headers()[header::LOCATION].to_str().unwrap().to_owned()
}

/// The value of `name` in a query string (the mock's values need no decoding).
fn param(url: &str, name: &str) -> String {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    let found = query.split('&').find_map(|pair| pair.strip_prefix(&format!("{name}=")));
    found.unwrap_or_else(|| panic!("no {name} in {url}")).to_owned()
}

fn random_hex(len: usize) -> String {
    let mut rng = rand::rng();
    (0..len).map(|_| char::from(b"0123456789abcdef"[rng.random_range(0..16)])).collect()
}

/// `token` with the character at `at` (mod its length) changed, and still the same alphabet.
fn flip(token: &str, at: usize) -> String {
    let at = at % token.len();
    let mut bytes = token.as_bytes().to_vec();
    bytes[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
    String::from_utf8(bytes).unwrap()
}

/// The `n`-th forgery of a real token: mangled, cut, extended, or made up.
fn forge(real: &str, n: usize) -> String {
    match n % 5 {
        0 => flip(real, n),
        1 => real[..real.len() - 1 - n % 8].to_owned(),
        2 => format!("{real}{}", random_hex(1 + n % 3)),
        3 => real.to_uppercase(),
        _ => random_hex(real.len()),
    }
}

// ---- AWS: a registration token, single use, valid 10 minutes ----

async fn aws_token(bench: &Bench, account: &str) -> String {
    let page = bench.get(&format!("/marketplace/aws/subscribed?account_id={account}")).await;
    let body = axum::body::to_bytes(page.into_body(), usize::MAX).await.unwrap();
    let body = String::from_utf8(body.to_vec()).unwrap();
    let marker = "name=\"x-amzn-marketplace-token\" value=\"";
    let start = body.find(marker).expect("a token field") + marker.len();
    body[start..start + body[start..].find('"').unwrap()].to_owned()
}

async fn aws_handoff(bench: &Bench, token: &str) -> Response {
    bench.post_form("/handoff/aws", &format!("x-amzn-marketplace-token={token}")).await
}

#[tokio::test]
async fn aws_refuses_replayed_forged_and_expired_tokens_and_never_logs_one() {
    let mut bench = Bench::new();
    let redeemed = aws_token(&bench, "123456789012").await;
    let answer = aws_handoff(&bench, &redeemed).await;
    bench.expect(answer, &redeemed, None, 1);
    for _ in 0..N {
        let answer = aws_handoff(&bench, &redeemed).await;
        bench.expect(answer, &redeemed, Some("used"), 1);
    }
    // Forgeries of a live token do not burn it.
    let live = aws_token(&bench, "123456789012").await;
    for n in 0..N {
        let forged = forge(&live, n);
        let answer = aws_handoff(&bench, &forged).await;
        bench.expect(answer, &forged, Some("invalid"), 1);
    }
    let answer = aws_handoff(&bench, &live).await;
    bench.expect(answer, &live, None, 2);

    let mut stale = Vec::new();
    for n in 0..N {
        stale.push(aws_token(&bench, &format!("{:012}", 100_000_000_000u64 + n as u64)).await);
    }
    bench.advance(rules::MARKETPLACE_TOKEN_TTL_SECS + 1);
    for token in stale {
        let answer = aws_handoff(&bench, &token).await;
        bench.expect(answer, &token, Some("expired"), 2);
    }
    bench.check_no_token_leaked(3 * N);
}

// ---- Alibaba: an MD5 signature over the parameters, with a fresh timeStamp ----

fn sign(params: &[(&str, &str)], secret: &str) -> String {
    let mut sorted = params.to_vec();
    sorted.sort();
    let joined: Vec<String> = sorted.iter().map(|(k, v)| format!("{k}={v}")).collect();
    let digest = Md5::digest(format!("{}&key={secret}", joined.join("&")).as_bytes());
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

fn aliyun_url(instance: &str, millis: u64, token: &str) -> String {
    format!("/handoff/aliyun?action=verify&instanceId={instance}&timeStamp={millis}&token={token}")
}

fn aliyun_signature(bench: &Bench, instance: &str, millis: u64) -> String {
    let millis = millis.to_string();
    let params = [("action", "verify"), ("instanceId", instance), ("timeStamp", &millis)];
    sign(&params, &bench.state.aliyun_secret)
}

#[tokio::test]
async fn aliyun_refuses_replayed_forged_and_stale_hand_offs_and_never_logs_one() {
    let mut bench = Bench::new();
    let activated =
        bench.post_form("/marketplace/aliyun/activate", "account_id=1234567890123456&agree=yes");
    let instance = param(&location(&activated.await), "instance_id");
    let now = T0 * 1000;

    let redeemed = aliyun_signature(&bench, &instance, now);
    let answer = bench.get(&aliyun_url(&instance, now, &redeemed)).await;
    bench.expect(answer, &redeemed, None, 1);
    for _ in 0..N {
        let answer = bench.get(&aliyun_url(&instance, now, &redeemed)).await;
        bench.expect(answer, &redeemed, Some("used"), 1);
    }

    let live = aliyun_signature(&bench, &instance, now + 1);
    for n in 0..N {
        let forged = match n % 4 {
            0 => flip(&live, n),
            1 => random_hex(32),
            2 => sign(&[("action", "verify"), ("instanceId", &instance)], "guessed-secret"),
            _ => aliyun_signature(&bench, &format!("{instance}x"), now + 1),
        };
        let forged = if n % 4 == 2 { format!("{}{n:02}", &forged[..30]) } else { forged };
        let answer = bench.get(&aliyun_url(&instance, now + 1, &forged)).await;
        bench.expect(answer, &forged, Some("invalid"), 1);
    }
    let answer = bench.get(&aliyun_url(&instance, now + 1, &live)).await;
    bench.expect(answer, &live, None, 2);

    let skew = rules::ALIYUN_TIMESTAMP_SKEW_SECS * 1000;
    for n in 1..=N as u64 {
        // Half too old, half too far in the future; each correctly signed and never redeemed.
        let millis = if n.is_multiple_of(2) { now - skew - n * 997 } else { now + skew + n * 997 };
        let token = aliyun_signature(&bench, &instance, millis);
        let answer = bench.get(&aliyun_url(&instance, millis, &token)).await;
        bench.expect(answer, &token, Some("expired"), 2);
    }
    bench.check_no_token_leaked(3 * N);
}

// ---- Huawei: an OAuth2 authorization code, single use, exchanged within 5 minutes ----

/// Subscribes `account` and presses Use Now; the first time sets up partner services (one
/// member, `member`), then the unified login (and the first sign-in's password change): the
/// unified login's redirect to our callback, and the state cookie our hand-off's start set.
async fn huawei_callback(bench: &Bench, account: &str) -> (String, String) {
    let subscribed =
        bench.post_form("/marketplace/huawei/subscribe", &format!("account_id={account}")).await;
    let purchased = location(&subscribed);
    let form = format!(
        "account_id={account}&instance_id={}&tenant={}",
        param(&purchased, "instance_id"),
        param(&purchased, "tenant")
    );
    let mut to = location(&bench.post_form("/marketplace/huawei/use", &form).await);
    let mut password = "Changed-Pass-2";
    if to.starts_with("/marketplace/huawei/partner/role") {
        let id = format!("account_id={account}");
        let steps = [
            ("enterprise", format!("{id}&name=Acme&abbreviation=acme-{}", &account[..6])),
            (
                "members",
                format!(
                    "{id}&name=Member&department=IT&contact=m%40example.com&account=member\
                     &password=Initial-Pass-1"
                ),
            ),
            ("authorize", format!("{id}&member=member&agree=yes")),
        ];
        for (page, form) in steps {
            to = location(
                &bench.post_form(&format!("/marketplace/huawei/partner/{page}"), &form).await,
            );
        }
        password = "Initial-Pass-1";
    }
    let started = bench.get(&to).await;
    let cookie = started.headers()[header::SET_COOKIE].to_str().unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let login = location(&started);
    let form = format!(
        "enterprise=acme-{}&account=member&password={password}&state={}",
        &account[..6],
        param(&login, "state")
    );
    let mut to = location(&bench.post_form("/marketplace/huawei/login", &form).await);
    if to.starts_with("/marketplace/huawei/login/password") {
        let form = format!(
            "ticket={}&new_password=Changed-Pass-2&confirm_password=Changed-Pass-2",
            param(&to, "ticket")
        );
        to = location(&bench.post_form("/marketplace/huawei/login/password", &form).await);
    }
    // The marketplace's own redirect carries the code to us, as the real one does.
    (to, cookie)
}

#[tokio::test]
async fn huawei_refuses_replayed_forged_and_expired_codes_and_never_logs_one() {
    let mut bench = Bench::new();
    let account = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    let (redeemed, cookie) = huawei_callback(&bench, account).await;
    let (code, tenant) = (param(&redeemed, "code"), param(&redeemed, "tenant"));
    let answer = bench.get_with_cookie(&redeemed, &cookie).await;
    bench.expect(answer, &code, None, 1);
    for _ in 0..N {
        let answer = bench.get(&redeemed).await;
        bench.expect(answer, &code, Some("used"), 1);
    }

    let (live, cookie) = huawei_callback(&bench, account).await;
    let live_code = param(&live, "code");
    for n in 0..N {
        // A forged code, or the live code presented for another tenant.
        let (forged, for_tenant) = match n % 3 {
            0 => (forge(&live_code, n), tenant.clone()),
            1 => (random_hex(32), tenant.clone()),
            _ => (live_code.clone(), random_hex(32)),
        };
        let answer = bench.get(&format!("/handoff/huawei?code={forged}&tenant={for_tenant}")).await;
        bench.expect(answer, &forged, Some("invalid"), 1);
    }
    let answer = bench.get_with_cookie(&live, &cookie).await;
    bench.expect(answer, &live_code, None, 2);

    let mut stale = Vec::new();
    for _ in 0..N {
        stale.push(huawei_callback(&bench, account).await.0);
    }
    bench.advance(rules::MARKETPLACE_TOKEN_TTL_SECS + 1);
    for url in stale {
        let answer = bench.get(&url).await;
        bench.expect(answer, &param(&url, "code"), Some("expired"), 2);
    }
    bench.check_no_token_leaked(3 * N);
}
