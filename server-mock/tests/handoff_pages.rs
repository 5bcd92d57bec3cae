//! A refused hand-off is a page that names the marketplace and the problem (SPEC §2): the 303 to
//! the app's token-error page carries both; and a hand-off URL asked the way its marketplace never
//! asks it (a refresh or a bookmark of AWS's form target, a POST to a link) is that page for a
//! missing token, never an empty 405. Oneshot, no sockets.

mod common;

use activation_core::{
    domain::Marketplace,
    flow::{Step, TokenProblem},
};
use axum::{
    body::Body,
    http::{Request, header},
};
use common::{Mock, Reply};

/// A 303 to the page for `problem` from `marketplace`, with no session opened.
fn refused(reply: &Reply, marketplace: Marketplace, problem: TokenProblem, mock: &Mock) {
    assert_eq!(reply.status, 303, "{}", String::from_utf8_lossy(&reply.body));
    let location = reply.headers[header::LOCATION].to_str().unwrap();
    assert_eq!(
        location,
        format!("/activate/error/{}?marketplace={}", problem.code(), marketplace.code())
    );
    assert_eq!(Step::from_path(location), Some(Step::TokenError(problem)));
    assert!(reply.headers.get(header::SET_COOKIE).is_none(), "{location}: a cookie");
    assert!(mock.store().snapshot().sessions.is_empty(), "{location}: a session");
}

fn form_post(path: &str, body: &'static str) -> (axum::http::request::Builder, Body) {
    let request =
        Request::post(path).header(header::CONTENT_TYPE, "application/x-www-form-urlencoded");
    (request, Body::from(body))
}

#[tokio::test]
async fn a_refused_hand_off_names_its_marketplace_and_the_problem() {
    let mock = Mock::new();
    let mut client = mock.client();
    let (request, body) = form_post("/handoff/aws", "x-amzn-marketplace-token=");
    refused(&client.send(request, body).await, Marketplace::Aws, TokenProblem::Missing, &mock);
    let (request, body) = form_post("/handoff/aws", "x-amzn-marketplace-token=forged");
    refused(&client.send(request, body).await, Marketplace::Aws, TokenProblem::Invalid, &mock);
    let reply = client.get("/handoff/aliyun?action=verify&instanceId=x&timeStamp=1").await;
    refused(&reply, Marketplace::Aliyun, TokenProblem::Missing, &mock);
    let reply =
        client.get("/handoff/aliyun?action=verify&instanceId=x&timeStamp=1&token=forged").await;
    refused(&reply, Marketplace::Aliyun, TokenProblem::Invalid, &mock);
    let reply = client.get("/handoff/huawei?tenant=acme").await;
    refused(&reply, Marketplace::Huawei, TokenProblem::Missing, &mock);
}

#[tokio::test]
async fn a_hand_off_url_asked_with_the_other_method_is_the_missing_token_page_not_a_405() {
    let mock = Mock::new();
    let mut client = mock.client();
    // A refresh, a bookmark or the back button on AWS's fulfillment URL: a GET, with no form.
    for path in ["/handoff/aws", "/handoff/aws?x-amzn-marketplace-token=from-a-bookmark"] {
        refused(&client.get(path).await, Marketplace::Aws, TokenProblem::Missing, &mock);
    }
    // Alibaba and Huawei hand off with a link; a POST to it carries no token of theirs.
    let (request, body) = form_post("/handoff/aliyun", "token=abc");
    refused(&client.send(request, body).await, Marketplace::Aliyun, TokenProblem::Missing, &mock);
    let reply = client.send(Request::post("/handoff/huawei"), Body::empty()).await;
    refused(&reply, Marketplace::Huawei, TokenProblem::Missing, &mock);
}
