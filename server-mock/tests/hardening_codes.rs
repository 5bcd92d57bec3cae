//! SPEC §6: verification codes belong to the session that asked for them. A code verifies only
//! there, wrong tries lock only it, and no session can use up another's hour: per session 5 sends
//! to at most 3 addresses, per client address 20, per address 10 across all sessions (at most 5 of
//! them from one client address).

mod common;

use std::net::SocketAddr;

use activation_core::{
    api::{ApiError, SendCodeRequest, StepAccepted, paths},
    rules,
};
use common::{Client, Mock, Reply, aws, basic};

const HOUR: u64 = rules::HOUR_SECS as u64;

fn at(address: &str) -> SocketAddr {
    format!("{address}:40000").parse().unwrap()
}

fn register_code(email: &str) -> SendCodeRequest {
    SendCodeRequest::Register { email: email.into() }
}

fn create_code(email: &str) -> SendCodeRequest {
    SendCodeRequest::CreateWorkspace { email: email.into() }
}

/// A code that is surely not `code`: its last digit turned.
fn wrong(code: &str) -> String {
    let last = code.as_bytes()[5] - b'0';
    format!("{}{}", &code[..5], (last + 1) % 10)
}

/// A fresh AWS arrival (each its own activation session).
fn arrive(mock: &Mock) -> Client {
    mock.arrive(aws("123456789012"))
}

async fn send_from(client: &mut Client, from: SocketAddr, request: &SendCodeRequest) -> Reply {
    client.post_from(from, paths::SEND_CODE, request).await
}

#[tokio::test]
async fn another_sessions_wrong_tries_do_not_lock_my_code() {
    let mock = Mock::new();
    let email = "victim@example.com";
    let mut victim = arrive(&mock);
    assert_eq!(victim.post(paths::SEND_CODE, &register_code(email)).await.status, 200);
    let code = mock.last_code(email);

    // Someone else, in their own session, guesses at the victim's address more often than the
    // tries a code has: they are told no code was sent (to them).
    let mut other = arrive(&mock);
    for _ in 0..=rules::CODE_MAX_TRIES {
        let guess = basic("cn2", "other", email, &wrong(&code));
        let reply = other.post(paths::REGISTER_BASIC, &guess).await;
        assert_eq!(reply.error(), ApiError::CodeNotSent);
    }
    let reply = victim.post(paths::REGISTER_BASIC, &basic("cn2", "victim", email, &code)).await;
    assert!(reply.ok::<StepAccepted>().progress.basic_info_done);
}

#[tokio::test]
async fn a_code_from_session_a_does_not_verify_in_session_b() {
    let mock = Mock::new();
    let email = "shared@example.com";
    let mut a = arrive(&mock);
    assert_eq!(a.post(paths::SEND_CODE, &register_code(email)).await.status, 200);
    let code = mock.last_code(email);

    let mut b = arrive(&mock);
    let reply = b.post(paths::REGISTER_BASIC, &basic("cn2", "session_b", email, &code)).await;
    assert_eq!(reply.error(), ApiError::CodeNotSent);
    // B's own code for the same address is its own; A's is still A's, unused.
    assert_eq!(b.post(paths::SEND_CODE, &register_code(email)).await.status, 200);
    let reply = b.post(paths::REGISTER_BASIC, &basic("cn2", "session_b", email, &code)).await;
    assert!(matches!(reply.error(), ApiError::CodeWrong { .. }), "{:?}", reply.error());
    let reply = a.post(paths::REGISTER_BASIC, &basic("cn2", "session_a", email, &code)).await;
    assert!(reply.ok::<StepAccepted>().progress.basic_info_done);
}

#[tokio::test]
async fn another_sessions_sends_do_not_use_up_my_hour() {
    let mock = Mock::new();
    let email = "victim@example.com";
    let attacker = at("198.51.100.9");
    // One attacker session spends all it may on the victim's address.
    let mut spender = arrive(&mock);
    for sent in 0..rules::CODES_PER_SESSION_PER_HOUR {
        let reply = send_from(&mut spender, attacker, &register_code(email)).await;
        assert_eq!(reply.status, 200, "send {sent}");
        mock.advance(60);
    }
    let reply = send_from(&mut spender, attacker, &register_code(email)).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());
    // A second session from the same client may not spend the rest of the address's hour either.
    let mut second = arrive(&mock);
    let reply = send_from(&mut second, attacker, &register_code(email)).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());

    // The victim's own session still gets its code, and it works.
    let mut victim = arrive(&mock);
    let reply = send_from(&mut victim, at("203.0.113.7"), &register_code(email)).await;
    assert_eq!(reply.status, 200);
    let code = mock.last_code(email);
    let reply = victim.post(paths::REGISTER_BASIC, &basic("cn2", "victim", email, &code)).await;
    assert!(reply.ok::<StepAccepted>().progress.basic_info_done);
}

#[tokio::test]
async fn one_session_cannot_mail_a_fourth_address() {
    let mock = Mock::new();
    let mut client = arrive(&mock);
    for n in 1..=rules::CODE_ADDRESSES_PER_SESSION {
        let to = format!("person{n}@example.com");
        assert_eq!(client.post(paths::SEND_CODE, &register_code(&to)).await.status, 200, "{to}");
        mock.advance(60);
    }
    let fourth = register_code("person4@example.com");
    let reply = client.post(paths::SEND_CODE, &fourth).await;
    // A place is free once the first address's only send is an hour old.
    let waited = 60 * rules::CODE_ADDRESSES_PER_SESSION as u64;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: (HOUR - waited) as u32 });
    assert!(mock.store().read(|d| d.mailbox.iter().all(|m| m.to != "person4@example.com")));
    // An address already mailed is still fine (another purpose, no wait).
    assert_eq!(
        client.post(paths::SEND_CODE, &create_code("person1@example.com")).await.status,
        200
    );
    // After the hour, a fourth address is fine.
    mock.advance(HOUR);
    assert_eq!(client.post(paths::SEND_CODE, &fourth).await.status, 200);
}

#[tokio::test]
async fn one_session_sends_at_most_five_codes_an_hour() {
    let mock = Mock::new();
    let mut client = arrive(&mock);
    let email = "quota@example.com";
    for sent in 0..rules::CODES_PER_SESSION_PER_HOUR {
        let request = if sent % 2 == 0 { register_code(email) } else { create_code(email) };
        assert_eq!(client.post(paths::SEND_CODE, &request).await.status, 200, "send {sent}");
        mock.advance(60);
    }
    let reply = client.post(paths::SEND_CODE, &create_code("else@example.com")).await;
    let first_sent = 60 * rules::CODES_PER_SESSION_PER_HOUR as u64;
    assert_eq!(
        reply.error(),
        ApiError::RateLimited { retry_after_secs: (HOUR - first_sent) as u32 }
    );
}

#[tokio::test]
async fn one_client_address_sends_at_most_twenty_codes_an_hour() {
    let mock = Mock::new();
    let from = at("198.51.100.9");
    let mut sent = 0;
    let mut session = 0;
    // New sessions, new addresses: only the client's own limit can stop it.
    while sent < rules::CODES_PER_CLIENT_PER_HOUR {
        session += 1;
        let mut client = arrive(&mock);
        for n in 0..rules::CODE_ADDRESSES_PER_SESSION {
            if sent == rules::CODES_PER_CLIENT_PER_HOUR {
                break;
            }
            let to = register_code(&format!("s{session}-{n}@example.com"));
            assert_eq!(send_from(&mut client, from, &to).await.status, 200, "send {sent}");
            sent += 1;
        }
    }
    let mut client = arrive(&mock);
    let to = register_code("one-more@example.com");
    let reply = send_from(&mut client, from, &to).await;
    assert_eq!(reply.error(), ApiError::RateLimited { retry_after_secs: HOUR as u32 });
    // Another client address is not held back by it.
    assert_eq!(send_from(&mut client, at("203.0.113.7"), &to).await.status, 200);
}

#[tokio::test]
async fn an_address_gets_ten_codes_an_hour_across_sessions_at_most_five_from_one_client() {
    let mock = Mock::new();
    let email = "popular@example.com";
    // Two clients, each in its own session, may each send five: ten in all.
    for client_address in ["198.51.100.9", "198.51.100.10"] {
        let mut client = arrive(&mock);
        for sent in 0..rules::CODES_PER_ADDRESS_PER_CLIENT {
            let reply = send_from(&mut client, at(client_address), &register_code(email)).await;
            assert_eq!(reply.status, 200, "{client_address}, send {sent}");
            mock.advance(60);
        }
    }
    // Then the address has had its hour, whoever asks: the one limit sessions share.
    let mut third = arrive(&mock);
    let reply = send_from(&mut third, at("203.0.113.7"), &register_code(email)).await;
    assert!(matches!(reply.error(), ApiError::RateLimited { .. }), "{:?}", reply.error());
    assert_eq!(
        mock.store().read(|d| d.mailbox.iter().filter(|m| m.to == email).count()),
        rules::CODES_PER_ADDRESS_PER_HOUR
    );
}

#[tokio::test]
async fn the_sixty_second_wait_is_per_session() {
    let mock = Mock::new();
    let email = "wait@example.com";
    let mut a = arrive(&mock);
    assert_eq!(a.post(paths::SEND_CODE, &register_code(email)).await.status, 200);
    let reply = a.post(paths::SEND_CODE, &register_code(email)).await;
    assert_eq!(
        reply.error(),
        ApiError::CodeSentTooRecently { retry_after_secs: rules::CODE_RESEND_SECS }
    );
    // Another session is not made to wait for A's code.
    let mut b = arrive(&mock);
    assert_eq!(b.post(paths::SEND_CODE, &register_code(email)).await.status, 200);
}
