//! Issue 13, item 2 (SPEC §6): the developer pages and the simulators answer only a `Host` that is
//! an address of the mock, so a DNS-rebinding page (`evil.example` resolving to 127.0.0.1) cannot
//! read the mailbox, every code, nor use the fault switch or the simulators. The API and the
//! hand-offs are not concerned (cookies and the same-origin check guard the API; a hand-off
//! arrives from a marketplace).

mod common;

use axum::{
    body::Body,
    http::{Request, header},
};
use common::Mock;
use server_mock::{AppState, origin::loopback_hosts};

/// `GET path` with `Host: host`: the status and the body.
async fn get(mock: &Mock, path: &str, host: &str) -> (u16, String) {
    let request = Request::get(path).header(header::HOST, host);
    let reply = mock.client().send(request, Body::empty()).await;
    (reply.status, String::from_utf8_lossy(&reply.body).into_owned())
}

/// A mock that listens on 127.0.0.1:8080, also allowing `extra`.
fn listening(extra: &[&str]) -> Mock {
    let mut mock = Mock::seeded();
    let mut hosts = loopback_hosts(Some(8080));
    hosts.extend(extra.iter().map(|h| h.to_string()));
    mock.state = AppState { hosts: hosts.into(), ..mock.state.clone() };
    mock
}

const LOCAL_PAGES: [&str; 5] = [
    "/dev/mailbox",
    "/dev/mailbox.json",
    "/marketplace/aws",
    "/marketplace/aliyun",
    "/marketplace/sim.css",
];

#[tokio::test]
async fn the_developer_pages_and_simulators_refuse_a_host_that_is_not_the_mocks() {
    let mock = listening(&[]);
    for path in LOCAL_PAGES {
        for host in
            ["evil.example:8080", "evil.example", "127.0.0.1:8081", "localhost.evil.example"]
        {
            let (status, body) = get(&mock, path, host).await;
            assert_eq!(status, 403, "{path} with Host {host}: {body}");
            assert!(body.contains("--allow-host"), "{body}");
        }
    }
}

#[tokio::test]
async fn a_rebound_page_cannot_read_the_codes_in_the_mailbox() {
    let mock = listening(&[]);
    let mut client = mock.arrive(common::aliyun("9999888877776666"));
    let request =
        activation_core::api::SendCodeRequest::Register { email: "ann@example.com".into() };
    assert_eq!(client.post(activation_core::api::paths::SEND_CODE, &request).await.status, 200);
    let code = mock.last_code("ann@example.com");
    let (status, body) = get(&mock, "/dev/mailbox.json", "evil.example:8080").await;
    assert_eq!(status, 403);
    assert!(!body.contains(&code));
    let (status, body) = get(&mock, "/dev/mailbox.json", "127.0.0.1:8080").await;
    assert_eq!(status, 200);
    assert!(body.contains(&code));
}

#[tokio::test]
async fn a_rebound_page_cannot_switch_faults_on() {
    let mock = listening(&[]);
    let request = Request::post("/dev/faults")
        .header(header::HOST, "evil.example:8080")
        .header(header::CONTENT_TYPE, "application/json");
    let reply = mock.client().send(request, Body::from(r#"{"fail_next":3}"#)).await;
    assert_eq!(reply.status, 403);
    assert_eq!(mock.state.faults.fail_next.load(std::sync::atomic::Ordering::SeqCst), 0);
}

#[tokio::test]
async fn the_mocks_own_addresses_and_allowed_hosts_are_answered() {
    let mock = listening(&["dev.example:9000", "Proxy.Example"]);
    // `trunk serve` replaces Host with its backend's host, without the port.
    let ours = ["127.0.0.1:8080", "localhost:8080", "127.0.0.1", "LOCALHOST"];
    for path in LOCAL_PAGES {
        for host in ours.iter().chain(&["dev.example:9000", "proxy.example"]) {
            assert_eq!(get(&mock, path, host).await.0, 200, "{path} with Host {host}");
        }
        // An allowed host on another port is another host.
        assert_eq!(get(&mock, path, "dev.example:9001").await.0, 403, "{path}");
    }
}

#[tokio::test]
async fn the_api_and_the_hand_offs_do_not_check_the_host_the_simulators_do() {
    let mock = listening(&[]);
    assert_eq!(get(&mock, "/marketplace/aliyun", "guance.example").await.0, 403);
    assert_eq!(get(&mock, "/api/health", "api.example").await.0, 200);
    let (status, _) = get(&mock, "/handoff/aliyun", "guance.example").await;
    assert_eq!(status, 303);
}
