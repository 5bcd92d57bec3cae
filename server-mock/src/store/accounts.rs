//! What activation creates: the console and Billing Center accounts of a registration (or only the
//! Billing Center account, for an email that already has a console account), workspaces,
//! and the binding of a cloud account to the Billing Center account that settles for it. Each
//! function checks what is already taken before it changes anything, so a refusal leaves the data
//! as it was.

use activation_core::{
    FieldError, FieldErrors, FieldId,
    api::{Activation, ApiError, Settlement, Workspace as WorkspaceView, WorkspaceState},
    domain::{CloudAccount, Email, Site, Username, WorkspaceId, WorkspaceLanguage, WorkspaceName},
    draft::{ActivationMethod, Owner},
};

use super::{
    data::{
        BillingAccount, Data, GuanceAccount, PendingAccount, PendingCompany, Workspace, cloud_key,
    },
    random_token,
};

/// Register step 1: whose the new account is. The email of an existing Guance console account
/// that has no Billing Center account is not a dead end: that console account (its key, returned)
/// gets the new workspace, and the registration makes only the Billing Center account, named by
/// the typed username (which may be the console account's own). Refuses a username anyone else
/// has, and an email that already has a Billing Center account (bind that one instead).
pub fn registration_owner(
    data: &Data,
    username: &Username,
    email: &Email,
) -> Result<Option<String>, ApiError> {
    if email_has_billing_account(data, email) {
        return Err(ApiError::EmailTaken);
    }
    let owner = data.guance.iter().find(|(_, a)| &a.email == email).map(|(key, _)| key.clone());
    let has_billing = |key: &str| data.billing.contains_key(key);
    let key = username.unique_key();
    let own_name = owner.as_deref() == Some(key.as_str());
    if has_billing(&key) || (data.guance.contains_key(&key) && !own_name) {
        return Err(ApiError::UsernameTaken);
    }
    Ok(owner)
}

/// Whether this email is a Billing Center account's, or a console account's that has one:
/// Register refuses it (`email_taken`: bind that account instead). A console account without a
/// Billing Center account does not count.
pub fn email_has_billing_account(data: &Data, email: &Email) -> bool {
    data.billing.values().any(|b| &b.email == email)
        || data.guance.iter().any(|(key, a)| &a.email == email && data.billing.contains_key(key))
}

/// Register's last step: the Billing Center account (and, unless the email belongs to an existing
/// console account, the console account with the same username and password) from steps 1 and 2,
/// the first workspace named in `method`, owned by that console account and settled by `account`,
/// and `account` bound to the Billing Center account. Refuses a cloud account bound meanwhile, and
/// a username or email taken since step 1. Returns the summary the app shows.
pub fn register(
    data: &mut Data,
    basic: &PendingAccount,
    company: &PendingCompany,
    method: ActivationMethod,
    account: &CloudAccount,
) -> Result<Activation, ApiError> {
    if data.billing_of(account).is_some() {
        return Err(ApiError::CloudAccountAlreadyBound);
    }
    let owner = registration_owner(data, &basic.username, &basic.email)?;
    if owner != basic.guance_owner {
        // The email's console account appeared or went since step 1.
        return Err(ApiError::EmailTaken);
    }
    let key = basic.username.unique_key();
    let owner = owner.unwrap_or_else(|| key.clone());
    let name_key = method.workspace_name.unique_key();
    if data.workspaces.values().any(|w| w.owner == owner && w.name.unique_key() == name_key) {
        return Err(ApiError::WorkspaceNameTaken);
    }
    if basic.guance_owner.is_none() {
        data.guance.insert(
            key.clone(),
            GuanceAccount {
                username: basic.username.clone(),
                email: basic.email.clone(),
                phone: basic.phone.clone(),
                password_hash: basic.password_hash.clone(),
            },
        );
    }
    data.billing.insert(
        key.clone(),
        BillingAccount {
            username: basic.username.clone(),
            email: basic.email.clone(),
            password_hash: basic.password_hash.clone(),
            company: Some(company.company.clone()),
            industry: company.industry,
            contact: company.contact.clone(),
        },
    );
    let new = NewWorkspace {
        name: method.workspace_name,
        site: basic.site,
        language: method.workspace_language,
    };
    let id = create_workspace(data, new, &owner, &key);
    let view = settle(data, &id, &key, account);
    Ok(Activation {
        billing_account: basic.username.to_string(),
        workspaces: vec![view],
        settlement: Settlement::of(account),
    })
}

/// After a registration into existing console account `owner`: its workspaces but `new` (the one
/// just created), as the binding screen shows them: bindable while no Billing Center account has
/// them, bound once settled by `account` for `billing`, otherwise settled elsewhere.
pub fn offered(
    data: &Data,
    owner: &str,
    billing: &str,
    account: &CloudAccount,
    new: &WorkspaceId,
) -> Vec<WorkspaceView> {
    data.workspaces
        .values()
        .filter(|w| w.owner == owner && &w.id != new)
        .map(|w| {
            let mut view = w.view(Some(account));
            view.state = match (&w.billing, &w.settled_by) {
                (None, _) => WorkspaceState::Bindable,
                (Some(b), Some(by)) if b == billing && by == account => WorkspaceState::Bound,
                _ => WorkspaceState::SettledElsewhere,
            };
            view
        })
        .collect()
}

/// Binds offered workspace `id` (see [`offered`]): it joins Billing Center account `billing` and
/// is settled by `account`. Binding a bound one again answers the same; one that is not the
/// owner's is `not_found`, one another Billing Center account has is `workspace_settled_elsewhere`.
pub fn bind_offered(
    data: &mut Data,
    owner: &str,
    billing: &str,
    account: &CloudAccount,
    id: &WorkspaceId,
) -> Result<WorkspaceView, ApiError> {
    let workspace =
        data.workspaces.get(id).filter(|w| w.owner == owner).ok_or(ApiError::NotFound)?;
    match &workspace.billing {
        None => {}
        Some(b) if b == billing && workspace.settled_by.as_ref() == Some(account) => {}
        Some(_) => return Err(ApiError::WorkspaceSettledElsewhere),
    }
    if let Some(workspace) = data.workspaces.get_mut(id) {
        workspace.billing = Some(billing.to_owned());
    }
    Ok(settle(data, id, billing, account))
}

/// Create workspace (bind path): the key and email of the console account that will own the new
/// workspace, an existing one found by its email or a new one whose username and email are free;
/// refuses a name that owner already uses. Changes nothing.
pub fn new_workspace_owner(
    data: &Data,
    owner: &Owner,
    name: &WorkspaceName,
) -> Result<(String, Email), ApiError> {
    let (key, email) = match owner {
        Owner::Existing { email } => {
            let (key, _) =
                data.guance.iter().find(|(_, a)| &a.email == email).ok_or_else(|| {
                    ApiError::from(FieldErrors::single(FieldId::Email, FieldError::UnknownAccount))
                })?;
            (key.clone(), email.clone())
        }
        Owner::New { username, email, .. } => {
            if data.username_taken(username) {
                return Err(ApiError::UsernameTaken);
            }
            if data.email_taken(email) {
                return Err(ApiError::EmailTaken);
            }
            (username.unique_key(), email.clone())
        }
    };
    let name_key = name.unique_key();
    if data.workspaces.values().any(|w| w.owner == key && w.name.unique_key() == name_key) {
        return Err(ApiError::WorkspaceNameTaken);
    }
    Ok((key, email))
}

/// Adds the console account of a new owner (the "I don't have a Guance account" tab), under the
/// key [`new_workspace_owner`] gave; an existing owner needs nothing.
pub fn add_new_owner(data: &mut Data, owner: &Owner, key: &str, password_hash: Option<&str>) {
    if let (Owner::New { username, email, phone, .. }, Some(hash)) = (owner, password_hash) {
        data.guance.insert(
            key.to_owned(),
            GuanceAccount {
                username: username.clone(),
                email: email.clone(),
                phone: phone.clone(),
                password_hash: hash.to_owned(),
            },
        );
    }
}

/// A workspace as its creator describes it.
#[derive(Debug, Clone)]
pub struct NewWorkspace {
    pub name: WorkspaceName,
    pub site: Site,
    pub language: WorkspaceLanguage,
}

/// Adds a workspace owned by console account `owner`, in Billing Center account `billing`, with
/// a fresh DataKit token, settled by nobody yet; returns its new ID.
pub fn create_workspace(
    data: &mut Data,
    workspace: NewWorkspace,
    owner: &str,
    billing: &str,
) -> WorkspaceId {
    let id = data.new_workspace_id();
    data.workspaces.insert(
        id.clone(),
        Workspace {
            id: id.clone(),
            name: workspace.name,
            site: workspace.site,
            language: workspace.language,
            owner: owner.to_owned(),
            billing: Some(billing.to_owned()),
            settled_by: None,
            datakit_token: format!("tkn_{}", random_token()),
            activated: 0,
        },
    );
    id
}

/// Settles workspace `id` by `account` and binds `account` to Billing Center account `billing`;
/// returns the workspace as `account` sees it. The caller checked that the workspace exists.
pub fn settle(
    data: &mut Data,
    id: &WorkspaceId,
    billing: &str,
    account: &CloudAccount,
) -> WorkspaceView {
    data.cloud_bindings.insert(cloud_key(account), billing.to_owned());
    let latest = data.workspaces.values().map(|w| w.activated).max().unwrap_or(0);
    let workspace = data.workspaces.get_mut(id).expect("caller checked the workspace exists");
    workspace.settled_by = Some(account.clone());
    workspace.activated = latest + 1;
    workspace.view(Some(account))
}

#[cfg(test)]
#[path = "accounts_tests.rs"]
mod tests;
