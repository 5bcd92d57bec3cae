//! A few plain HTTP/1.1 requests (one per connection) to the mock and to ChromeDriver on
//! 127.0.0.1: enough to read the mailbox, flip the fault switch and ask the API what the mock
//! holds, without an HTTP client crate.

use std::{
    io::{Read, Write},
    net::TcpStream,
    time::Duration,
};

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;

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

    /// Sends it (on a blocking thread, so the async runtime keeps going).
    pub async fn send(self) -> Result<Response> {
        tokio::task::spawn_blocking(move || self.send_blocking()).await?
    }

    fn send_blocking(&self) -> Result<Response> {
        let rest = self.url.strip_prefix("http://").context("only http:// URLs")?;
        let (host, path) =
            rest.split_once('/').map_or((rest, "/".to_owned()), |(h, p)| (h, format!("/{p}")));
        let mut stream = TcpStream::connect(host).with_context(|| format!("connect {host}"))?;
        stream.set_read_timeout(Some(Duration::from_secs(20)))?;
        stream.set_write_timeout(Some(Duration::from_secs(20)))?;
        let body = self.body.as_deref().unwrap_or_default();
        let mut head =
            format!("{} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n", self.method);
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!("Content-Length: {}\r\n\r\n", body.len()));
        stream.write_all(head.as_bytes())?;
        stream.write_all(body.as_bytes())?;
        let raw =
            read_answer(&mut stream).with_context(|| format!("{} {}", self.method, self.url))?;
        parse(&raw).with_context(|| format!("{} {}", self.method, self.url))
    }
}

/// `GET url`, blocking (for start-up checks outside the runtime).
pub fn blocking_get(url: &str) -> Result<Response> {
    Request::get(url).send_blocking()
}

/// Reads one answer: up to its Content-Length, its last chunk, or the end of the connection
/// (ChromeDriver keeps it open whatever the request says).
fn read_answer(stream: &mut TcpStream) -> Result<Vec<u8>> {
    let mut raw = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        if let Some(end) = raw.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&raw[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .and_then(|n| n.trim().parse::<usize>().ok());
            let body = &raw[end + 4..];
            let done = match length {
                Some(length) => body.len() >= length,
                None if head.contains("chunked") => body.ends_with(b"0\r\n\r\n"),
                None => false,
            };
            if done {
                return Ok(raw);
            }
        }
        match stream.read(&mut buf)? {
            0 => return Ok(raw),
            n => raw.extend_from_slice(&buf[..n]),
        }
    }
}

fn parse(raw: &[u8]) -> Result<Response> {
    let text = String::from_utf8_lossy(raw);
    let Some((head, body)) = text.split_once("\r\n\r\n") else { bail!("no HTTP answer") };
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|code| code.parse().ok())
        .context("no status line")?;
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked { unchunk(body)? } else { body.to_owned() };
    Ok(Response { status, headers, body })
}

/// The body of a `Transfer-Encoding: chunked` answer.
fn unchunk(mut rest: &str) -> Result<String> {
    let mut body = String::new();
    loop {
        let (size, after) = rest.split_once("\r\n").context("a chunk without its size")?;
        let size = usize::from_str_radix(size.split(';').next().unwrap_or_default().trim(), 16)?;
        if size == 0 {
            return Ok(body);
        }
        body.push_str(after.get(..size).context("a chunk cut short")?);
        rest = after.get(size + 2..).context("a chunk without its end")?;
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
    fn a_chunked_answer_is_put_back_together() {
        let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nSet-Cookie: a=1; Path=/\r\n\r\n3\r\n[1,\r\n2\r\n2]\r\n0\r\n\r\n";
        let answer = parse(raw).unwrap();
        assert_eq!((answer.status, answer.body.as_str()), (200, "[1,2]"));
        assert_eq!(answer.cookies(), ["a=1"]);
    }

    #[test]
    fn form_values_are_percent_encoded() {
        assert_eq!(encode("a b&c=d/é"), "a%20b%26c%3Dd%2F%C3%A9");
    }
}
