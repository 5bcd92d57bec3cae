//! What goes wrong on the way: five wrong codes (journey 7), a reload mid-registration (journey 8),
//! double clicks on Activate and on Bind (journey 9), a failed request (journey 10), and an answer
//! lost after the mock did the work.

use activation_core::domain::Site;
use e2e::{
    Result, act, check, ensure, find,
    flows::{self, DEMO_BILLING, DEMO_EMAIL, DEMO_PASSWORD, Person},
    market, run, run_with,
};

use crate::{billing_center_shows, masked, one_settled_workspace, settled_by};

const LOCKED: &str =
    "Too many wrong tries: this code no longer works. Press Send code for a new one.";
const BUSY: &str = "The service is busy or unavailable right now. Nothing you typed is lost.";

async fn value_of(j: &e2e::Journey, label: &str) -> Result<String> {
    Ok(find::field(&j.c, label).await?.prop("value").await?.unwrap_or_default())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn five_wrong_codes_lock_the_code_and_a_new_one_works() {
    // The new code comes after the (shortened) wait between two codes to one address.
    run_with("wrong_code_five_times", &["--code-cooldown", "3"], |j| async move {
        market::aws(&j, None).await?;
        flows::choose_register(&j).await?;
        let who = Person::fresh("lock");
        act::fill(&j.c, "Username", &who.username).await?;
        act::fill(&j.c, "Password", &who.password).await?;
        act::fill(&j.c, "Confirm password", &who.password).await?;
        act::fill(&j.c, "Email", &who.email).await?;
        act::click(&j.c, "Send code").await?;
        let code = j.mock.code(&who.email, 1).await?;
        let wrong = format!("{:06}", (code.parse::<u32>()? + 1) % 1_000_000);
        for tries_left in (1..=4).rev() {
            act::fill(&j.c, "Verification code", &wrong).await?;
            act::click(&j.c, "Next").await?;
            let noun = if tries_left == 1 { "try" } else { "tries" };
            let message = format!("The verification code is not right. {tries_left} {noun} left.");
            check::text(&j.c, &message).await?;
        }
        act::fill(&j.c, "Verification code", &wrong).await?;
        act::click(&j.c, "Next").await?;
        check::text(&j.c, LOCKED).await?;
        let summary = find::test_id(&j.c, "error-summary").await?.text().await?;
        ensure!(summary.contains(LOCKED), "the error summary says {summary:?}");
        let field = find::field(&j.c, "Verification code").await?;
        ensure!(field.attr("aria-invalid").await?.as_deref() == Some("true"));

        // Locked means locked: even the right code is refused now.
        act::type_into(&field, &code).await?;
        check::gone(&j.c, LOCKED).await?;
        act::click(&j.c, "Next").await?;
        check::text(&j.c, LOCKED).await?;
        check::heading(&j.c, "Basic info").await?;

        // A new code works.
        let send = find::control(&j.c, "Send code").await?;
        check::enabled(&send, "Send code").await?;
        send.click().await?;
        let fresh = j.mock.code(&who.email, 2).await?;
        act::fill(&j.c, "Verification code", &fresh).await?;
        act::click(&j.c, "Next").await?;
        check::heading(&j.c, "Company info").await?;
        let data = j.mock.state()?;
        let key = format!("register:{}", who.email);
        ensure!(
            data.sessions.values().any(|s| s.codes.live.get(&key).is_some_and(|c| c.used)),
            "the new code ({key}) is not used up"
        );
        ensure!(data.sessions.values().any(|s| s.progress.basic_info_done));
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reload_mid_registration_keeps_the_step_and_what_was_typed_but_passwords() {
    run("reload_mid_registration", |j| async move {
        let id = market::aws(&j, None).await?;
        flows::choose_register(&j).await?;
        let who = Person::fresh("reload");
        act::choose(&j.c, "Site", "Overseas 1 (Oregon)").await?;
        act::fill(&j.c, "Username", &who.username).await?;
        act::fill(&j.c, "Password", &who.password).await?;
        act::fill(&j.c, "Confirm password", &who.password).await?;
        act::fill(&j.c, "Email", &who.email).await?;
        act::fill(&j.c, "Phone", "13800138000").await?;
        j.c.refresh().await?;
        check::heading(&j.c, "Basic info").await?;
        check::path(&j.c, "/activate/register/basic").await?;
        check::value(&find::field(&j.c, "Username").await?, &who.username).await?;
        for (label, kept) in
            [("Site", "us1"), ("Email", who.email.as_str()), ("Phone", "13800138000")]
        {
            ensure!(value_of(&j, label).await? == kept, "{label} after the reload");
        }
        for secret in ["Password", "Confirm password", "Verification code"] {
            ensure!(value_of(&j, secret).await?.is_empty(), "{secret} must not survive a reload");
        }
        act::fill(&j.c, "Password", &who.password).await?;
        act::fill(&j.c, "Confirm password", &who.password).await?;
        act::click(&j.c, "Send code").await?;
        let code = j.mock.code(&who.email, 1).await?;
        act::fill(&j.c, "Verification code", &code).await?;
        act::click(&j.c, "Next").await?;
        check::heading(&j.c, "Company info").await?;
        // Back and Forward move between the steps.
        j.c.back().await?;
        check::heading(&j.c, "Basic info").await?;
        check::value(&find::field(&j.c, "Username").await?, &who.username).await?;
        j.c.forward().await?;
        check::heading(&j.c, "Company info").await?;

        act::fill(&j.c, "Company name", "Reload Resilience Ltd").await?;
        act::choose(&j.c, "Industry", "Finance").await?;
        act::fill(&j.c, "Contact name", "Li Lei").await?;
        act::tick(&j.c, "I agree to the terms").await?;
        j.c.refresh().await?;
        check::heading(&j.c, "Company info").await?;
        check::value(&find::field(&j.c, "Company name").await?, "Reload Resilience Ltd").await?;
        ensure!(value_of(&j, "Industry").await? == "finance", "the industry after the reload");
        ensure!(value_of(&j, "Contact name").await? == "Li Lei");
        ensure!(find::field(&j.c, "I agree to the terms").await?.is_selected().await?);
        act::click(&j.c, "Next").await?;
        check::heading(&j.c, "Activation method").await?;

        let workspace = format!("Reloaded {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &workspace).await?;
        j.c.refresh().await?;
        check::heading(&j.c, "Activation method").await?;
        check::value(&find::field(&j.c, "Workspace name").await?, &workspace).await?;
        act::click(&j.c, "Activate").await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        check::text(&j.c, "Overseas 1 (Oregon)").await?;
        let data = j.mock.state()?;
        let key = format!("aws:{id}");
        one_settled_workspace(&data, &key, &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await?;
        ensure!(settled_by(&data, &key)[0].site == Site::Us1, "the site chosen before the reload");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_activate_activates_once() {
    run("double_click_activate", |j| async move {
        let id = market::aws(&j, None).await?;
        let who = Person::fresh("twice");
        flows::choose_register(&j).await?;
        flows::basic_info(&j, &who).await?;
        flows::company_info(&j, "Twice Clicked Ltd").await?;
        let workspace = format!("Clicked twice {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &workspace).await?;
        act::double_click(&j.c, &find::control(&j.c, "Activate").await?).await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        let rows = find::all_test_id(&j.c, "workspace-row").await?;
        ensure!(rows.len() == 1, "the summary lists {} workspaces", rows.len());
        let data = j.mock.state()?;
        one_settled_workspace(&data, &format!("aws:{id}"), &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &format!("aws:{id}"), &workspace)
            .await?;
        ensure!(data.workspaces.len() == 7 + 1, "{} workspaces (7 seeded)", data.workspaces.len());
        ensure!(data.billing.len() == 2 + 1, "{} Billing Center accounts", data.billing.len());
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_double_click_on_bind_and_confirm_binds_once() {
    run("double_click_bind", |j| async move {
        let id = market::aws(&j, None).await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;
        let row = find::workspace_row(&j.c, "Demo Production").await?;
        act::double_click(&j.c, &find::control_in(&j.c, &row, "Bind").await?).await?;
        check::text(&j.c, "Bind this workspace?").await?;
        act::double_click(&j.c, &find::control(&j.c, "Confirm").await?).await?;
        flows::shows_bound(&j, "Demo Production").await?;
        check::gone(&j.c, "Bind this workspace?").await?;

        let key = format!("aws:{id}");
        let data = j.mock.state()?;
        let session = data.sessions.values().find(|s| s.progress.account_bound).map(|s| s.progress);
        ensure!(session.map(|p| p.workspaces_bound) == Some(1), "bound count: {session:?}");
        let settled: Vec<&str> = settled_by(&data, &key).iter().map(|w| w.name.as_str()).collect();
        ensure!(settled == ["Demo Production"], "{key} settles {settled:?}");

        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        let rows = find::all_test_id(&j.c, "workspace-row").await?;
        ensure!(rows.len() == 1, "the summary lists {} workspaces", rows.len());
        let list = j.mock.billing_workspaces(DEMO_BILLING, DEMO_PASSWORD).await?;
        let production = list.workspaces.iter().find(|w| w.name.as_str() == "Demo Production");
        let paying = format!("{:?}", production.map(|w| &w.settlement));
        ensure!(paying.contains(&masked(&id)), "Demo Production is paid by {paying}");
        Ok(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_failed_request_is_retried_with_try_again_and_nothing_typed_is_lost() {
    run("failed_request_try_again", |j| async move {
        let id = market::aws(&j, None).await?;
        let who = Person::fresh("retry");
        flows::choose_register(&j).await?;
        flows::basic_info(&j, &who).await?;

        act::fill(&j.c, "Company name", "Flaky Networks Ltd").await?;
        act::fill(&j.c, "Contact name", "Han Meimei").await?;
        act::tick(&j.c, "I agree to the terms").await?;
        j.mock.fail_next(1).await?;
        act::click(&j.c, "Next").await?;
        check::text(&j.c, BUSY).await?;
        check::heading(&j.c, "Company info").await?;
        ensure!(value_of(&j, "Company name").await? == "Flaky Networks Ltd");
        ensure!(value_of(&j, "Contact name").await? == "Han Meimei");
        ensure!(find::field(&j.c, "I agree to the terms").await?.is_selected().await?);
        act::click(&j.c, "Try again").await?;
        check::heading(&j.c, "Activation method").await?;

        let workspace = format!("Retried {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &workspace).await?;
        j.mock.fail_next(1).await?;
        act::click(&j.c, "Activate").await?;
        check::text(&j.c, BUSY).await?;
        ensure!(value_of(&j, "Workspace name").await? == workspace);
        let key = format!("aws:{id}");
        ensure!(settled_by(&j.mock.state()?, &key).is_empty(), "nothing activated yet");
        act::click(&j.c, "Try again").await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        one_settled_workspace(&j.mock.state()?, &key, &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lost_answer_to_bind_or_activate_is_retried_without_doing_it_twice() {
    run("lost_answer_try_again", |j| async move {
        // Bind: done by the mock, the answer lost; Try again must not bind (or count) twice.
        let id = market::aws(&j, None).await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;
        let row = find::workspace_row(&j.c, "Demo Production").await?;
        find::control_in(&j.c, &row, "Bind").await?.click().await?;
        j.mock.drop_next(1).await?;
        act::click(&j.c, "Confirm").await?;
        check::text(&j.c, BUSY).await?;
        let key = format!("aws:{id}");
        ensure!(settled_by(&j.mock.state()?, &key).len() == 1, "the bind happened before the loss");
        act::click(&j.c, "Try again").await?;
        flows::shows_bound(&j, "Demo Production").await?;
        let data = j.mock.state()?;
        let bound = data.sessions.values().find(|s| s.progress.account_bound).map(|s| s.progress);
        ensure!(bound.map(|p| p.workspaces_bound) == Some(1), "bound count: {bound:?}");
        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        ensure!(find::all_test_id(&j.c, "workspace-row").await?.len() == 1);

        // Activate, in a second purchase: the same.
        let id = market::aws(&j, None).await?;
        let who = Person::fresh("lost");
        flows::choose_register(&j).await?;
        flows::basic_info(&j, &who).await?;
        flows::company_info(&j, "Lost Answers Ltd").await?;
        let workspace = format!("Answered once {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &workspace).await?;
        j.mock.drop_next(1).await?;
        act::click(&j.c, "Activate").await?;
        check::text(&j.c, BUSY).await?;
        act::click(&j.c, "Try again").await?;
        check::heading(&j.c, "Your Commercial Plan is activated").await?;
        let data = j.mock.state()?;
        one_settled_workspace(&data, &format!("aws:{id}"), &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &format!("aws:{id}"), &workspace)
            .await?;
        ensure!(data.billing.len() == 2 + 1, "{} Billing Center accounts", data.billing.len());
        Ok(())
    })
    .await;
}
