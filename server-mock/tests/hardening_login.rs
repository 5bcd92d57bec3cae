//! Failed logins are limited per account AND per client address: one client cannot try a few
//! passwords on every account, and many clients cannot try many passwords on one. An empty login is
//! refused before any lookup.

mod common;

use std::net::SocketAddr;

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, BillingAccount, LoggedIn, paths},
    draft::LoginDraft,
};
use common::{Client, Mock};
use server_mock::{
    api::{LOGIN_WINDOW_SECS, MAX_ADDRESS_FAILURES},
    store::seed::{BOUND_BILLING, DEMO_BILLING, DEMO_PASSWORD},
};

fn at(address: &str) -> SocketAddr {
    format!("{address}:40000").parse().unwrap()
}

fn attempt(username: &str, password: &str) -> LoginDraft {
    LoginDraft { username: username.into(), password: password.into() }
}

/// `n` wrong passwords from `from`, spread over accounts so that none reaches its own lockout.
async fn fail_from(client: &mut Client, from: SocketAddr, n: usize) {
    for i in 0..n {
        let username = format!("probe_{}", i % 5);
        let reply = client.post_from(from, paths::LOGIN, &attempt(&username, "Wrong-Pass-1")).await;
        assert_eq!(reply.error(), ApiError::BadCredentials, "attempt {i}");
    }
}

#[tokio::test]
async fn five_failed_logins_lock_the_account_for_a_while() {
    let mock = Mock::seeded();
    let mut browser = mock.client();
    let wrong = LoginDraft { username: "demo_billing".into(), password: "not-the-password".into() };
    for _ in 0..5 {
        assert_eq!(browser.post(paths::LOGIN, &wrong).await.error(), ApiError::BadCredentials);
    }
    let right = LoginDraft {
        username: "demo_billing".into(),
        password: server_mock::store::seed::DEMO_PASSWORD.into(),
    };
    assert!(matches!(
        browser.post(paths::LOGIN, &right).await.error(),
        ApiError::RateLimited { .. }
    ));
    mock.advance(15 * 60);
    assert_eq!(browser.post(paths::LOGIN, &right).await.status, 200);
}

#[tokio::test]
async fn an_empty_login_is_a_field_error_not_a_lookup() {
    let mock = Mock::new();
    let reply = mock.client().post(paths::LOGIN, &LoginDraft::default()).await;
    let fields = reply.error().field_errors();
    assert_eq!(fields.get(FieldId::Username), Some(FieldError::Required));
    assert_eq!(fields.get(FieldId::Password), Some(FieldError::Required));
}

#[tokio::test]
async fn one_address_is_stopped_after_twenty_failures_whatever_the_accounts() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let guesser = at("203.0.113.7");
    fail_from(&mut client, guesser, MAX_ADDRESS_FAILURES).await;

    // Even the right password is refused from that address, before it is checked.
    let right = attempt(DEMO_BILLING, DEMO_PASSWORD);
    let reply = client.post_from(guesser, paths::LOGIN, &right).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: LOGIN_WINDOW_SECS as u32 });
    assert_eq!(reply.headers["retry-after"], LOGIN_WINDOW_SECS.to_string().as_str());
    // The Billing Center login shares the count.
    let reply = client.post_from(guesser, paths::BILLING_LOGIN, &right).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }));

    // Another address is not affected, and neither is the account.
    let mut other = mock.client();
    other.post_from(at("198.51.100.1"), paths::LOGIN, &right).await.ok::<LoggedIn>();

    // The window passes: the address may try again.
    mock.advance(LOGIN_WINDOW_SECS);
    client.post_from(guesser, paths::LOGIN, &right).await.ok::<LoggedIn>();
}

#[tokio::test]
async fn ipv6_clients_are_counted_per_64_network_so_rotating_addresses_in_it_does_not_help() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let in_network =
        |host: u32| -> SocketAddr { format!("[2001:db8:1:2::{host:x}]:40000").parse().unwrap() };
    for i in 0..MAX_ADDRESS_FAILURES {
        let username = format!("probe_{}", i % 5);
        let from = in_network(i as u32 + 1);
        let reply = client.post_from(from, paths::LOGIN, &attempt(&username, "Wrong-Pass-1")).await;
        assert_eq!(reply.error(), ApiError::BadCredentials, "attempt {i}");
    }
    // A new address of the same /64 is the same client.
    let right = attempt(DEMO_BILLING, DEMO_PASSWORD);
    let reply = client.post_from(in_network(0xffff), paths::LOGIN, &right).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());
    // Another /64 is another network.
    let other: SocketAddr = "[2001:db8:1:3::1]:40000".parse().unwrap();
    client.post_from(other, paths::LOGIN, &right).await.ok::<LoggedIn>();
}

#[tokio::test]
async fn the_retry_after_counts_down_from_the_oldest_failure() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let guesser = at("203.0.113.8");
    fail_from(&mut client, guesser, 1).await;
    mock.advance(100);
    fail_from(&mut client, guesser, MAX_ADDRESS_FAILURES - 1).await;
    let reply = client.post_from(guesser, paths::LOGIN, &attempt("probe_9", "Wrong-Pass-1")).await;
    let wait = LOGIN_WINDOW_SECS as u32 - 100;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: wait });
    // When the oldest failure leaves the window, one more attempt is allowed.
    mock.advance(u64::from(wait));
    let reply = client.post_from(guesser, paths::LOGIN, &attempt("probe_9", "Wrong-Pass-1")).await;
    assert_eq!(reply.error(), ApiError::BadCredentials);
    let reply = client.post_from(guesser, paths::LOGIN, &attempt("probe_9", "Wrong-Pass-1")).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }));
}

#[tokio::test]
async fn a_good_password_does_not_reset_the_address_count() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let guesser: SocketAddr = "[2001:db8::1]:40000".parse().unwrap();
    fail_from(&mut client, guesser, MAX_ADDRESS_FAILURES - 1).await;
    let right = attempt(BOUND_BILLING, DEMO_PASSWORD);
    client.post_from(guesser, paths::BILLING_LOGIN, &right).await.ok::<BillingAccount>();
    fail_from(&mut client, guesser, 1).await;
    let reply = client.post_from(guesser, paths::BILLING_LOGIN, &right).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }));
}

#[tokio::test]
async fn many_addresses_still_meet_the_account_lockout() {
    let mock = Mock::seeded();
    let mut client = mock.client();
    let wrong = attempt(DEMO_BILLING, "Wrong-Pass-1");
    for i in 1..=5 {
        let from = at(&format!("198.51.100.{i}"));
        assert_eq!(
            client.post_from(from, paths::LOGIN, &wrong).await.error(),
            ApiError::BadCredentials
        );
    }
    let right = attempt(DEMO_BILLING, DEMO_PASSWORD);
    let reply = client.post_from(at("198.51.100.99"), paths::LOGIN, &right).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }));
}

#[tokio::test]
async fn without_connect_info_only_the_account_limit_applies() {
    // Tests through `oneshot` (and any embedding without connect info) see no address at all.
    let mock = Mock::seeded();
    let mut client = mock.client();
    for i in 0..(MAX_ADDRESS_FAILURES * 2) {
        let username = format!("probe_{}", i % 10);
        let reply = client.post(paths::LOGIN, &attempt(&username, "Wrong-Pass-1")).await;
        assert_eq!(reply.error(), ApiError::BadCredentials, "attempt {i}");
    }
    client.post(paths::LOGIN, &attempt(DEMO_BILLING, DEMO_PASSWORD)).await.ok::<LoggedIn>();
    assert!(mock.store().read(|d| d.login_failures_by_address.is_empty()));
}

/// One JSON POST to the real binary over a plain socket; the status.
fn post_over_tcp(addr: SocketAddr, path: &str, body: &str) -> u16 {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "POST {path} HTTP/1.1\r\nHost: {addr}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).unwrap();
    answer.split(' ').nth(1).unwrap().parse().unwrap()
}

#[test]
fn the_served_binary_sees_the_client_address() {
    // `main.rs` must serve with connect info, or the address limit silently never applies.
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_server-mock"))
        .args(["--port", "0"])
        .env("RUST_LOG", "off")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    stdout.read_line(&mut first).unwrap();
    // Keep reading: a closed pipe would fail the server's next line.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    let addr: SocketAddr =
        first.trim().strip_prefix("listening on http://").unwrap().parse().unwrap();
    let statuses: Vec<u16> = (0..=MAX_ADDRESS_FAILURES)
        .map(|i| {
            let body = format!(r#"{{"username":"probe_{}","password":"Wrong-Pass-1"}}"#, i % 5);
            post_over_tcp(addr, paths::LOGIN, &body)
        })
        .collect();
    child.kill().unwrap();
    child.wait().unwrap();
    assert!(statuses[..MAX_ADDRESS_FAILURES].iter().all(|&s| s == 401), "{statuses:?}");
    assert_eq!(statuses[MAX_ADDRESS_FAILURES], 429, "{statuses:?}");
}

/// Guesses sent together are each counted before their password is checked: however many arrive at
/// once, no more than the lockout's five reach argon2, and the account is locked after them.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn guesses_sent_together_cannot_outrun_the_account_lockout() {
    let mock = Mock::seeded();
    let guesses: Vec<_> = (0..20)
        .map(|i| {
            let mut client = mock.client();
            let from = at(&format!("203.0.113.{i}"));
            tokio::spawn(async move {
                client.post_from(from, paths::LOGIN, &attempt(DEMO_BILLING, "Wrong-Pass-1")).await
            })
        })
        .collect();
    let mut refused = 0;
    for guess in guesses {
        match guess.await.unwrap().error() {
            ApiError::BadCredentials => {}
            ApiError::RateLimited { .. } => refused += 1,
            other => panic!("unexpected {other:?}"),
        }
    }
    assert_eq!(refused, 15);
    assert_eq!(mock.store().password_checks(), 5);
    let right = attempt(DEMO_BILLING, DEMO_PASSWORD);
    let reply = mock.client().post_from(at("203.0.113.99"), paths::LOGIN, &right).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }));
}

/// A password being checked (argon2 at OWASP's parameters, tens of milliseconds) holds neither the
/// store nor the async thread: on a one-thread runtime, another buyer's session answers while the
/// login is still being checked.
#[tokio::test]
async fn a_login_being_checked_holds_up_no_other_request() {
    let mock = Mock::seeded();
    let mut buyer = mock.arrive(common::aws("123456789012"));
    let mut user = mock.client();
    let login = tokio::spawn(async move {
        user.post(paths::LOGIN, &attempt(DEMO_BILLING, DEMO_PASSWORD)).await.ok::<LoggedIn>()
    });
    while mock.store().password_checks() == 0 {
        tokio::task::yield_now().await;
    }
    assert_eq!(buyer.get(paths::SESSION).await.status, 200);
    assert!(!login.is_finished(), "the session waited for the login's hash");
    login.await.unwrap();
}

/// The same for a password being hashed (Basic info's): every hash a request makes runs on a
/// blocking thread, with the store's lock released.
#[tokio::test]
async fn a_password_being_hashed_holds_up_no_other_request() {
    use activation_core::api::{CodeSent, SendCodeRequest, StepAccepted};
    let mock = Mock::seeded();
    let mut other = mock.arrive(common::aws("123456789012"));
    let mut buyer = mock.arrive(common::aws("210987654321"));
    let email = "ann@example.com";
    let request = SendCodeRequest::Register { email: email.into() };
    buyer.post(paths::SEND_CODE, &request).await.ok::<CodeSent>();
    let draft = common::basic("cn2", "ann_lee", email, &mock.last_code(email));
    let basic = tokio::spawn(async move {
        buyer.post(paths::REGISTER_BASIC, &draft).await.ok::<StepAccepted>()
    });
    let started = async {
        while mock.store().password_hashes() == 0 {
            tokio::task::yield_now().await;
        }
    };
    let waited = tokio::time::timeout(std::time::Duration::from_secs(10), started).await;
    waited.expect("Basic info hashes its password through Store::hash");
    assert_eq!(other.get(paths::SESSION).await.status, 200);
    assert!(!basic.is_finished(), "the session waited for the registration's hash");
    basic.await.unwrap();
}
