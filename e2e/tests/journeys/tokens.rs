//! Forged, reused and expired marketplace tokens, for each marketplace: the page that says which and
//! what to do, a clean URL, and nothing opened or created (journey 6).
//!
//! Expiry without waiting: AWS registration tokens live 10 minutes and Huawei codes 5, so the mock
//! is restarted with the token's issue time moved an hour back in its state file (what a mock
//! restarted with `--state` an hour later would hold; AWS's token, which a page view keeps in
//! memory only, is put there as issued an hour ago); Alibaba's `timeStamp` is simply stale,
//! signed with the shared secret.

use activation_core::domain::{AwsAccountId, Identity, LicenseArn, ProductCode};
use e2e::{
    Journey, Result, act, check, ensure, find,
    http::{self, Request},
    market, run,
};
use server_mock::store::data::IssuedToken;

/// The identity AWS's simulator gives `account` (its product code, a license of that account).
fn aws_identity(account: &str) -> Identity {
    let license = format!("arn:aws:license-manager::{account}:license:l-0123456789abcdef");
    Identity::Aws {
        account_id: AwsAccountId::parse(account).expect("the simulator's account ID"),
        product_code: ProductCode::parse("prod-guance01").expect("the simulator's product code"),
        license_arn: LicenseArn::parse(&license).expect("a well-formed license ARN"),
    }
}

/// What the page says for each problem, `{m}` standing for the marketplace's name.
const INVALID: &str =
    "The sign-in token from {m} is not valid. It may have been changed or cut off.";
const EXPIRED: &str =
    "The sign-in token from {m} has expired: each one is valid for a few minutes only.";
const USED: &str = "This sign-in token from {m} was already used. Each one works once.";

/// Where a refused buyer came from: the marketplace's code (in the page's URL), its name, and the
/// last step of the way back there that the page lists.
struct From(&'static str, &'static str, &'static str);
const AWS: From = From("aws", "AWS Marketplace", "Choose Set up product.");
const ALIYUN: From = From("aliyun", "Alibaba Cloud Marketplace", "Click Login Directly beside it.");
const HUAWEI: From = From("huawei", "Huawei Cloud KooGallery", "Click Use Now.");

/// The seed's workspaces; a refused hand-off adds none.
const SEEDED_WORKSPACES: usize = 7;

/// The app's page for a refused hand-off: which marketplace and problem, where to go there, Log
/// in, and no token in the URL (only the marketplace's name).
async fn refused(j: &Journey, from: &From, problem: &str, message: &str) -> Result<()> {
    check::path(&j.c, &format!("/activate/error/{problem}")).await?;
    check::heading(&j.c, "This link cannot be used").await?;
    check::text(&j.c, &message.replace("{m}", from.1)).await?;
    check::text(&j.c, from.2).await?;
    find::control(&j.c, "Log in").await?;
    let url = j.c.current_url().await?;
    let query = format!("marketplace={}", from.0);
    ensure!(url.query() == Some(query.as_str()), "the error page's URL carries {url}");
    Ok(())
}

/// Activation sessions opened so far, and that nothing else was created.
fn sessions(j: &Journey) -> Result<usize> {
    let data = j.mock.state()?;
    ensure!(data.workspaces.len() == SEEDED_WORKSPACES, "{} workspaces", data.workspaces.len());
    Ok(data.sessions.len())
}

async fn hidden_value(j: &Journey, selector: &str) -> Result<String> {
    Ok(find::css(&j.c, selector).await?.prop("value").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn aws_forged_reused_and_expired_tokens_are_refused() {
    run("aws_bad_tokens", |j| async move {
        const TOKEN: &str = "input[name='x-amzn-marketplace-token']";
        // Forged: the posted token is not one AWS issued.
        market::aws_subscribed(&j, None).await?;
        let real = hidden_value(&j, TOKEN).await?;
        act::set_hidden(&j.c, TOKEN, &format!("{real}0")).await?;
        act::click(&j.c, "Set Up Your Account").await?;
        refused(&j, &AWS, "invalid", INVALID).await?;
        ensure!(sessions(&j)? == 0, "a forged token opened a session");
        ensure!(!j.mock.state()?.tokens[&real].redeemed, "the real token is still unused");

        // Reused: the same token posted again after it worked.
        market::aws_subscribed(&j, None).await?;
        let token = hidden_value(&j, TOKEN).await?;
        act::click(&j.c, "Set Up Your Account").await?;
        check::path(&j.c, "/activate/choose").await?;
        j.c.back().await?;
        check::heading(&j.c, "Thank you for subscribing").await?;
        act::set_hidden(&j.c, TOKEN, &token).await?;
        act::click(&j.c, "Set Up Your Account").await?;
        refused(&j, &AWS, "used", USED).await?;
        ensure!(sessions(&j)? == 1, "a reused token opened a second session");

        // Expired: the tab stayed open for an hour before Set Up Your Account.
        let account = market::aws_subscribed(&j, None).await?;
        let token = hidden_value(&j, TOKEN).await?;
        j.mock.restart_with(|data| {
            // A page view keeps its token in memory only (it writes nothing to the state file), so
            // the mock restarts as one that kept it since an hour ago.
            let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
            let issued_at = now.map_or(0, |d| d.as_secs()) - 3600;
            let identity = aws_identity(&account);
            let issued = IssuedToken { identity, issued_at, redeemed: false };
            data.tokens.insert(token.clone(), issued);
        })?;
        act::click(&j.c, "Set Up Your Account").await?;
        refused(&j, &AWS, "expired", EXPIRED).await?;
        ensure!(sessions(&j)? == 1, "an expired token opened a session");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn alibaba_forged_reused_and_expired_hand_offs_are_refused() {
    run("aliyun_bad_tokens", |j| async move {
        // The signed link behind Login Directly, as the marketplace made it.
        let bought = market::aliyun_purchased(&j, None).await?;
        let mut query = Vec::new();
        for name in ["action", "instanceId", "timeStamp", "token"] {
            let value = hidden_value(&j, &format!("input[name='{name}']")).await?;
            query.push(format!("{name}={}", http::encode(&value)));
        }
        let link = format!("/handoff/aliyun?{}", query.join("&"));

        // Forged: the signature does not match the parameters.
        act::set_hidden(&j.c, "input[name='token']", &"0".repeat(32)).await?;
        act::click(&j.c, "Login Directly").await?;
        refused(&j, &ALIYUN, "invalid", INVALID).await?;
        ensure!(sessions(&j)? == 0, "a forged hand-off opened a session");

        // Reused: the genuine link opened again after it worked.
        j.open(&link).await?;
        check::path(&j.c, "/activate/choose").await?;
        j.open(&link).await?;
        refused(&j, &ALIYUN, "used", USED).await?;
        ensure!(sessions(&j)? == 1, "a reused hand-off opened a second session");

        // Expired: correctly signed, but ten minutes old.
        let now_ms =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH)?.as_millis();
        let stale = u64::try_from(now_ms)? - 10 * 60 * 1000;
        j.open(&market::aliyun_handoff(&bought.instance, stale)).await?;
        refused(&j, &ALIYUN, "expired", EXPIRED).await?;
        ensure!(sessions(&j)? == 1, "a stale hand-off opened a session");
        Ok(())
    })
    .await;
}

/// Presses Use Now (partner services the first time) in the browser, whose cookie gets our
/// hand-off's `state`; then signs in at the unified login the way the browser would, but stops at
/// its redirect to us: returns that `/handoff/huawei?code=…&tenant=…&state=…` (the code not yet
/// redeemed, and redeemable only in this browser).
async fn huawei_code_link(j: &Journey) -> Result<String> {
    market::huawei_to_unified_login(j).await?;
    let mut fields = Vec::new();
    for name in ["enterprise", "account", "password", "state"] {
        fields.push((name, hidden_value(j, &format!("input[name='{name}']")).await?));
    }
    let fields: Vec<(&str, &str)> = fields.iter().map(|(n, v)| (*n, v.as_str())).collect();
    let answer =
        Request::post_form(&j.mock.at("/marketplace/huawei/login"), &fields).send().await?;
    ensure!(answer.status == 303, "Log In answered {}", answer.status);
    let mut link = answer.header("location").unwrap_or_default().to_owned();
    if let Some(query) = link.strip_prefix("/marketplace/huawei/login/password?ticket=") {
        let (ticket, password) = (query.to_owned(), "Changed-In-Journey-1");
        let fields = [
            ("ticket", ticket.as_str()),
            ("new_password", password),
            ("confirm_password", password),
        ];
        let url = j.mock.at("/marketplace/huawei/login/password");
        let answer = Request::post_form(&url, &fields).send().await?;
        ensure!(answer.status == 303, "Change password answered {}", answer.status);
        link = answer.header("location").unwrap_or_default().to_owned();
    }
    ensure!(link.starts_with("/handoff/huawei?code="), "the unified login sent us to {link:?}");
    Ok(link)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn huawei_forged_reused_and_expired_codes_are_refused() {
    run("huawei_bad_codes", |j| async move {
        market::huawei_purchased(&j, None).await?;
        let link = huawei_code_link(&j).await?;
        let code =
            link["/handoff/huawei?code=".len()..].split('&').next().unwrap_or_default().to_owned();

        // Forged: a code the unified login never issued.
        j.open(&link.replace(&code, &"f".repeat(code.len()))).await?;
        refused(&j, &HUAWEI, "invalid", INVALID).await?;
        ensure!(sessions(&j)? == 0, "a forged code opened a session");

        // Reused: the same redirect opened twice.
        j.open(&link).await?;
        check::path(&j.c, "/activate/choose").await?;
        j.open(&link).await?;
        refused(&j, &HUAWEI, "used", USED).await?;
        ensure!(sessions(&j)? == 1, "a reused code opened a second session");

        // Expired: the code waited an hour before it reached us.
        market::huawei_purchased(&j, None).await?;
        let late = huawei_code_link(&j).await?;
        let late_code =
            late["/handoff/huawei?code=".len()..].split('&').next().unwrap_or_default().to_owned();
        j.mock.restart_with(|data| {
            if let Some(issued) = data.huawei.codes.get_mut(&late_code) {
                issued.issued_at -= 3600;
            }
        })?;
        j.open(&late).await?;
        refused(&j, &HUAWEI, "expired", EXPIRED).await?;
        ensure!(sessions(&j)? == 1, "an expired code opened a session");
        Ok(())
    })
    .await;
}
