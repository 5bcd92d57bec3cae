//! The three marketplace simulators, clicked through as a buyer does, with their own buttons. Each
//! `…_purchased` stops on the page whose button hands the buyer to us (so a journey can look at or
//! tamper with it first); the plain function also presses that button.

use anyhow::{Context, Result, ensure};
use md5::{Digest, Md5};

use crate::{
    Journey, Mock, act, check, find,
    http::{Request, encode},
};

/// Keeps the simulator's fresh random cloud account ID, or types `account` over it; returns the ID.
async fn cloud_account(j: &Journey, account: Option<&str>) -> Result<String> {
    let field = find::field(&j.c, "Cloud account ID").await?;
    match account {
        Some(id) => {
            act::type_into(&field, id).await?;
            Ok(id.to_owned())
        }
        None => field.prop("value").await?.filter(|v| !v.is_empty()).context("no pre-filled ID"),
    }
}

/// AWS Marketplace up to "Thank you for subscribing" (Continue to Subscribe, Subscribe); returns
/// the AWS account ID.
pub async fn aws_subscribed(j: &Journey, account: Option<&str>) -> Result<String> {
    j.open("/marketplace/aws").await?;
    check::heading(&j.c, "Guance on AWS Marketplace").await?;
    let id = cloud_account(j, account).await?;
    act::click(&j.c, "Continue to Subscribe").await?;
    check::heading(&j.c, "Subscribe to Guance").await?;
    act::click(&j.c, "Subscribe").await?;
    check::heading(&j.c, "Thank you for subscribing").await?;
    Ok(id)
}

/// AWS Marketplace through Set Up Your Account (the hand-off); returns the AWS account ID.
pub async fn aws(j: &Journey, account: Option<&str>) -> Result<String> {
    let id = aws_subscribed(j, account).await?;
    act::click(&j.c, "Set Up Your Account").await?;
    Ok(id)
}

/// AWS Marketplace with the keyboard only (Tab to each button, Enter), keeping the fresh account ID;
/// returns it.
pub async fn aws_by_keyboard(j: &Journey) -> Result<String> {
    j.open("/marketplace/aws").await?;
    check::heading(&j.c, "Guance on AWS Marketplace").await?;
    let id = cloud_account(j, None).await?;
    act::press_on(&j.c, "Continue to Subscribe", fantoccini::key::Key::Enter).await?;
    check::heading(&j.c, "Subscribe to Guance").await?;
    act::press_on(&j.c, "Subscribe", fantoccini::key::Key::Enter).await?;
    check::heading(&j.c, "Thank you for subscribing").await?;
    act::press_on(&j.c, "Set Up Your Account", fantoccini::key::Key::Enter).await?;
    Ok(id)
}

/// The AWS hand-off over plain HTTP, for what needs an activation session without a browser (the
/// bench, the schemathesis run): the simulator's token for AWS account `account`, posted to the
/// hand-off as its page would. The `name=value` of the session cookie, and the app URL the
/// hand-off redirects to.
pub async fn aws_session(mock: &Mock, account: &str) -> Result<(String, String)> {
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
        .find(|c| c.starts_with("__Host-activation_session="))
        .context("the hand-off set no activation session")?;
    Ok((cookie, landing))
}

/// What an Alibaba purchase made.
#[derive(Debug, Clone)]
pub struct AliyunPurchase {
    pub account: String,
    pub instance: String,
}

/// Alibaba Cloud Marketplace up to Purchased Services (Activate Now, agree, Activate, Confirm).
pub async fn aliyun_purchased(j: &Journey, account: Option<&str>) -> Result<AliyunPurchase> {
    j.open("/marketplace/aliyun").await?;
    check::heading(&j.c, "Guance on Alibaba Cloud Marketplace").await?;
    let account = cloud_account(j, account).await?;
    act::click(&j.c, "Activate Now").await?;
    check::heading(&j.c, "Activate Pay-as-you-go Service").await?;
    act::tick(&j.c, "I have read and agree to the Alibaba Cloud Marketplace terms of service")
        .await?;
    act::click(&j.c, "Activate").await?;
    check::heading(&j.c, "Activation Request Submitted").await?;
    let instance = find::css(&j.c, "main code").await?.text().await?;
    act::click(&j.c, "Confirm").await?;
    check::heading(&j.c, "Marketplace > Purchased Services").await?;
    Ok(AliyunPurchase { account, instance })
}

/// Alibaba Cloud Marketplace through Login Directly (the hand-off) of the new instance.
pub async fn aliyun(j: &Journey, account: Option<&str>) -> Result<AliyunPurchase> {
    let purchase = aliyun_purchased(j, account).await?;
    let row = find::table_row(&j.c, &purchase.instance).await?;
    find::control_in(&j.c, &row, "Login Directly").await?.click().await?;
    Ok(purchase)
}

/// `/handoff/aliyun?…` for `instance` at `time_stamp_ms`, signed as Alibaba signs it: MD5 of the
/// parameters sorted by name, `&key=<secret>` appended.
pub fn aliyun_handoff(instance: &str, time_stamp_ms: u64) -> String {
    let ts = time_stamp_ms.to_string();
    let signed = format!(
        "action=verify&instanceId={instance}&timeStamp={ts}&key={}",
        crate::mock::ALIYUN_SECRET
    );
    let token: String = Md5::digest(signed.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
    format!(
        "/handoff/aliyun?action=verify&instanceId={}&timeStamp={ts}&token={token}",
        encode(instance)
    )
}

/// Huawei Cloud KooGallery up to Purchased Services (Subscribe Now); returns the account ID.
pub async fn huawei_purchased(j: &Journey, account: Option<&str>) -> Result<String> {
    j.open("/marketplace/huawei").await?;
    check::heading(&j.c, "Guance SaaS Edition on Huawei Cloud KooGallery").await?;
    let id = cloud_account(j, account).await?;
    act::click(&j.c, "Subscribe Now").await?;
    check::heading(&j.c, "My Marketplace > Purchased Services").await?;
    Ok(id)
}

/// Huawei Cloud KooGallery through Use Now: partner services the first time for this account
/// (every page as pre-filled), then the unified login and the hand-off; returns the account.
pub async fn huawei(j: &Journey, account: Option<&str>) -> Result<String> {
    let id = huawei_purchased(j, account).await?;
    huawei_to_unified_login(j).await?;
    huawei_unified_login(j).await?;
    Ok(id)
}

/// From Purchased Services: Use Now, then partner services the first time for this account (every
/// page as pre-filled), up to the unified login's page (our hand-off's start set its cookie).
pub async fn huawei_to_unified_login(j: &Journey) -> Result<()> {
    act::click(&j.c, "Use Now").await?;
    let first_time = check::until("partner services or the unified login", || async {
        Ok(match check::heading_text(&j.c).await?.as_str() {
            "Partner Services" => check::Seen::Yes(true),
            "Huawei Cloud Unified Login" => check::Seen::Yes(false),
            other => check::Seen::No(format!("heading {other:?}")),
        })
    })
    .await?;
    if first_time {
        huawei_partner_services(j).await?;
    }
    check::heading(&j.c, "Huawei Cloud Unified Login").await
}

/// The member account the simulator pre-fills for the first member of Huawei account `id`.
pub fn huawei_member(id: &str) -> String {
    format!("hw_{}", &id[..8])
}

/// Partner services, set up once (seed 004, Step Two): For Personal Use → Confirm → a new
/// enterprise → (setup goes on by itself) → the first member as pre-filled → authorized.
pub async fn huawei_partner_services(j: &Journey) -> Result<()> {
    check::heading(&j.c, "Partner Services").await?;
    let personal = find::field(&j.c, "For Personal Use").await?;
    ensure!(personal.is_selected().await?, "For Personal Use is the suggested role");
    act::click(&j.c, "Confirm").await?;
    check::heading(&j.c, "New Enterprise").await?;
    act::click(&j.c, "Create Enterprise").await?;
    // "Setup takes a moment": the progress page goes on to Add Members by itself.
    check::heading(&j.c, "Add Members").await?;
    act::click(&j.c, "Add Member").await?;
    check::heading(&j.c, "Authorize Application Members").await?;
    act::tick(&j.c, "Agree to Terms").await?;
    act::click(&j.c, "Confirm Authorization").await
}

/// The unified login as pre-filled (Log In), and Change password at a member's first sign-in;
/// waits until the app has the buyer.
pub async fn huawei_unified_login(j: &Journey) -> Result<()> {
    check::heading(&j.c, "Huawei Cloud Unified Login").await?;
    act::click(&j.c, "Log In").await?;
    let change = check::until("the password change or the app", || async {
        let path = j.c.current_url().await?.path().to_owned();
        Ok(if path.starts_with("/activate") {
            check::Seen::Yes(false)
        } else if check::heading_text(&j.c).await? == "Change Your Initial Password" {
            check::Seen::Yes(true)
        } else {
            check::Seen::No(path)
        })
    })
    .await?;
    if change {
        act::click(&j.c, "Change password").await?;
    }
    Ok(())
}
