//! Mails are in the language the user was reading (SPEC §5): the app sends its UI language as
//! `Accept-Language` on every call, and the mailbox's subject is in it. Oneshot, no sockets.

mod common;

use activation_core::api::{SendCodeRequest, paths};
use axum::{
    body::Body,
    http::{Request, header},
};
use common::{Client, Mock, aws};

/// Asks for a register code for `email`, saying `language` (if any); the subject of its mail.
async fn subject_of_code(
    mock: &Mock,
    client: &mut Client,
    email: &str,
    language: Option<&str>,
) -> String {
    let mut request =
        Request::post(paths::SEND_CODE).header(header::CONTENT_TYPE, "application/json");
    if let Some(language) = language {
        request = request.header(header::ACCEPT_LANGUAGE, language);
    }
    let body = serde_json::to_vec(&SendCodeRequest::Register { email: email.into() }).unwrap();
    let reply = client.send(request, Body::from(body)).await;
    assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
    let mailbox: serde_json::Value = client.get("/dev/mailbox.json").await.json();
    let newest = &mailbox[0];
    assert_eq!(newest["to"], email);
    assert_eq!(newest["code"], mock.last_code(email), "the newest mail is this code's");
    newest["subject"].as_str().unwrap().to_owned()
}

#[tokio::test]
async fn a_code_asked_for_in_chinese_is_mailed_with_a_chinese_subject() {
    let mock = Mock::new();
    let mut client = mock.arrive(aws("123456789012"));
    let subject = subject_of_code(&mock, &mut client, "li.lei@example.com", Some("zh-CN")).await;
    assert_eq!(subject, "您的观测云注册验证码");
}

#[tokio::test]
async fn a_code_asked_for_in_english_or_without_a_language_is_mailed_in_english() {
    let mock = Mock::new();
    for (email, language) in [
        ("alice@example.com", Some("en")),
        ("bob@example.com", None),
        ("carol@example.com", Some("fr-FR,de;q=0.8")),
    ] {
        let mut client = mock.arrive(aws("123456789012"));
        let subject = subject_of_code(&mock, &mut client, email, language).await;
        assert_eq!(subject, "Your Guance registration code", "{language:?}");
    }
}

#[tokio::test]
async fn a_username_reminder_asked_for_in_chinese_has_a_chinese_subject() {
    use activation_core::recovery::{AccountKind, ForgotUsernameDraft};
    let mock = Mock::seeded();
    for (language, expected) in [
        ("zh-CN,zh;q=0.9", "您的观测云费用中心用户名是 demo_billing"),
        ("en", "Your Guance Billing Center username is demo_billing"),
    ] {
        let mut client = mock.client();
        let draft = ForgotUsernameDraft {
            account: AccountKind::BillingCenter,
            email: "demo.billing@example.com".into(),
        };
        let request = Request::post(paths::RECOVERY_USERNAME)
            .header(header::CONTENT_TYPE, "application/json")
            .header(header::ACCEPT_LANGUAGE, language);
        let reply = client.send(request, Body::from(serde_json::to_vec(&draft).unwrap())).await;
        assert_eq!(reply.status, 200, "{}", String::from_utf8_lossy(&reply.body));
        let mailbox: serde_json::Value = client.get("/dev/mailbox.json").await.json();
        assert_eq!(mailbox[0]["subject"], expected, "{language}");
    }
}
