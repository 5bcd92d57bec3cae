//! The one HTTP client of the tests and tools outside the browser: requests to the mock (its
//! mailbox, fault switch and API, the simulators' pages, the hand-offs), to `trunk serve` and to
//! ChromeDriver, on hyper-util's client. Redirects are not followed: a journey checks them.

use std::{io::Cursor, time::Duration};

use anyhow::{Context, Result, bail};
use http_body_util::{BodyExt, Full};
use hyper_util::{
    client::legacy::{Client, connect::HttpConnector},
    rt::TokioExecutor,
};
use serde::de::DeserializeOwned;

/// How long one request may take, answer included.
const TIMEOUT: Duration = Duration::from_secs(20);

/// An answer: status, headers (names lower-case), body.
#[derive(Debug, Clone)]
pub struct Response {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Response {
    /// The first header called `name` (lower-case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }

    /// `name=value` of every cookie the answer sets, ready for a `Cookie` header.
    pub fn cookies(&self) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .filter_map(|(_, v)| v.split(';').next().map(str::to_owned))
            .collect()
    }

    /// The body as JSON of type `T`.
    pub fn json<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_str(&self.body)
            .with_context(|| format!("unexpected answer ({}): {}", self.status, self.body))
    }
}

/// A request to send.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub method: &'static str,
    pub url: String,
    pub headers: Vec<(String, String)>,
    pub body: Option<String>,
}

impl Request {
    pub fn get(url: &str) -> Request {
        Request { method: "GET", url: url.to_owned(), ..Request::default() }
    }

    /// A POST with a JSON body.
    pub fn post_json(url: &str, body: &serde_json::Value) -> Request {
        Request {
            method: "POST",
            url: url.to_owned(),
            headers: vec![("content-type".into(), "application/json".into())],
            body: Some(body.to_string()),
        }
    }

    /// A POST of an HTML form (`application/x-www-form-urlencoded`).
    pub fn post_form(url: &str, fields: &[(&str, &str)]) -> Request {
        let body: Vec<String> =
            fields.iter().map(|(k, v)| format!("{}={}", encode(k), encode(v))).collect();
        Request {
            method: "POST",
            url: url.to_owned(),
            headers: vec![("content-type".into(), "application/x-www-form-urlencoded".into())],
            body: Some(body.join("&")),
        }
    }

    /// The same request with these cookies (`name=value` each).
    pub fn cookies(mut self, cookies: &[String]) -> Request {
        if !cookies.is_empty() {
            self.headers.push(("cookie".into(), cookies.join("; ")));
        }
        self
    }

    /// Sends it, on a connection of its own: each test has its own runtime, and a pooled
    /// connection would outlive the runtime it was opened on.
    pub async fn send(self) -> Result<Response> {
        let what = format!("{} {}", self.method, self.url);
        match tokio::time::timeout(TIMEOUT, self.exchange()).await {
            Ok(answer) => answer.context(what),
            Err(_) => bail!("{what}: no answer in {} s", TIMEOUT.as_secs()),
        }
    }

    async fn exchange(self) -> Result<Response> {
        let mut builder = http::Request::builder().method(self.method).uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let body = Full::new(Cursor::new(self.body.unwrap_or_default().into_bytes()));
        let client: Client<HttpConnector, _> =
            Client::builder(TokioExecutor::new()).pool_max_idle_per_host(0).build_http();
        let answer = client.request(builder.body(body)?).await?;
        let status = answer.status().as_u16();
        let headers = answer
            .headers()
            .iter()
            .map(|(name, value)| {
                (name.as_str().to_owned(), String::from_utf8_lossy(value.as_bytes()).into_owned())
            })
            .collect();
        let bytes = answer.into_body().collect().await?.to_bytes();
        Ok(Response { status, headers, body: String::from_utf8_lossy(&bytes).into_owned() })
    }
}

/// Percent-encodes a form value (everything but RFC 3986's unreserved characters).
pub fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_percent_encoded() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn every_cookie_the_answer_sets_is_ready_to_send_back() {
        let answer = Response {
            status: 303,
            headers: vec![
                ("set-cookie".into(), "activation_session=ab12; Path=/; HttpOnly".into()),
                ("location".into(), "/activate".into()),
                ("set-cookie".into(), "lang=zh; Path=/".into()),
            ],
            body: String::new(),
        };
        assert_eq!(answer.cookies(), ["activation_session=ab12", "lang=zh"]);
        assert_eq!(answer.header("location"), Some("/activate"));
    }

    /// A chunked answer (what axum sends for a streamed body) comes back whole, with its cookies:
    /// the raw-socket client this replaced had to put chunks together itself.
    #[tokio::test]
    async fn a_chunked_answer_arrives_whole() {
        use std::io::{Read, Write};
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/x", listener.local_addr().unwrap());
        let server = std::thread::spawn(move || {
            let (mut socket, _) = listener.accept().unwrap();
            let mut request = vec![0; 4096];
            let _ = socket.read(&mut request).unwrap();
            let answer = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\
                          Set-Cookie: a=1; Path=/\r\n\r\n3\r\n[1,\r\n2\r\n2]\r\n0\r\n\r\n";
            socket.write_all(answer.as_bytes()).unwrap();
        });
        let answer = Request::get(&url).send().await.unwrap();
        assert_eq!((answer.status, answer.body.as_str()), (200, "[1,2]"));
        assert_eq!(answer.cookies(), ["a=1"]);
        server.join().unwrap();
    }
}
