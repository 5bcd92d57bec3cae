//! End-to-end journeys in headless Chromium, from a marketplace simulator page to the workspace,
//! against the release build served by the real mock (see the `e2e` crate for the harness). Each
//! journey asserts on what the user sees, then on what the mock holds.

mod aliyun;
mod aws;
mod huawei;
mod keyboard_and_chinese;
mod resilience;
mod tokens;

use e2e::Result;
use server_mock::store::{Data, data::Workspace};

/// How the console shows a cloud account ID: `1234****9012`.
pub fn masked(id: &str) -> String {
    format!("{}****{}", &id[..4], &id[id.len() - 4..])
}

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
    e2e::ensure!(settled.len() == 1, "{key} settles {} workspaces, not 1", settled.len());
    e2e::ensure!(settled[0].name.as_str() == name, "{key} settles {:?}", settled[0].name.as_str());
    e2e::ensure!(
        data.cloud_bindings.get(key).map(String::as_str) == Some(billing),
        "{key} is bound to {:?}, not {billing}",
        data.cloud_bindings.get(key)
    );
    Ok(())
}
