//! Alibaba Cloud Marketplace: a new buyer registers with the account and instance IDs the
//! marketplace sent, which cannot be changed, not even behind the UI's back (journey 3); a buyer
//! with a Billing Center account binds it, binds a workspace and creates one (journey 4).

use activation_core::{
    FieldError, FieldId,
    api::{ApiError, Settlement},
    domain::Marketplace,
};
use e2e::{
    act, bail, check, ensure, find,
    flows::{self, DEMO_BILLING, DEMO_EMAIL, DEMO_PASSWORD, Person},
    market, run, run_with,
};
use serde_json::json;

use crate::{billing_center_shows, masked, one_settled_workspace, settled_by};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alibaba_buyer_registers_with_the_marketplace_ids_and_cannot_change_them() {
    run("aliyun_register_read_only_ids", |j| async move {
        let bought = market::aliyun(&j, None).await?;
        check::path(&j.c, "/activate/choose").await?;
        let paying = masked(&bought.account);
        check::text(&j.c, &format!("Bought on: Alibaba Cloud Marketplace · Paying cloud account {paying}"))
            .await?;
        flows::choose_register(&j).await?;
        let site = find::field(&j.c, "Site").await?.prop("value").await?;
        ensure!(site.as_deref() == Some("cn1"), "Alibaba should suggest China 1, not {site:?}");
        let who = Person::fresh("ali");
        flows::basic_info(&j, &who).await?;
        flows::company_info(&j, "Acme Hangzhou Ltd").await?;

        // The IDs the marketplace sent: shown, read-only, with help to find them.
        for (label, value) in [("Account ID", &bought.account), ("Product Instance ID", &bought.instance)] {
            let field = find::field(&j.c, label).await?;
            check::value(&field, value).await?;
            ensure!(field.attr("readonly").await?.is_some(), "{label} must be read-only");
            field.send_keys("9").await?;
            check::value(&field, value).await?;
        }
        check::text(&j.c, "From your Alibaba Cloud Marketplace purchase; it cannot be changed here.")
            .await?;
        let helps =
            j.c.find_all(fantoccini::Locator::LinkText("Where the marketplace shows it")).await?;
        ensure!(helps.len() == 2, "{} help links, not 2", helps.len());

        // A mistyped account ID, sent with the page's own session, is refused.
        let last = bought.account.chars().last().unwrap_or('0');
        let wrong = format!("{}{}", &bought.account[..15], if last == '1' { '2' } else { '1' });
        let workspace = format!("Alibaba production {}", e2e::unique());
        let draft = json!({
            "workspace_name": workspace, "workspace_language": "en",
            "aliyun_account_id": wrong, "aliyun_instance_id": bought.instance, "huawei_account_id": ""
        });
        let reply = act::fetch(&j.c, "POST", "/api/v1/register/activate", draft).await?;
        ensure!(reply.status == 422, "a mistyped ID got {}: {}", reply.status, reply.body);
        ensure!(reply.body.contains("\"invalid_fields\"") && reply.body.contains("mismatches_marketplace"));
        match serde_json::from_str::<ApiError>(&reply.body)? {
            ApiError::InvalidFields { fields } => ensure!(
                fields.get(FieldId::AliyunAccountId) == Some(FieldError::MismatchesMarketplace),
                "{fields:?}"
            ),
            other => bail!("expected invalid_fields, got {other:?}"),
        }
        let key = format!("aliyun:{}", bought.account);
        let data = j.mock.state()?;
        ensure!(settled_by(&data, &key).is_empty() && !data.cloud_bindings.contains_key(&key));

        flows::activation_method(&j, &workspace).await?;
        check::text(&j.c, &format!("Alibaba Cloud account {paying}")).await?;
        flows::go_to_login(&j).await?;
        flows::log_in(&j, &who.username, &who.password).await?;
        check::text(&j.c, "China 1 (Hangzhou)").await?;
        one_settled_workspace(&j.mock.state()?, &key, &workspace, &who.username)?;
        billing_center_shows(&j, &who.username, &who.password, &key, &workspace).await
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alibaba_buyer_binds_a_billing_center_account_and_its_workspaces() {
    // The bind code and the create code go to the same address within a minute.
    run_with("aliyun_bind_and_create", &["--code-cooldown", "1"], |j| async move {
        let bought = market::aliyun(&j, None).await?;
        check::path(&j.c, "/activate/choose").await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;
        check::text(&j.c, DEMO_BILLING).await?;

        // Demo Analytics is settled by another cloud account: shown, not bindable, with the reason.
        let analytics = find::workspace_row(&j.c, "Demo Analytics").await?;
        let state = find::test_id_in(&j.c, &analytics, "workspace-state").await?.text().await?;
        ensure!(state == "Settled by another cloud account: it cannot be bound here.", "{state:?}");
        ensure!(find::all_test_id(&j.c, "bound-badge").await?.is_empty(), "nothing is bound yet");
        // Cancel and Escape close the dialog and bind nothing.
        let production = find::workspace_row(&j.c, "Demo Production").await?;
        find::control_in(&j.c, &production, "Bind").await?.click().await?;
        act::click(&j.c, "Cancel").await?;
        check::gone(&j.c, "Bind this workspace?").await?;
        find::control_in(&j.c, &production, "Bind").await?.click().await?;
        check::text(&j.c, "Bind this workspace?").await?;
        act::press(&j.c, &[e2e::Key::Escape]).await?;
        check::gone(&j.c, "Bind this workspace?").await?;
        let state = find::test_id_in(&j.c, &production, "workspace-state").await?.text().await?;
        ensure!(state == "Not bound", "after Cancel and Escape: {state:?}");
        ensure!(
            !j.mock.state()?.cloud_bindings.contains_key(&format!("aliyun:{}", bought.account))
        );
        flows::bind_workspace(&j, "Demo Production").await?;

        act::click(&j.c, "Create workspace").await?;
        check::heading(&j.c, "Create workspace").await?;
        let tab = find::control(&j.c, "I have a Guance account").await?;
        ensure!(tab.attr("aria-selected").await?.as_deref() == Some("true"));
        let created = format!("Alibaba analytics {}", e2e::unique());
        act::fill(&j.c, "Workspace name", &created).await?;
        act::fill(&j.c, "Email", DEMO_EMAIL).await?;
        let code = flows::send_code(&j, DEMO_EMAIL, 2).await?;
        act::fill(&j.c, "Verification code", &code).await?;
        act::tick(&j.c, "I agree to the terms").await?;
        act::click(&j.c, "Create").await?;
        check::heading(&j.c, "Bind workspaces").await?;
        flows::shows_bound(&j, &created).await?;
        flows::shows_bound(&j, "Demo Production").await?;

        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        check::text(&j.c, "Demo Production").await?;
        check::text(&j.c, &created).await?;
        flows::go_to_login(&j).await?;
        flows::log_in(&j, DEMO_BILLING, DEMO_PASSWORD).await?;

        let key = format!("aliyun:{}", bought.account);
        let data = j.mock.state()?;
        ensure!(data.cloud_bindings.get(&key).map(String::as_str) == Some(DEMO_BILLING));
        let mut names: Vec<&str> =
            settled_by(&data, &key).iter().map(|w| w.name.as_str()).collect();
        names.sort_unstable();
        let mut expected = vec!["Demo Production", created.as_str()];
        expected.sort_unstable();
        ensure!(names == expected, "settled by {key}: {names:?}");
        // The Billing Center's workspace management says who pays for what.
        let list = j.mock.billing_workspaces(DEMO_BILLING, DEMO_PASSWORD).await?;
        let paid_by = |name: &str| {
            list.workspaces.iter().find(|w| w.name.as_str() == name).map(|w| w.settlement.clone())
        };
        let aliyun = Settlement::CloudAccount {
            marketplace: Marketplace::Aliyun,
            account: masked(&bought.account),
        };
        ensure!(paid_by("Demo Production") == Some(aliyun.clone()));
        ensure!(paid_by(&created) == Some(aliyun));
        ensure!(paid_by("Demo Staging") == Some(Settlement::BillingCenter));
        Ok(())
    })
    .await;
}

/// In the Billing Center as `billing`: Workspace management.
async fn workspace_management(j: &e2e::Journey, billing: &str, password: &str) -> e2e::Result<()> {
    j.open("/billing").await?;
    act::fill(&j.c, "Username", billing).await?;
    act::fill(&j.c, "Password", password).await?;
    act::click(&j.c, "Log in").await?;
    check::path(&j.c, "/billing/workspaces").await?;
    check::heading(&j.c, "Workspace management").await
}

/// On Workspace management: `name`'s Change settlement method, Alibaba Cloud account, the two IDs,
/// Confirm.
async fn settle_by_alibaba(
    j: &e2e::Journey,
    name: &str,
    bought: &market::AliyunPurchase,
) -> e2e::Result<()> {
    let row = find::workspace_row(&j.c, name).await?;
    find::control_in(&j.c, &row, "Change settlement method").await?.click().await?;
    check::text(&j.c, "Choose who pays for this workspace.").await?;
    find::field(&j.c, "Alibaba Cloud account").await?.click().await?;
    act::fill(&j.c, "Account ID", &bought.account).await?;
    act::fill(&j.c, "Product Instance ID", &bought.instance).await?;
    act::click(&j.c, "Confirm").await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_alibaba_buyer_who_registered_directly_switches_a_workspace_to_alibaba_settlement() {
    run("aliyun_change_settlement", |j| async move {
        // demo_billing registered with Guance directly: its workspaces are paid in the Billing Center.
        let bought = market::aliyun(&j, None).await?;
        check::path(&j.c, "/activate/choose").await?;

        // The Alibaba account is not bound to demo_billing yet: bind it first, says the dialog.
        workspace_management(&j, DEMO_BILLING, DEMO_PASSWORD).await?;
        settle_by_alibaba(&j, "Demo Staging", &bought).await?;
        check::text(&j.c, "Bind it first").await?;
        check::value(&find::field(&j.c, "Product Instance ID").await?, &bought.instance).await?;
        act::click(&j.c, "Cancel").await?;
        check::gone(&j.c, "Choose who pays for this workspace.").await?;
        let row = find::workspace_row(&j.c, "Demo Staging").await?;
        let paid = find::test_id_in(&j.c, &row, "settlement").await?.text().await?;
        ensure!(paid == "Billing Center (direct)", "after Cancel: {paid:?}");

        // Bound from the marketplace (the same hand-off's session), with one workspace...
        j.open("/activate/choose").await?;
        flows::bind_account(&j, DEMO_BILLING, DEMO_EMAIL).await?;
        flows::bind_workspace(&j, "Demo Production").await?;
        act::click(&j.c, "Done").await?;
        check::heading(&j.c, "Workspaces bound").await?;
        act::click(&j.c, "See it in the Billing Center").await?;
        check::path(&j.c, "/billing").await?;

        // ...it can settle another of the account's workspaces, which the list shows at once.
        workspace_management(&j, DEMO_BILLING, DEMO_PASSWORD).await?;
        settle_by_alibaba(&j, "Demo Staging", &bought).await?;
        check::gone(&j.c, "Choose who pays for this workspace.").await?;
        let expected = format!("Alibaba Cloud account {}", masked(&bought.account));
        let row = find::workspace_row(&j.c, "Demo Staging").await?;
        let paid = find::test_id_in(&j.c, &row, "settlement").await?.text().await?;
        ensure!(paid == expected, "the row shows {paid:?}, not {expected:?}");

        let list = j.mock.billing_workspaces(DEMO_BILLING, DEMO_PASSWORD).await?;
        let aliyun = Settlement::CloudAccount {
            marketplace: Marketplace::Aliyun,
            account: masked(&bought.account),
        };
        let paid_by = |name: &str| {
            list.workspaces.iter().find(|w| w.name.as_str() == name).map(|w| w.settlement.clone())
        };
        ensure!(paid_by("Demo Staging") == Some(aliyun.clone()));
        ensure!(paid_by("Demo Production") == Some(aliyun));
        Ok(())
    })
    .await;
}
