//! AWS Marketplace: a new buyer registers and reaches the workspace home (journey 1); the same AWS
//! account again finds itself already bound, with no way to register twice (journey 2).

use activation_core::domain::Site;
use e2e::{
    Journey, Result, act, check, ensure, find,
    flows::{self, Person},
    market, run,
};

use crate::{billing_center_shows, masked, one_settled_workspace, settled_by};

/// From the simulator's Set Up Your Account to the activated summary, as `who`; returns the AWS
/// account ID and the workspace's name.
async fn register_on_aws(j: &Journey, who: &Person) -> Result<(String, String)> {
    let id = market::aws(j, None).await?;
    check::path(&j.c, "/activate/choose").await?;
    let url = j.c.current_url().await?;
    ensure!(url.query().is_none(), "the app URL must carry no token: {url}");
    check::text(
        &j.c,
        &format!("Bought on: AWS Marketplace · Paying cloud account {}", masked(&id)),
    )
    .await?;
    flows::choose_register(j).await?;
    let site = find::field(&j.c, "Site").await?;
    ensure!(
        site.prop("value").await?.as_deref() == Some("cn2"),
        "AWS should suggest China 2 (Ningxia)"
    );
    flows::basic_info(j, who).await?;
    flows::company_info(j, "Acme Observability Ltd").await?;
    let workspace = format!("AWS production {}", e2e::unique());
    flows::activation_method(j, &workspace).await?;
    Ok((id, workspace))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_aws_buyer_registers_and_reaches_the_workspace_home() {
    run("aws_register_and_log_in", |j| async move {
        let who = Person::fresh("aws");
        let (id, workspace) = register_on_aws(&j, &who).await?;
        check::text(&j.c, &format!("AWS account {}", masked(&id))).await?;
        check::text(&j.c, "See it in the Billing Center under Workspace management.").await?;
        check::text(&j.c, &who.username).await?;
        // Back and reload show the summary again; nothing activates twice.
        j.c.back().await?;
        check::path(&j.c, "/activate/register/done").await?;
        j.c.refresh().await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        check::text(&j.c, &workspace).await?;
        flows::go_to_login(&j).await?;
        let shown = flows::log_in(&j, &who.username, &who.password).await?;
        ensure!(shown == workspace, "the home shows {shown:?}, not {workspace:?}");
        check::text(&j.c, "China 2 (Ningxia)").await?;
        check::text(&j.c, &format!("AWS account {}", masked(&id))).await?;

        let data = j.mock.state()?;
        let key = format!("aws:{id}");
        one_settled_workspace(&data, &key, &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await?;
        let token = &settled_by(&data, &key)[0].datakit_token;
        let command = find::test_id(&j.c, "install-command").await?.text().await?;
        ensure!(command.contains(token.as_str()), "{command:?} lacks the workspace's token");
        let home = j.mock.console_home(&who.username, &who.password).await?;
        ensure!(home.workspace.name.as_str() == workspace && home.workspace.site == Site::Cn2);
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_aws_account_again_is_already_bound_and_cannot_register() {
    run("aws_already_bound", |j| async move {
        let who = Person::fresh("awsagain");
        let (id, workspace) = register_on_aws(&j, &who).await?;
        let sessions_before = j.mock.state()?.sessions.len();

        // Back to the marketplace, typing the same AWS account ID.
        market::aws(&j, Some(&id)).await?;
        check::path(&j.c, "/activate/bound-already").await?;
        check::heading(&j.c, "This cloud account is already activated").await?;
        check::text(&j.c, &format!("AWS account {}", masked(&id))).await?;
        check::text(&j.c, &workspace).await?;
        // The Billing Center account, masked.
        check::text(&j.c, &masked(&who.username)).await?;
        check::absent(&j.c, &who.username).await?;
        check::absent(&j.c, "Register a new account").await?;
        check::absent(&j.c, "I have a Billing Center account").await?;
        // A typed link to the register path still lands on the already-bound page.
        j.open("/activate/register/basic").await?;
        check::path(&j.c, "/activate/bound-already").await?;
        flows::go_to_login(&j).await?;
        flows::log_in(&j, &who.username, &who.password).await?;

        let data = j.mock.state()?;
        one_settled_workspace(&data, &format!("aws:{id}"), &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &format!("aws:{id}"), &workspace)
            .await?;
        ensure!(data.sessions.len() == sessions_before + 1, "one new activation session");
        let sessions: Vec<_> = data.sessions.values().filter(|s| s.progress.activated).collect();
        ensure!(sessions.len() == 1, "{} sessions activated, not 1", sessions.len());
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_guance_user_registers_through_aws_into_their_guance_account() {
    use server_mock::store::seed::{DEMO_PASSWORD, FREE_EMAIL, FREE_USER};
    run("aws_guance_user", |j| async move {
        let id = market::aws(&j, None).await?;
        flows::choose_register(&j).await?;
        // The free-plan user's email; the username and password are the new Billing Center's.
        let who = Person { email: FREE_EMAIL.to_owned(), ..Person::fresh("freebill") };
        act::fill(&j.c, "Username", &who.username).await?;
        act::fill(&j.c, "Password", &who.password).await?;
        act::fill(&j.c, "Confirm password", &who.password).await?;
        act::fill(&j.c, "Email", FREE_EMAIL).await?;
        let code = flows::send_code(&j, FREE_EMAIL, 1).await?;
        act::fill(&j.c, "Verification code", &code).await?;
        act::click(&j.c, "Next").await?;
        // Before going on, the screen says whose account the new workspace joins.
        let notice = find::test_id(&j.c, "guance-account-notice").await?.text().await?;
        ensure!(notice.contains(FREE_USER), "{notice:?}");
        ensure!(notice.contains("for your new Billing Center account"), "{notice:?}");
        act::click(&j.c, "Next").await?;
        check::heading(&j.c, "Company info").await?;
        flows::company_info(&j, "Free Plan Ltd").await?;
        let workspace = format!("AWS upgrade {}", e2e::unique());
        flows::activation_method(&j, &workspace).await?;

        // Its other workspace is offered; Bind, Confirm.
        check::text(&j.c, "Other workspaces of your Guance account").await?;
        check::text(&j.c, "Free Sandbox").await?;
        act::click(&j.c, "Bind").await?;
        check::text(&j.c, "Bind this workspace?").await?;
        act::click(&j.c, "Confirm").await?;
        find::test_id(&j.c, "bound-badge").await?;

        // The console login is the Guance user's own; the one just bound is shown first.
        flows::go_to_login(&j).await?;
        let shown = flows::log_in(&j, FREE_USER, DEMO_PASSWORD).await?;
        ensure!(shown == "Free Sandbox", "the home shows {shown:?} first");
        let home = j.mock.console_home(FREE_USER, DEMO_PASSWORD).await?;
        ensure!(
            home.workspaces.iter().any(|w| w.workspace.name.as_str() == workspace),
            "the new workspace is the Guance user's"
        );
        let data = j.mock.state()?;
        ensure!(!data.guance.contains_key(&who.username), "no second console account");
        let key = format!("aws:{id}");
        ensure!(
            data.cloud_bindings.get(&key) == Some(&who.username),
            "bound to {:?}",
            data.cloud_bindings.get(&key)
        );
        let mut settled: Vec<&str> =
            settled_by(&data, &key).iter().map(|w| w.name.as_str()).collect();
        settled.sort_unstable();
        let mut expected = vec!["Free Sandbox", workspace.as_str()];
        expected.sort_unstable();
        ensure!(settled == expected, "settled by {key}: {settled:?}");
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await?;
        billing_center_shows(&j, &who.username, &who.password, &key, "Free Sandbox").await
    })
    .await;
}
