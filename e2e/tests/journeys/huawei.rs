//! Huawei Cloud KooGallery: from **Subscribe Now** through partner services (role, enterprise,
//! member, authorization) and the unified login (with the first sign-in's password change), a
//! buyer binds a Billing Center account, creates a workspace together with a new Guance account
//! and logs in; coming back with the same cloud account, Use Now goes straight to the unified
//! login and **Log in directly** signs them in to that account without a password (journey 5).
//! And a new buyer registers, the member's account pre-filling the Username, with a look at "How
//! do I find this?" on the way.

use e2e::{
    act, check, ensure, find,
    flows::{self, DEMO_BILLING, DEMO_EMAIL, DEMO_PASSWORD, Person},
    market, run,
};

use crate::{billing_center_shows, masked, one_settled_workspace, settled_by};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_huawei_buyer_creates_a_workspace_with_a_new_account_then_logs_in_directly() {
    run("huawei_create_then_direct_login", |j| async move {
        let id = market::huawei(&j, None).await?;
        check::path(&j.c, "/activate/choose").await?;
        check::text(
            &j.c,
            &format!("Bought on: Huawei Cloud KooGallery · Paying cloud account {}", masked(&id)),
        )
        .await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;

        act::click(&j.c, "Create workspace").await?;
        check::heading(&j.c, "Create workspace").await?;
        act::click(&j.c, "I don't have a Guance account").await?;
        check::path(&j.c, "/activate/bind/workspaces/new/new-account").await?;
        let who = Person::fresh("hw");
        let created = format!("Huawei production {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &created).await?;
        act::fill(&j.c, "Username", &who.username).await?;
        act::fill(&j.c, "Password", &who.password).await?;
        act::fill(&j.c, "Confirm password", &who.password).await?;
        act::fill(&j.c, "Email", &who.email).await?;
        let code = flows::send_code(&j, &who.email, 1).await?;
        act::fill(&j.c, "Verification code", &code).await?;
        act::tick(&j.c, "I agree to the terms").await?;
        act::click(&j.c, "Register and create workspace").await?;
        check::heading(&j.c, "Bind workspaces").await?;
        flows::shows_bound(&j, &created).await?;

        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        check::text(&j.c, &created).await?;
        flows::go_to_login(&j).await?;
        let home = flows::log_in(&j, &who.username, &who.password).await?;
        ensure!(home == created, "the home shows {home:?}");
        check::text(&j.c, "China 4 (Guangzhou)").await?;
        let key = format!("huawei:{id}");
        one_settled_workspace(&j.mock.state()?, &key, &created, DEMO_BILLING)?;
        billing_center_shows(&j, DEMO_BILLING, DEMO_PASSWORD, &key, &created).await?;
        act::click(&j.c, "Log out").await?;
        check::path(&j.c, "/").await?;

        // The same Huawei Cloud account again: already bound, and in without a password.
        market::huawei(&j, Some(&id)).await?;
        check::path(&j.c, "/activate/bound-already").await?;
        check::heading(&j.c, "This cloud account is already activated").await?;
        check::text(&j.c, &created).await?;
        check::text(&j.c, "Huawei Cloud already confirmed who you are: no password needed.")
            .await?;
        check::absent(&j.c, "Go to login").await?;
        ensure!(find::all_test_id(&j.c, "billing-account").await?.len() == 1);
        act::click(&j.c, "Log in directly").await?;
        let home = flows::workspace_home(&j, &who.username).await?;
        ensure!(home == created, "direct login opened {home:?}");

        let data = j.mock.state()?;
        let workspace = settled_by(&data, &key)[0].id.clone();
        let direct: Vec<_> =
            data.logins.values().filter(|l| l.workspace.as_ref() == Some(&workspace)).collect();
        ensure!(direct.len() == 1, "{} direct logins to the workspace", direct.len());
        ensure!(direct[0].username_key == who.username, "signed in as {}", direct[0].username_key);
        Ok(())
    })
    .await;
}

/// Regression: the activation shell used to "correct" the help page's URL back to Choose as it
/// unmounted, so "How do I find this?" never showed its page.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_help_link_on_the_activation_method_opens_its_page_and_back_returns_to_the_step() {
    run("huawei_register_with_help", |j| async move {
        let id = market::huawei(&j, None).await?;
        flows::choose_register(&j).await?;
        // The unified login's member account pre-fills the Username (editable: basic_info types
        // over it).
        check::value(&find::field(&j.c, "Username").await?, &market::huawei_member(&id)).await?;
        let site = find::field(&j.c, "Site").await?.prop("value").await?;
        ensure!(site.as_deref() == Some("cn4"), "Huawei should suggest China 4, not {site:?}");
        let who = Person::fresh("hwreg");
        flows::basic_info(&j, &who).await?;
        flows::company_info(&j, "Shenzhen Telemetry Ltd").await?;
        let account = find::field(&j.c, "Huawei Cloud Account ID").await?;
        check::value(&account, &id).await?;
        ensure!(account.attr("readonly").await?.is_some(), "the account ID must be read-only");
        let workspace = format!("Huawei production {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &workspace).await?;

        act::click(&j.c, "Where the marketplace shows it").await?;
        check::heading(&j.c, "How to find your Huawei Cloud account ID").await?;
        check::path(&j.c, "/help/huawei-account-id").await?;
        act::click(&j.c, "Back to activation").await?;
        check::heading(&j.c, "Activation method").await?;
        check::value(&find::field(&j.c, "Workspace name").await?, &workspace).await?;

        act::click(&j.c, "Activate").await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        check::text(&j.c, &format!("Huawei Cloud account {}", masked(&id))).await?;
        one_settled_workspace(
            &j.mock.state()?,
            &format!("huawei:{id}"),
            &workspace,
            &who.username,
        )?;
        billing_center_shows(&j, &who.username, &who.password, &format!("huawei:{id}"), &workspace)
            .await
    })
    .await;
}
