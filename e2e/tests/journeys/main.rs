//! End-to-end journeys in headless Chromium, from a marketplace simulator page to the workspace,
//! against the release build served by the real mock (see the `e2e` crate for the harness). Each
//! journey asserts on what the user sees, then on what the mock holds.

mod aliyun;
mod aws;
mod huawei;
mod keyboard_and_chinese;
mod layout;
mod resilience;
mod tokens;

use activation_core::api::Settlement;
use e2e::{Context, Journey, Result, bail, ensure};
use server_mock::store::{Data, data::Workspace};

pub use e2e::flows::masked;

/// The workspaces the cloud account `key` (`aws:…`, `aliyun:…`, `huawei:…`) settles.
pub fn settled_by<'d>(data: &'d Data, key: &str) -> Vec<&'d Workspace> {
    data.workspaces
        .values()
        .filter(|w| {
            w.settled_by.as_ref().is_some_and(|a| server_mock::store::data::cloud_key(a) == key)
        })
        .collect()
}

/// The mock holds exactly one workspace named `name`, settled by `key`, whose Billing Center
/// account is `billing` (a username key) and to which `key` is bound.
pub fn one_settled_workspace(data: &Data, key: &str, name: &str, billing: &str) -> Result<()> {
    let settled = settled_by(data, key);
    ensure!(settled.len() == 1, "{key} settles {} workspaces, not 1", settled.len());
    ensure!(settled[0].name.as_str() == name, "{key} settles {:?}", settled[0].name.as_str());
    ensure!(
        data.cloud_bindings.get(key).map(String::as_str) == Some(billing),
        "{key} is bound to {:?}, not {billing}",
        data.cloud_bindings.get(key)
    );
    Ok(())
}

/// What the Billing Center shows `billing` when it logs in (through the mock's API, as a user
/// would be served): exactly one workspace named `name`, paid by the cloud account `key`
/// (`aws:…`, `aliyun:…`, `huawei:…`), shown masked.
pub async fn billing_center_shows(
    j: &Journey,
    billing: &str,
    password: &str,
    key: &str,
    name: &str,
) -> Result<()> {
    let list = j.mock.billing_workspaces(billing, password).await?;
    let (_, id) = key.split_once(':').context("a marketplace:id key")?;
    let named: Vec<_> = list.workspaces.iter().filter(|w| w.name.as_str() == name).collect();
    ensure!(named.len() == 1, "{billing}'s Billing Center lists {} named {name:?}", named.len());
    match &named[0].settlement {
        Settlement::CloudAccount { account, .. } if *account == masked(id) => Ok(()),
        other => bail!("{name:?} is paid by {other:?}, not {}", masked(id)),
    }
}
