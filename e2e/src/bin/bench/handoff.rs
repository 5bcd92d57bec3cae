//! The AWS hand-off over plain HTTP: how the bench gets an activation session without a browser.

use anyhow::{Context, Result, ensure};
use e2e::{Mock, http::Request};

/// An activation session for AWS account `account` as a buyer gets one: the AWS simulator's
/// token, posted to the hand-off. The `name=value` of its cookie, and the app URL it redirects to.
pub async fn activation(mock: &Mock, account: &str) -> Result<(String, String)> {
    let subscribed = format!("/marketplace/aws/subscribed?account_id={account}");
    let page = Request::get(&mock.at(&subscribed)).send().await?;
    let marker = "name=\"x-amzn-marketplace-token\" value=\"";
    let start =
        page.body.find(marker).context("no token on the AWS simulator page")? + marker.len();
    let token = &page.body[start..start + page.body[start..].find('"').context("no token end")?];
    let handoff =
        Request::post_form(&mock.at("/handoff/aws"), &[("x-amzn-marketplace-token", token)])
            .send()
            .await?;
    ensure!(handoff.status == 303, "the hand-off answered {}", handoff.status);
    let landing = handoff.header("location").context("the hand-off redirected nowhere")?.to_owned();
    let cookie = handoff
        .cookies()
        .into_iter()
        .find(|c| c.starts_with("activation_session="))
        .context("the hand-off set no activation session")?;
    Ok((cookie, landing))
}
