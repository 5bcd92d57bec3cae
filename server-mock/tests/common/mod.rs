//! A test harness over `app(state).oneshot(..)`: a manual clock, a cookie jar per client, and
//! helpers to arrive from a marketplace and read the mailbox.
#![allow(dead_code)] // each test file uses a different part

use std::sync::Arc;

use activation_core::{
    api::ApiError,
    domain::{
        AliyunAccountId, AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId,
        LicenseArn, ProductCode,
    },
    draft::{BasicInfoDraft, CompanyDraft},
};
use axum::{
    body::Body,
    http::{HeaderMap, Request, header},
};
use http_body_util::BodyExt;
use serde::{Serialize, de::DeserializeOwned};
use server_mock::{AppState, Store, app, clock::Clock, open_session, store::Data};
use tower::ServiceExt;

/// A fresh folder, removed when the first value is dropped, and the path of `state.json` in it
/// (not created).
pub fn state_file() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::Builder::new().prefix("mock-state-").tempdir().unwrap();
    let path = dir.path().join("state.json");
    (dir, path)
}

/// 2026-11-22T07:15:19Z.
pub const T0: u64 = 1_795_331_719;

/// A password every rule accepts.
pub const PASSWORD: &str = "Blue-Harbor-2041";

/// Register step 1 for `username` on `site`, with [`PASSWORD`] twice and no phone.
pub fn basic(site: &str, username: &str, email: &str, code: &str) -> BasicInfoDraft {
    BasicInfoDraft {
        site: site.into(),
        username: username.into(),
        password: PASSWORD.into(),
        confirm_password: PASSWORD.into(),
        email: email.into(),
        verification_code: code.into(),
        phone: String::new(),
    }
}

/// Register step 2 with only what is required.
pub fn company() -> CompanyDraft {
    CompanyDraft { company_name: "Acme Ltd".into(), agree_terms: true, ..CompanyDraft::default() }
}

pub struct Mock {
    pub state: AppState,
    pub clock: Clock,
}

impl Mock {
    pub fn new() -> Mock {
        Mock::with_data(Data::default())
    }

    /// With `--seed demo`'s data.
    pub fn seeded() -> Mock {
        server_mock::store::use_fast_hashes();
        let mut data = Data::default();
        server_mock::store::seed::demo(&mut data);
        Mock::with_data(data)
    }

    /// Passwords are hashed with light parameters (`--fast-hashes`), so suites stay fast.
    pub fn with_data(data: Data) -> Mock {
        server_mock::store::use_fast_hashes();
        let clock = Clock::manual(T0);
        let state = AppState::new(Store::new(data, None, clock.clone()));
        Mock { state, clock }
    }

    pub fn store(&self) -> &Arc<Store> {
        &self.state.store
    }

    /// A browser without cookies.
    pub fn client(&self) -> Client {
        Client { state: self.state.clone(), cookies: Vec::new() }
    }

    /// A browser that has just been handed off from a marketplace as `identity`.
    pub fn arrive(&self, identity: Identity) -> Client {
        let now = self.clock.now();
        let id = self.store().write(|data| open_session(data, identity, now));
        let mut client = self.client();
        client.cookies.push(("__Host-activation_session".into(), id));
        client
    }

    /// The newest code mailed to `email`.
    pub fn last_code(&self, email: &str) -> String {
        self.code_for(email).unwrap_or_else(|| panic!("no mail to {email}"))
    }

    /// The newest code mailed to `email`, if any was.
    pub fn code_for(&self, email: &str) -> Option<String> {
        self.store()
            .read(|data| data.mailbox.iter().rev().find(|m| m.to == email).map(|m| m.code.clone()))
    }

    pub fn advance(&self, secs: u64) {
        self.clock.advance(secs);
    }
}

pub fn aws(account: &str) -> Identity {
    Identity::Aws {
        account_id: AwsAccountId::parse(account).unwrap(),
        product_code: ProductCode::parse("prod-guance01").unwrap(),
        license_arn: LicenseArn::parse(&format!(
            "arn:aws:license-manager::{account}:license:l-0123456789abcdef"
        ))
        .unwrap(),
    }
}

pub fn aliyun(account: &str) -> Identity {
    Identity::Aliyun {
        account_id: AliyunAccountId::parse(account).unwrap(),
        instance_id: InstanceId::parse("cmgj00053362-0001").unwrap(),
    }
}

pub fn huawei(account: &str) -> Identity {
    Identity::Huawei {
        account_id: HuaweiAccountId::parse(account).unwrap(),
        instance_id: InstanceId::parse("hws-instance-0001").unwrap(),
        tenant: HuaweiTenant::parse("acme").unwrap(),
    }
}

/// A browser: sends its cookies, keeps the ones it is given.
pub struct Client {
    state: AppState,
    pub cookies: Vec<(String, String)>,
}

pub struct Reply {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn json<T: DeserializeOwned>(&self) -> T {
        serde_json::from_slice(&self.body).unwrap_or_else(|err| {
            panic!("{err}: status {}, body {}", self.status, String::from_utf8_lossy(&self.body))
        })
    }

    /// The error body, checking the status matches the code.
    pub fn error(&self) -> ApiError {
        let error: ApiError = self.json();
        assert_eq!(self.status, error.status(), "status of {error:?}");
        error
    }

    /// Asserts success and decodes the body.
    pub fn ok<T: DeserializeOwned>(&self) -> T {
        assert_eq!(self.status, 200, "body: {}", String::from_utf8_lossy(&self.body));
        self.json()
    }
}

impl Client {
    pub async fn get(&mut self, path: &str) -> Reply {
        self.send(Request::get(path), Body::empty()).await
    }

    pub async fn post<B: Serialize>(&mut self, path: &str, body: &B) -> Reply {
        let request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        self.send(request, Body::from(serde_json::to_vec(body).unwrap())).await
    }

    pub async fn post_keyed<B: Serialize>(&mut self, path: &str, body: &B, key: &str) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .header("idempotency-key", key);
        self.send(request, Body::from(serde_json::to_vec(body).unwrap())).await
    }

    pub async fn post_raw(&mut self, path: &str, body: &str) -> Reply {
        let request = Request::post(path).header(header::CONTENT_TYPE, "application/json");
        self.send(request, Body::from(body.to_owned())).await
    }

    /// A JSON POST from the client address `from` (as `axum::serve` with connect info sees it).
    pub async fn post_from<B: Serialize>(
        &mut self,
        from: std::net::SocketAddr,
        path: &str,
        body: &B,
    ) -> Reply {
        let request = Request::post(path)
            .header(header::CONTENT_TYPE, "application/json")
            .extension(axum::extract::ConnectInfo(from));
        self.send(request, Body::from(serde_json::to_vec(body).unwrap())).await
    }

    /// Any request, with this browser's cookies and, as the app sends it on every call, core's
    /// `CLIENT_HEADER` (unless the request has it already).
    pub async fn send(&mut self, mut request: axum::http::request::Builder, body: Body) -> Reply {
        use activation_core::api::{CLIENT_HEADER, CLIENT_HEADER_VALUE};
        if request.headers_ref().is_some_and(|h| !h.contains_key(CLIENT_HEADER)) {
            request = request.header(CLIENT_HEADER, CLIENT_HEADER_VALUE);
        }
        self.send_as_is(request, body).await
    }

    /// Any request, with this browser's cookies and nothing else added: what a page on another
    /// site can make a browser send.
    pub async fn send_as_is(
        &mut self,
        mut request: axum::http::request::Builder,
        body: Body,
    ) -> Reply {
        if !self.cookies.is_empty() {
            let jar: Vec<String> = self.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
            request = request.header(header::COOKIE, jar.join("; "));
        }
        let response = app(self.state.clone()).oneshot(request.body(body).unwrap()).await.unwrap();
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let text = set.to_str().unwrap();
            let (pair, _) = text.split_once(';').unwrap_or((text, ""));
            let (name, value) = pair.split_once('=').unwrap();
            self.cookies.retain(|(k, _)| k != name);
            if !value.is_empty() {
                self.cookies.push((name.to_owned(), value.to_owned()));
            }
        }
        let body = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        Reply { status, headers, body }
    }
}

/// Every log line of this test thread, at TRACE, from [`Logs::capture`] on.
#[derive(Clone, Default)]
pub struct Logs(Arc<std::sync::Mutex<Vec<u8>>>);

impl Logs {
    /// Starts capturing; capturing stops when the guard is dropped.
    pub fn capture() -> (Logs, tracing::subscriber::DefaultGuard) {
        let logs = Logs::default();
        let subscriber = tracing_subscriber::fmt()
            .with_writer(logs.clone())
            .with_max_level(tracing::Level::TRACE)
            .with_ansi(false)
            .finish();
        (logs, tracing::subscriber::set_default(subscriber))
    }

    /// What was logged so far.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

impl std::io::Write for Logs {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(bytes);
        Ok(bytes.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Logs {
    type Writer = Logs;
    fn make_writer(&'a self) -> Logs {
        self.clone()
    }
}
