//! Screens several journeys cross, in English, as a user goes through them: the register path, the
//! Billing Center account step, binding a workspace, logging in. Each starts on the screen it names
//! and ends when the next one shows.

use anyhow::Result;

use crate::{
    Journey, act,
    check::{self, Seen},
    find, unique,
};

/// A new user: username, password and email no other journey uses.
#[derive(Debug, Clone)]
pub struct Person {
    pub username: String,
    pub password: String,
    pub email: String,
}

impl Person {
    /// `prefix` starts with a letter (usernames must).
    pub fn fresh(prefix: &str) -> Person {
        let id = unique();
        Person {
            username: format!("{prefix}_{id}"),
            password: "Sturdy-Harbor-2046".to_owned(),
            email: format!("{prefix}.{id}@example.com"),
        }
    }
}

/// How the console shows a cloud account ID: `1234****9012`.
pub fn masked(id: &str) -> String {
    format!("{}****{}", &id[..4], &id[id.len() - 4..])
}

/// The seed's Billing Center account with bindable workspaces.
pub const DEMO_BILLING: &str = server_mock::store::seed::DEMO_BILLING;
pub const DEMO_EMAIL: &str = "demo.billing@example.com";
pub const DEMO_PASSWORD: &str = server_mock::store::seed::DEMO_PASSWORD;

/// Send code, as a user presses it: when the mock says the last code to this address is too
/// recent, the button counts down, and the user presses it again once it is back. Returns the
/// `nth` code mailed to `email`.
pub async fn send_code(j: &Journey, email: &str, nth: usize) -> Result<String> {
    act::click(&j.c, "Send code").await?;
    check::until(format!("code #{nth} mailed to {email}"), || async {
        if let Some(code) = j.mock.code_now(email, nth).await? {
            return Ok(Seen::Yes(code));
        }
        if let Some(again) = find::control_now(&j.c, "Send code").await?
            && again.is_enabled().await?
        {
            again.click().await?;
        }
        Ok(Seen::No(format!("no code #{nth} to {email} yet")))
    })
    .await
}

/// Choose → Register a new account → Basic info.
pub async fn choose_register(j: &Journey) -> Result<()> {
    check::heading(&j.c, "Activate the Guance Commercial Plan").await?;
    act::click(&j.c, "Register a new account").await?;
    check::heading(&j.c, "Basic info").await
}

/// Basic info: everything typed, the code read from the mailbox; Next → Company info.
pub async fn basic_info(j: &Journey, who: &Person) -> Result<()> {
    act::fill(&j.c, "Username", &who.username).await?;
    act::fill(&j.c, "Password", &who.password).await?;
    act::fill(&j.c, "Confirm password", &who.password).await?;
    act::fill(&j.c, "Email", &who.email).await?;
    let code = send_code(j, &who.email, 1).await?;
    act::fill(&j.c, "Verification code", &code).await?;
    act::click(&j.c, "Next").await?;
    check::heading(&j.c, "Company info").await
}

/// Company info: a company name and the terms; Next → Activation method.
pub async fn company_info(j: &Journey, company: &str) -> Result<()> {
    act::fill(&j.c, "Company name", company).await?;
    act::tick(&j.c, "I agree to the terms").await?;
    act::click(&j.c, "Next").await?;
    check::heading(&j.c, "Activation method").await
}

/// Activation method: the workspace name; Activate → the activated summary.
pub async fn activation_method(j: &Journey, workspace: &str) -> Result<()> {
    act::fill(&j.c, "Workspace name", workspace).await?;
    act::click(&j.c, "Activate").await?;
    check::heading(&j.c, "Your Commercial Plan is activated").await?;
    check::text(&j.c, workspace).await
}

/// The whole register path from Choose to the activated summary.
pub async fn register(j: &Journey, who: &Person, workspace: &str) -> Result<()> {
    choose_register(j).await?;
    basic_info(j, who).await?;
    company_info(j, "Acme Observability Ltd").await?;
    activation_method(j, workspace).await
}

/// Go to login → the login page.
pub async fn go_to_login(j: &Journey) -> Result<()> {
    act::click(&j.c, "Go to login").await?;
    check::path(&j.c, "/login").await?;
    check::heading(&j.c, "Log in to Guance").await
}

/// On the login page: Username, Password, Log in → the workspace home with its install command;
/// returns the workspace's name.
pub async fn log_in(j: &Journey, username: &str, password: &str) -> Result<String> {
    check::heading(&j.c, "Log in to Guance").await?;
    act::fill(&j.c, "Username", username).await?;
    act::fill(&j.c, "Password", password).await?;
    act::click(&j.c, "Log in").await?;
    workspace_home(j, username).await
}

/// The workspace home of `username`, inviting to install DataKit; returns the workspace's name.
pub async fn workspace_home(j: &Journey, username: &str) -> Result<String> {
    check::path(&j.c, "/workspace").await?;
    check::heading(&j.c, "Workspace home").await?;
    check::text(&j.c, "Start by installing DataKit").await?;
    let shown = find::test_id(&j.c, "username").await?.text().await?;
    anyhow::ensure!(shown == username, "signed in as {shown:?}, not {username:?}");
    let command = find::test_id(&j.c, "install-command").await?.text().await?;
    anyhow::ensure!(command.contains("datakit"), "no DataKit install command: {command:?}");
    Ok(find::test_id(&j.c, "workspace-name").await?.text().await?)
}

/// Choose → I have a Billing Center account → Username, Send code, the code, Bind → the workspaces.
pub async fn bind_account(j: &Journey, username: &str, email: &str) -> Result<()> {
    check::heading(&j.c, "Activate the Guance Commercial Plan").await?;
    act::click(&j.c, "I have a Billing Center account").await?;
    check::heading(&j.c, "Bind your Billing Center account").await?;
    act::fill(&j.c, "Username", username).await?;
    let code = send_code(j, email, 1).await?;
    act::fill(&j.c, "Verification code", &code).await?;
    act::click(&j.c, "Bind").await?;
    check::heading(&j.c, "Bind workspaces").await
}

/// On the workspace list: the workspace's Bind, then Confirm in the dialog → it shows Bound.
pub async fn bind_workspace(j: &Journey, name: &str) -> Result<()> {
    let row = find::workspace_row(&j.c, name).await?;
    find::control_in(&j.c, &row, "Bind").await?.click().await?;
    check::text(&j.c, "Bind this workspace?").await?;
    act::click(&j.c, "Confirm").await?;
    shows_bound(j, name).await
}

/// Waits until the workspace `name` on the list shows Bound.
pub async fn shows_bound(j: &Journey, name: &str) -> Result<()> {
    check::until(format!("{name:?} to show Bound"), || async {
        let row = find::workspace_row(&j.c, name).await?;
        let badge = find::test_id_in(&j.c, &row, "bound-badge").await?.text().await?;
        let state = find::test_id_in(&j.c, &row, "workspace-state").await?.text().await?;
        Ok(if badge == "Bound" && state == "Bound to this cloud account" {
            Seen::Yes(())
        } else {
            Seen::No(format!("badge {badge:?}, state {state:?}"))
        })
    })
    .await
}
