//! Activation method (each marketplace's IDs, read only; the workspace name; Activate) and the
//! summary it leads to.

use activation_core::{
    api::{Activation, Settlement, Workspace, WorkspaceState},
    domain::{Identity, Site, WorkspaceId, WorkspaceLanguage, WorkspaceName},
    flow::Progress,
};
use app::pages;
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

use super::{fake, session};

fn method(identity: Identity) -> Mounted {
    mount_page("/activate/register/method", REFUSED, Some(session(identity)), || {
        view! { <pages::RegisterMethod/> }
    })
}

#[wasm_bindgen_test]
async fn activate_flags_an_empty_workspace_name_and_the_flag_clears_once_it_is_typed() {
    clear_storage();
    let page = method(aws());
    let root = &page.root;
    let name = wait_for("form", || by_label(root, "Workspace name")).await;
    button(root, "Activate").unwrap().click();
    wait_for("name flagged", || by_label(root, "Workspace name").filter(is_invalid)).await;
    let summary = wait_for("summary", || test_id(root, "error-summary").filter(is_shown)).await;
    assert!(summary.inner_text().contains("Workspace name"), "{}", summary.inner_text());
    assert!(!is_invalid(&by_label(root, "Workspace language").unwrap()), "it is pre-filled");
    type_into(&name, "Production");
    wait_for("name fixed", || by_label(root, "Workspace name").filter(|c| !is_invalid(c))).await;
}

#[wasm_bindgen_test]
async fn activate_is_busy_while_it_runs_sends_once_with_a_key_and_names_a_taken_workspace() {
    clear_storage();
    let fake = fake::Fake::install(300);
    fake.route("POST /api/v1/register/activate", 409, r#"{"code":"workspace_name_taken"}"#);
    let page = method(aws());
    let root = &page.root;
    type_into(&wait_for("form", || by_label(root, "Workspace name")).await, "Production");
    let activate = button(root, "Activate").unwrap();
    activate.click();
    activate.click();
    busy(&activate).await;
    let name = wait_for("taken", || by_label(root, "Workspace name").filter(is_invalid)).await;
    assert!(
        root.inner_text().contains("You already have a workspace with this name."),
        "{}",
        root.inner_text()
    );
    assert_eq!(value_of(&name), "Production", "what was typed is kept");
    assert!(button(root, "Try again").is_none(), "the same name again cannot help");
    let calls: Vec<String> = fake
        .calls()
        .into_iter()
        .filter(|c| c.starts_with("POST /api/v1/register/activate"))
        .collect();
    assert_eq!(calls.len(), 1, "{calls:?}");
    assert!(calls[0].split(' ').nth(2).is_some_and(|key| !key.is_empty()), "no key: {calls:?}");
    wait_for("idle", || (!activate.has_attribute("disabled")).then_some(())).await;
}

#[wasm_bindgen_test]
async fn activation_method_asks_each_marketplace_for_its_ids_read_only() {
    clear_storage();
    for (identity, expected, absent) in [
        (aws(), vec![], vec!["Account ID", "Product Instance ID", "Huawei Cloud Account ID"]),
        (
            aliyun(),
            vec![("Account ID", "1234567812345678"), ("Product Instance ID", "cmgj00053362-abc")],
            vec!["Huawei Cloud Account ID"],
        ),
        (
            huawei(),
            vec![("Huawei Cloud Account ID", "0123456789abcdef0123456789abcdef")],
            vec!["Account ID", "Product Instance ID"],
        ),
    ] {
        let page =
            mount_page("/activate/register/method", REFUSED, Some(session(identity)), || {
                view! { <pages::RegisterMethod/> }
            });
        let root = &page.root;
        assert_eq!(wait_for("heading", || heading(root)).await, "Activation method");
        assert!(by_label(root, "Workspace name").is_some());
        assert!(by_label(root, "Workspace language").is_some());
        assert!(root.inner_text().contains("cannot be changed later"));
        assert!(button(root, "Activate").is_some());
        for (label, value) in &expected {
            let input = by_label(root, label).unwrap_or_else(|| panic!("no {label}"));
            wait_for(label, || (value_of(&input) == *value).then_some(())).await;
            assert!(input.has_attribute("readonly"), "{label} must be read-only");
        }
        if !expected.is_empty() {
            // A value already filled in has nothing to find: the field says where it came from,
            // and the help says where the marketplace shows it.
            assert!(by_text(root, "a", "How do I find this?").is_none());
            let help = by_text(root, "a", "Where the marketplace shows it").expect("help");
            assert!(help.get_attribute("href").unwrap().starts_with("/help/"));
            let (label, _) = expected[0];
            let input = by_label(root, label).unwrap();
            let described = input.get_attribute("aria-describedby").unwrap_or_default();
            let source = described
                .split_whitespace()
                .filter_map(|id| document().get_element_by_id(id))
                .map(|e| e.text_content().unwrap_or_default())
                .collect::<String>();
            assert!(source.starts_with("From your "), "{label} is described by {source:?}");
            assert!(source.contains("purchase"), "{source}");
        }
        for label in absent {
            assert!(by_label(root, label).is_none(), "unexpected {label}");
        }
    }
}

#[wasm_bindgen_test]
async fn the_summary_names_the_workspace_site_and_paying_account() {
    clear_storage();
    let mut ctx = session(aws());
    ctx.progress = Progress { activated: true, ..ctx.progress };
    ctx.finished = Some(Activation {
        billing_account: "alice".into(),
        workspaces: vec![Workspace {
            id: WorkspaceId::parse("ws_000001").unwrap(),
            name: WorkspaceName::parse("Production").unwrap(),
            site: Site::Us1,
            language: WorkspaceLanguage::En,
            settlement: Settlement::CloudAccount {
                marketplace: activation_core::domain::Marketplace::Aws,
                account: "1234****9012".into(),
            },
            state: WorkspaceState::Bound,
        }],
        settlement: Settlement::CloudAccount {
            marketplace: activation_core::domain::Marketplace::Aws,
            account: "1234****9012".into(),
        },
    });
    let page =
        mount_page("/activate/register/done", REFUSED, Some(ctx), || view! { <pages::Activated/> });
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "Your Commercial Plan is activated");
    let text = root.inner_text();
    for expected in [
        "alice",
        "Production",
        "Overseas 1 (Oregon)",
        "AWS account 1234****9012",
        "Workspace management",
    ] {
        assert!(text.contains(expected), "missing {expected}: {text}");
    }
    assert_eq!(
        by_text(root, "a", "Go to login").unwrap().get_attribute("href").as_deref(),
        Some("/login")
    );
}

#[wasm_bindgen_test]
fn a_chinese_field_message_sets_a_latin_label_apart_with_spaces() {
    use activation_core::field::{FieldError, FieldId};
    use app::i18n::{Lang, field_error};
    let zh = |field, error| field_error(Lang::Zh, field, error);
    let wrong_length = FieldError::WrongLength { len: 16 };
    assert_eq!(zh(FieldId::AliyunAccountId, wrong_length), "账号 ID 必须为 16 位。");
    assert_eq!(zh(FieldId::AwsAccountId, FieldError::Required), "请输入 AWS 账号 ID。");
    let arn = zh(FieldId::AwsLicenseArn, FieldError::InvalidCharacters);
    assert_eq!(arn, "许可证 ARN 包含不允许的字符。");
    // A label of Chinese only takes no space, and neither does punctuation.
    assert_eq!(zh(FieldId::Email, FieldError::Required), "请输入邮箱。");
    let too_long = zh(FieldId::WorkspaceName, FieldError::TooLong { max: 32 });
    assert_eq!(too_long, "工作空间名称最多 32 个字符。");
    assert_eq!(
        field_error(Lang::En, FieldId::AliyunAccountId, wrong_length),
        "Account ID must be exactly 16 characters."
    );
}
