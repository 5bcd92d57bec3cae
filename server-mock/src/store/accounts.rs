//! What activation creates: the console and Billing Center accounts of a registration, workspaces,
//! and the binding of a cloud account to the Billing Center account that settles for it. Each
//! function checks what is already taken before it changes anything, so a refusal leaves the data
//! as it was.

use activation_core::{
    FieldError, FieldErrors, FieldId,
    api::{Activation, ApiError, Settlement, Workspace as WorkspaceView},
    domain::{CloudAccount, Email, Site, WorkspaceId, WorkspaceLanguage, WorkspaceName},
    draft::{ActivationMethod, Owner},
};

use super::{
    data::{
        BillingAccount, Data, GuanceAccount, PendingAccount, PendingCompany, Workspace, cloud_key,
    },
    random_token,
};

/// Register's last step: the console account and its Billing Center account (one username, one
/// password) from steps 1 and 2, their first workspace named in `method`, settled by `account`,
/// and `account` bound to them. Refuses a cloud account bound meanwhile, and a username or email
/// taken since step 1. Returns the summary the app shows.
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
    if data.username_taken(&basic.username) {
        return Err(ApiError::UsernameTaken);
    }
    if data.email_taken(&basic.email) {
        return Err(ApiError::EmailTaken);
    }
    let key = basic.username.unique_key();
    data.guance.insert(
        key.clone(),
        GuanceAccount {
            username: basic.username.clone(),
            email: basic.email.clone(),
            phone: basic.phone.clone(),
            password_hash: basic.password_hash.clone(),
        },
    );
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
    let id = create_workspace(data, new, &key, &key);
    let view = settle(data, &id, &key, account);
    Ok(Activation {
        billing_account: basic.username.to_string(),
        workspaces: vec![view],
        settlement: Settlement::of(account),
    })
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
mod tests {
    use activation_core::{
        api::WorkspaceState,
        domain::{AwsAccountId, CompanyName, Email, HuaweiAccountId, Username},
    };

    use super::*;

    fn aws(id: &str) -> CloudAccount {
        CloudAccount::Aws(AwsAccountId::parse(id).unwrap())
    }

    fn basic(username: &str, email: &str) -> PendingAccount {
        PendingAccount {
            site: Site::Cn2,
            username: Username::parse(username).unwrap(),
            email: Email::parse(email).unwrap(),
            phone: None,
            password_hash: "hash of the password".to_owned(),
        }
    }

    fn company() -> PendingCompany {
        PendingCompany {
            company: CompanyName::parse("Acme Ltd").unwrap(),
            industry: None,
            contact: None,
        }
    }

    fn method(name: &str) -> ActivationMethod {
        ActivationMethod {
            workspace_name: WorkspaceName::parse(name).unwrap(),
            workspace_language: WorkspaceLanguage::En,
        }
    }

    /// `data` after registering `username` (`<username>@example.com`) with AWS account `id`.
    fn registered(username: &str, id: &str) -> Data {
        let mut data = Data::default();
        let email = format!("{username}@example.com");
        register(&mut data, &basic(username, &email), &company(), method("Prod"), &aws(id))
            .unwrap();
        data
    }

    #[test]
    fn register_creates_both_accounts_under_one_username_and_password() {
        let data = registered("alice", "123456789012");
        let console = &data.guance["alice"];
        let billing = &data.billing["alice"];
        assert_eq!((console.username.as_str(), billing.username.as_str()), ("alice", "alice"));
        assert_eq!(console.password_hash, billing.password_hash);
        assert_eq!(console.email, billing.email);
        assert_eq!(billing.company.as_ref().map(CompanyName::as_str), Some("Acme Ltd"));
    }

    #[test]
    fn register_settles_the_first_workspace_by_the_cloud_account_and_binds_it() {
        let mut data = Data::default();
        let account = aws("123456789012");
        let summary = register(
            &mut data,
            &basic("alice", "alice@example.com"),
            &company(),
            method("Prod"),
            &account,
        )
        .unwrap();
        assert_eq!(summary.billing_account, "alice");
        assert_eq!(summary.settlement, Settlement::of(&account));
        let [view] = summary.workspaces.as_slice() else { panic!("{summary:?}") };
        assert_eq!((view.name.as_str(), view.site), ("Prod", Site::Cn2));
        assert_eq!(view.state, WorkspaceState::Bound);
        let stored = &data.workspaces[&view.id];
        assert_eq!((stored.owner.as_str(), stored.billing.as_deref()), ("alice", Some("alice")));
        assert_eq!(stored.settled_by.as_ref(), Some(&account));
        assert_eq!(data.billing_of(&account).map(String::as_str), Some("alice"));
    }

    #[test]
    fn register_refuses_a_cloud_account_bound_meanwhile_and_changes_nothing() {
        let mut data = registered("alice", "123456789012");
        let before = serde_json::to_string(&data).unwrap();
        let again = register(
            &mut data,
            &basic("robert", "robert@example.com"),
            &company(),
            method("Prod"),
            &aws("123456789012"),
        );
        assert_eq!(again, Err(ApiError::CloudAccountAlreadyBound));
        assert_eq!(serde_json::to_string(&data).unwrap(), before);
    }

    #[test]
    fn register_refuses_a_username_or_email_taken_since_step_one() {
        let mut data = registered("alice", "123456789012");
        let before = serde_json::to_string(&data).unwrap();
        let other = aws("210987654321");
        let cases = [
            (basic("ALICE", "new@example.com"), ApiError::UsernameTaken),
            (basic("carol", "alice@example.com"), ApiError::EmailTaken),
        ];
        for (basic, refused) in cases {
            let result = register(&mut data, &basic, &company(), method("Prod"), &other);
            assert_eq!(result, Err(refused));
        }
        assert_eq!(serde_json::to_string(&data).unwrap(), before);
    }

    #[test]
    fn created_workspaces_get_their_own_ids_and_tokens_and_no_settler() {
        let mut data = Data::default();
        let new = NewWorkspace {
            name: WorkspaceName::parse("Staging").unwrap(),
            site: Site::Us1,
            language: WorkspaceLanguage::En,
        };
        let first = create_workspace(&mut data, new.clone(), "owner", "billing");
        let second = create_workspace(&mut data, new, "owner", "billing");
        assert_ne!(first, second);
        let (a, b) = (&data.workspaces[&first], &data.workspaces[&second]);
        assert_ne!(a.datakit_token, b.datakit_token);
        assert!(a.datakit_token.starts_with("tkn_"), "{}", a.datakit_token);
        assert_eq!((a.settled_by.as_ref(), a.billing.as_deref()), (None, Some("billing")));
        assert!(data.cloud_bindings.is_empty());
    }

    #[test]
    fn settle_binds_the_cloud_account_to_the_billing_account() {
        let mut data = Data::default();
        let new = NewWorkspace {
            name: WorkspaceName::parse("Staging").unwrap(),
            site: Site::Cn4,
            language: WorkspaceLanguage::En,
        };
        let id = create_workspace(&mut data, new, "owner", "billing");
        let account = CloudAccount::Huawei(
            HuaweiAccountId::parse("0123456789abcdef0123456789abcdef").unwrap(),
        );
        let view = settle(&mut data, &id, "billing", &account);
        assert_eq!(view.state, WorkspaceState::Bound);
        assert_eq!(data.workspaces[&id].settled_by.as_ref(), Some(&account));
        assert_eq!(data.billing_of(&account).map(String::as_str), Some("billing"));
    }

    fn new_owner(username: &str, email: &str) -> Owner {
        Owner::New {
            username: Username::parse(username).unwrap(),
            password: activation_core::domain::Password::parse("Blue-Harbor-2041").unwrap(),
            email: Email::parse(email).unwrap(),
            phone: None,
        }
    }

    #[test]
    fn a_new_workspaces_owner_is_found_by_email_or_must_be_free_and_not_use_the_name() {
        let mut data = Data::default();
        register(
            &mut data,
            &basic("alice", "alice@example.com"),
            &company(),
            method("Prod"),
            &aws("111122223333"),
        )
        .unwrap();
        let before = format!("{:?}", data.guance);
        let name = |n: &str| WorkspaceName::parse(n).unwrap();
        let existing = Owner::Existing { email: Email::parse("alice@example.com").unwrap() };
        assert_eq!(
            new_workspace_owner(&data, &existing, &name("Ops")).unwrap(),
            ("alice".to_owned(), Email::parse("alice@example.com").unwrap())
        );
        assert_eq!(
            new_workspace_owner(&data, &existing, &name("prod")),
            Err(ApiError::WorkspaceNameTaken),
            "names are unique per owner, case-insensitive"
        );
        let nobody = Owner::Existing { email: Email::parse("nobody@example.com").unwrap() };
        assert_eq!(
            new_workspace_owner(&data, &nobody, &name("Ops")),
            Err(ApiError::from(FieldErrors::single(FieldId::Email, FieldError::UnknownAccount)))
        );
        let taken = new_owner("Alice", "bob@example.com");
        assert_eq!(new_workspace_owner(&data, &taken, &name("Ops")), Err(ApiError::UsernameTaken));
        let taken = new_owner("bobby", "alice@example.com");
        assert_eq!(new_workspace_owner(&data, &taken, &name("Ops")), Err(ApiError::EmailTaken));
        let bob = new_owner("bobby", "bob@example.com");
        let (key, _) = new_workspace_owner(&data, &bob, &name("Prod")).unwrap();
        assert_eq!(format!("{:?}", data.guance), before, "finding an owner changes nothing");
        add_new_owner(&mut data, &bob, &key, Some("hash"));
        assert!(data.guance.contains_key("bobby"));
        add_new_owner(&mut data, &existing, "alice", None);
        assert_eq!(data.guance.len(), 2, "an existing owner adds no account");
    }
}
