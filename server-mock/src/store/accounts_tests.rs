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
        guance_owner: None,
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
    register(&mut data, &basic(username, &email), &company(), method("Prod"), &aws(id)).unwrap();
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
    let account =
        CloudAccount::Huawei(HuaweiAccountId::parse("0123456789abcdef0123456789abcdef").unwrap());
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

/// `data` with console account `carol` (a free-plan user: no Billing Center account) owning
/// workspaces "Free" and "Lab", and `dave`'s Billing Center account holding carol's "Shared".
fn free_plan_user() -> Data {
    let mut data = registered("dave", "111122223333");
    data.guance.insert(
        "carol".to_owned(),
        GuanceAccount {
            username: Username::parse("carol").unwrap(),
            email: Email::parse("carol@example.com").unwrap(),
            phone: None,
            password_hash: "carol's own hash".to_owned(),
        },
    );
    for name in ["Free", "Lab"] {
        let new = NewWorkspace {
            name: WorkspaceName::parse(name).unwrap(),
            site: Site::Cn1,
            language: WorkspaceLanguage::En,
        };
        let id = create_workspace(&mut data, new, "carol", "nobody");
        data.workspaces.get_mut(&id).unwrap().billing = None;
    }
    let shared = NewWorkspace {
        name: WorkspaceName::parse("Shared").unwrap(),
        site: Site::Cn1,
        language: WorkspaceLanguage::En,
    };
    create_workspace(&mut data, shared, "carol", "dave");
    data
}

fn carol_registers(username: &str) -> PendingAccount {
    PendingAccount {
        guance_owner: Some("carol".to_owned()),
        ..basic(username, "carol@example.com")
    }
}

#[test]
fn an_email_of_a_console_account_without_a_billing_center_account_names_that_account() {
    let data = free_plan_user();
    let email = |e: &str| Email::parse(e).unwrap();
    let name = |n: &str| Username::parse(n).unwrap();
    let found = registration_owner(&data, &name("carol_billing"), &email("CAROL@example.com"));
    assert_eq!(found, Ok(Some("carol".to_owned())));
    assert_eq!(
        registration_owner(&data, &name("Carol"), &email("carol@example.com")),
        Ok(Some("carol".to_owned())),
        "the console account's own username may name its Billing Center account"
    );
    assert_eq!(
        registration_owner(&data, &name("dave"), &email("carol@example.com")),
        Err(ApiError::UsernameTaken)
    );
    assert_eq!(
        registration_owner(&data, &name("newbie"), &email("dave@example.com")),
        Err(ApiError::EmailTaken),
        "an email that has a Billing Center account binds it instead"
    );
    assert_eq!(registration_owner(&data, &name("newbie"), &email("new@example.com")), Ok(None));
}

#[test]
fn registering_with_a_console_accounts_email_adds_the_workspace_to_it_and_only_a_billing_account() {
    let mut data = free_plan_user();
    let account = aws("123456789012");
    let summary = register(
        &mut data,
        &carol_registers("carol_billing"),
        &company(),
        method("Prod"),
        &account,
    )
    .unwrap();
    assert_eq!(summary.billing_account, "carol_billing");
    let stored = &data.workspaces[&summary.workspaces[0].id];
    assert_eq!(
        (stored.owner.as_str(), stored.billing.as_deref()),
        ("carol", Some("carol_billing"))
    );
    assert!(!data.guance.contains_key("carol_billing"), "no second console account");
    assert_eq!(data.guance["carol"].password_hash, "carol's own hash", "the console login is kept");
    assert_eq!(data.billing["carol_billing"].password_hash, "hash of the password");
    assert_eq!(data.billing_of(&account).map(String::as_str), Some("carol_billing"));
}

#[test]
fn a_registration_into_a_console_account_refuses_a_name_it_already_uses() {
    let mut data = free_plan_user();
    let before = serde_json::to_string(&data).unwrap();
    let again = register(
        &mut data,
        &carol_registers("carol"),
        &company(),
        method("lab"),
        &aws("123456789012"),
    );
    assert_eq!(again, Err(ApiError::WorkspaceNameTaken));
    assert_eq!(serde_json::to_string(&data).unwrap(), before);
}

#[test]
fn the_console_accounts_other_workspaces_are_offered_and_bind_to_the_new_billing_account() {
    let mut data = free_plan_user();
    let account = aws("123456789012");
    let summary =
        register(&mut data, &carol_registers("carol"), &company(), method("Prod"), &account)
            .unwrap();
    let new = summary.workspaces[0].id.clone();
    let states = |data: &Data| -> Vec<(String, WorkspaceState)> {
        offered(data, "carol", "carol", &account, &new)
            .into_iter()
            .map(|w| (w.name.to_string(), w.state))
            .collect()
    };
    assert_eq!(
        states(&data),
        [
            ("Free".to_owned(), WorkspaceState::Bindable),
            ("Lab".to_owned(), WorkspaceState::Bindable),
            ("Shared".to_owned(), WorkspaceState::SettledElsewhere),
        ]
    );
    let free = data.workspaces.values().find(|w| w.name.as_str() == "Free").unwrap().id.clone();
    let view = bind_offered(&mut data, "carol", "carol", &account, &free).unwrap();
    assert_eq!(view.state, WorkspaceState::Bound);
    assert_eq!(data.workspaces[&free].billing.as_deref(), Some("carol"));
    assert_eq!(data.workspaces[&free].settled_by.as_ref(), Some(&account));
    assert_eq!(states(&data)[0], ("Free".to_owned(), WorkspaceState::Bound));
    assert_eq!(bind_offered(&mut data, "carol", "carol", &account, &free), Ok(view), "again: same");
    let shared = data.workspaces.values().find(|w| w.name.as_str() == "Shared").unwrap().id.clone();
    assert_eq!(
        bind_offered(&mut data, "carol", "carol", &account, &shared),
        Err(ApiError::WorkspaceSettledElsewhere)
    );
    let daves = data.workspaces.values().find(|w| w.owner == "dave").unwrap().id.clone();
    assert_eq!(
        bind_offered(&mut data, "carol", "carol", &account, &daves),
        Err(ApiError::NotFound)
    );
}
