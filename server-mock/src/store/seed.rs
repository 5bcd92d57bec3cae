//! `--seed demo`: a Billing Center account with workspaces, and one already-bound cloud account per
//! marketplace, so a developer can try the bind and "already bound" paths at once.

use activation_core::domain::{
    AliyunAccountId, AwsAccountId, CloudAccount, Email, HuaweiAccountId, Marketplace, Site,
    Username, WorkspaceLanguage, WorkspaceName,
};

use super::{
    data::{BillingAccount, Data, GuanceAccount, Workspace, cloud_key},
    random_token,
};

/// Password of every demo account.
pub const DEMO_PASSWORD: &str = "Demo-Activation-2026";
/// [`DEMO_PASSWORD`]'s argon2id hashes at OWASP's parameters and at the tests' (`--fast-hashes`);
/// the demo accounts get the one new hashes are made with. Made once (argon2-cffi) rather than
/// at every start: the mock starts without three 19 MiB hashes. The demo accounts share them:
/// their password is printed at start anyway.
const DEMO_PASSWORD_HASHES: (&str, &str) = (
    "$argon2id$v=19$m=19456,t=2,p=1$lypmcqz8cVBZDoE6zHHvrA$RnysAm9pvWZhzwcvvMjzGBN/xfeLY9vMU8/E/qyhKPk",
    "$argon2id$v=19$m=1024,t=1,p=1$LNeYrcX5jdf+FtD699NV8A$SmWK5qBhnXv9vASIX46nHK38hfBBJfcaoOEERS/fZkI",
);
/// The Billing Center account with bindable workspaces.
pub const DEMO_BILLING: &str = "demo_billing";
/// The Billing Center account the pre-bound cloud accounts settle for.
pub const BOUND_BILLING: &str = "bound_billing";
/// A Guance console user on the free plan: no Billing Center account, one workspace of its own
/// ("Free Sandbox"), for registering through a marketplace with an existing Guance account.
pub const FREE_USER: &str = "guance_free";
pub const FREE_EMAIL: &str = "free.user@example.com";
/// Cloud accounts that are already bound.
pub const BOUND_AWS: &str = "111122223333";
pub const BOUND_ALIYUN: &str = "1234567890123456";
pub const BOUND_HUAWEI: &str = "0123456789abcdef0123456789abcdef";

/// The already-bound cloud account of `marketplace`.
pub fn bound_account(marketplace: Marketplace) -> CloudAccount {
    match marketplace {
        Marketplace::Aws => CloudAccount::Aws(AwsAccountId::parse(BOUND_AWS).expect("demo id")),
        Marketplace::Aliyun => {
            CloudAccount::Aliyun(AliyunAccountId::parse(BOUND_ALIYUN).expect("demo id"))
        }
        Marketplace::Huawei => {
            CloudAccount::Huawei(HuaweiAccountId::parse(BOUND_HUAWEI).expect("demo id"))
        }
    }
}

fn account(data: &mut Data, username: &str, email: &str) {
    let username = Username::parse(username).expect("demo username");
    let email = Email::parse(email).expect("demo email");
    let hash = super::at_the_parameters_in_use(DEMO_PASSWORD_HASHES).to_owned();
    let key = username.unique_key();
    data.guance.insert(
        key.clone(),
        GuanceAccount {
            username: username.clone(),
            email: email.clone(),
            phone: None,
            password_hash: hash.clone(),
        },
    );
    data.billing.insert(
        key,
        BillingAccount {
            username,
            email,
            password_hash: hash,
            company: None,
            industry: None,
            contact: None,
        },
    );
}

fn workspace(
    data: &mut Data,
    owner: &str,
    name: &str,
    site: Site,
    settled_by: Option<CloudAccount>,
) {
    let id = data.new_workspace_id();
    data.workspaces.insert(
        id.clone(),
        Workspace {
            id,
            name: WorkspaceName::parse(name).expect("demo workspace name"),
            site,
            language: WorkspaceLanguage::En,
            owner: owner.to_owned(),
            billing: Some(owner.to_owned()),
            settled_by,
            datakit_token: format!("tkn_{}", random_token()),
            activated: 0,
        },
    );
}

/// Adds the demo data to `data`.
pub fn demo(data: &mut Data) {
    account(data, DEMO_BILLING, "demo.billing@example.com");
    account(data, BOUND_BILLING, "bound.billing@example.com");
    let other = CloudAccount::Aws(AwsAccountId::parse("999988887777").expect("demo id"));
    workspace(data, DEMO_BILLING, "Demo Production", Site::Cn2, None);
    workspace(data, DEMO_BILLING, "Demo Staging", Site::Us1, None);
    workspace(data, DEMO_BILLING, "Demo Analytics", Site::Cn1, Some(other));
    for marketplace in Marketplace::ALL {
        let account = bound_account(marketplace);
        let name = format!("Bound via {}", marketplace.code());
        data.cloud_bindings.insert(cloud_key(&account), BOUND_BILLING.to_owned());
        let site = marketplace.default_site();
        workspace(data, BOUND_BILLING, &name, site, Some(account));
    }
    // Last, so the workspaces above keep their IDs.
    let free = Username::parse(FREE_USER).expect("demo username");
    data.guance.insert(
        free.unique_key(),
        GuanceAccount {
            username: free,
            email: Email::parse(FREE_EMAIL).expect("demo email"),
            phone: None,
            password_hash: super::at_the_parameters_in_use(DEMO_PASSWORD_HASHES).to_owned(),
        },
    );
    workspace(data, FREE_USER, "Free Sandbox", Site::Cn2, None);
    if let Some(sandbox) = data.workspaces.values_mut().find(|w| w.owner == FREE_USER) {
        sandbox.billing = None;
    }
}

/// What `--seed demo` prints at start-up.
pub fn describe() -> String {
    format!(
        "demo data:\n  Billing Center account {DEMO_BILLING} (email demo.billing@example.com, password {DEMO_PASSWORD})\n    with bindable workspaces \"Demo Production\" and \"Demo Staging\", and \"Demo Analytics\" settled by another AWS account\n  already bound cloud accounts (type them on a simulator page): AWS {BOUND_AWS}, Alibaba {BOUND_ALIYUN}, Huawei {BOUND_HUAWEI}\n    (Billing Center account {BOUND_BILLING}, password {DEMO_PASSWORD})\n  a Guance user without a Billing Center account: {FREE_USER} ({FREE_EMAIL}, password {DEMO_PASSWORD}), workspace \"Free Sandbox\""
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{FAST, OWASP, verify_password};

    #[test]
    fn the_demo_hashes_are_the_demo_passwords_at_each_parameter_set() {
        let (owasp, fast) = DEMO_PASSWORD_HASHES;
        for (hash, (m, t, p)) in [(owasp, OWASP), (fast, FAST)] {
            assert!(verify_password(DEMO_PASSWORD, hash));
            assert!(!verify_password("Demo-Activation-2025", hash));
            assert!(hash.starts_with(&format!("$argon2id$v=19$m={m},t={t},p={p}$")));
        }
    }
}
