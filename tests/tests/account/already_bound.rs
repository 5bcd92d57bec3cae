//! Already bound: the Billing Center account and its workspaces, Log in directly (Huawei only) and
//! what it says when the server refuses, Go to login elsewhere.

use activation_core::{
    api::{BoundSummary, SessionContext, Settlement, Workspace, WorkspaceState},
    domain::{
        AwsAccountId, HuaweiAccountId, HuaweiTenant, Identity, InstanceId, LicenseArn, ProductCode,
        Site, WorkspaceId, WorkspaceLanguage, WorkspaceName,
    },
    flow::Progress,
};
use app::pages::AlreadyBound;
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

use super::{Fake, link, page_text, shown};

fn workspace(id: &str, name: &str, settlement: Settlement) -> Workspace {
    Workspace {
        id: WorkspaceId::parse(id).unwrap(),
        name: WorkspaceName::parse(name).unwrap(),
        site: Site::Cn4,
        language: WorkspaceLanguage::En,
        settlement,
        state: WorkspaceState::Bound,
    }
}

fn bound_session(identity: Identity) -> SessionContext {
    let paying = Settlement::of(&identity.cloud_account());
    SessionContext {
        identity,
        sites: Site::ALL.to_vec(),
        default_site: Site::Cn4,
        progress: Progress { already_bound: true, ..Progress::default() },
        already_bound: Some(BoundSummary {
            billing_account: "de***er".into(),
            workspaces: vec![
                workspace("ws-prod", "Production", paying.clone()),
                workspace("ws-test", "Staging", paying),
            ],
        }),
        billing_account: None,
        finished: None,
        member: None,
    }
}

fn huawei() -> Identity {
    Identity::Huawei {
        account_id: HuaweiAccountId::parse("0123456789abcdef0123456789abcdef").unwrap(),
        instance_id: InstanceId::parse("inst-0001").unwrap(),
        tenant: HuaweiTenant::parse("acme").unwrap(),
    }
}

fn aws() -> Identity {
    Identity::Aws {
        account_id: AwsAccountId::parse("123456789012").unwrap(),
        product_code: ProductCode::parse("guance-commercial").unwrap(),
        license_arn: LicenseArn::parse("arn:aws:license-manager::123456789012:license:l-01")
            .unwrap(),
    }
}

fn mount_already_bound(identity: Identity) -> Mounted {
    mount_page("/activate/bound-already", REFUSED, Some(bound_session(identity)), || {
        view! { <AlreadyBound/> }
    })
}

#[wasm_bindgen_test]
async fn already_bound_on_huawei_names_the_account_and_logs_in_directly() {
    clear_storage();
    let page = mount_already_bound(huawei());
    let root = &page.root;
    assert_eq!(
        wait_for("heading", || heading(root)).await,
        "This cloud account is already activated"
    );
    assert_eq!(page_text(&test_id(root, "billing-account").unwrap()), "de***er");
    let text = page_text(root);
    for expected in ["Production", "Staging", "Huawei Cloud account 0123****cdef"] {
        assert!(text.contains(expected), "{expected} missing from: {text}");
    }
    assert!(link(root, "Go to login").is_none(), "Huawei logs in directly");
    button(root, "Log in directly").expect("Log in directly").click();
    let failure = shown(root, "failure").await;
    assert!(button(&failure, "Try again").is_some());
    assert_eq!(pathname(), "/activate/bound-already");
}

#[wasm_bindgen_test]
async fn log_in_directly_goes_to_the_workspace_home() {
    clear_storage();
    let _fake = Fake::answering(&[("POST /api/v1/login/direct", 200, r#"{"username":"hw"}"#)]);
    let page = mount_already_bound(huawei());
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    button(root, "Log in directly").unwrap().click();
    wait_for("the workspace home's address", || (pathname() == "/workspace").then_some(())).await;
}

#[wasm_bindgen_test]
async fn log_in_directly_is_busy_while_it_runs_and_a_double_click_sends_once() {
    clear_storage();
    let fake = Fake::answering(&[("POST /api/v1/login/direct", 0, "")]);
    let page = mount_already_bound(huawei());
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    let direct = button(root, "Log in directly").unwrap();
    direct.click();
    direct.click();
    busy(&direct).await;
    assert_eq!(fake.count("POST /api/v1/login/direct"), 1);
}

#[wasm_bindgen_test]
async fn log_in_directly_says_what_the_server_refused_and_when_to_try_again() {
    let refusals = [
        (503, r#"{"code":"unavailable"}"#, "busy or unavailable right now", true),
        (401, r#"{"code":"session_expired"}"#, "activation session has expired", false),
    ];
    for (status, body, said, retry) in refusals {
        clear_storage();
        let _fake = Fake::answering(&[("POST /api/v1/login/direct", status, body)]);
        let page = mount_already_bound(huawei());
        let root = &page.root;
        wait_for("heading", || heading(root)).await;
        button(root, "Log in directly").unwrap().click();
        let failure = shown(root, "failure").await;
        assert!(page_text(&failure).contains(said), "{status}: {}", page_text(&failure));
        assert_eq!(button(&failure, "Try again").is_some(), retry, "{status}");
        assert_eq!(pathname(), "/activate/bound-already");
        let direct = button(root, "Log in directly").unwrap();
        assert!(!direct.has_attribute("disabled"), "{status}: usable again");
    }
}

#[wasm_bindgen_test]
async fn already_bound_elsewhere_offers_go_to_login() {
    clear_storage();
    let page = mount_already_bound(aws());
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    let go = link(root, "Go to login").expect("Go to login");
    assert_eq!(go.get_attribute("href").as_deref(), Some("/login"));
    assert!(button(root, "Log in directly").is_none());
    let text = page_text(root);
    assert!(text.contains("AWS account 1234****9012") && text.contains("Staging"), "{text}");
}

/// Issue 19: a member who linked no Guance account of their own is told so, and Go to login
/// takes the place of Log in directly.
#[wasm_bindgen_test]
async fn log_in_directly_unavailable_for_this_member_offers_go_to_login_instead() {
    clear_storage();
    let body = r#"{"code":"direct_login_unavailable"}"#;
    let _fake = Fake::answering(&[("POST /api/v1/login/direct", 409, body)]);
    let page = mount_already_bound(huawei());
    let root = &page.root;
    wait_for("heading", || heading(root)).await;
    button(root, "Log in directly").unwrap().click();
    let said = shown(root, "direct-login-unavailable").await;
    assert!(
        page_text(&said).contains("Log in with your username and password"),
        "{}",
        page_text(&said)
    );
    assert!(link(root, "Go to login").is_some(), "Go to login is offered");
    assert!(button(root, "Log in directly").is_none(), "no second try that cannot work");
    assert_eq!(pathname(), "/activate/bound-already");
}
