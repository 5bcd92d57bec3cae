//! Huawei (issue 19): the partner-service member's account, which the unified login handed over,
//! pre-fills Register's Username; the buyer may change it, and what they type is kept.

use activation_core::{api::SessionContext, domain::HuaweiMember, flow::Progress};
use app::pages;
use browser_tests::*;
use leptos::prelude::*;
use wasm_bindgen_test::*;

fn with_member(member: Option<&str>) -> SessionContext {
    SessionContext {
        member: member.map(|m| HuaweiMember::parse(m).unwrap()),
        ..session_of(huawei(), Progress::default())
    }
}

fn basic(session: SessionContext) -> Mounted {
    mount_page("/activate/register/basic", REFUSED, Some(session), || {
        view! { <pages::RegisterBasic/> }
    })
}

#[wasm_bindgen_test]
async fn the_huawei_member_account_pre_fills_the_username_which_stays_editable() {
    clear_storage();
    let page = basic(with_member(Some("hw_member01")));
    let root = &page.root;
    let username = wait_for("username", || by_label(root, "Username")).await;
    wait_for("pre-filled", || (value_of(&username) == "hw_member01").then_some(())).await;
    assert!(username.get_attribute("readonly").is_none(), "the username is editable");
    assert!(username.get_attribute("disabled").is_none(), "the username is editable");
    type_into(&username, "my_own_name");
    wait_for("the draft saved", || {
        let storage = web_sys::window()?.session_storage().ok()??;
        storage.get_item("activation.basic").ok()??.contains("my_own_name").then_some(())
    })
    .await;
    drop(page);

    // Back on the page (the draft kept): what the buyer typed, not the member account again.
    let page = basic(with_member(Some("hw_member01")));
    let username = wait_for("username", || by_label(&page.root, "Username")).await;
    settled(&page.root).await;
    assert_eq!(value_of(&username), "my_own_name");
}

#[wasm_bindgen_test]
async fn without_a_member_the_username_starts_empty() {
    clear_storage();
    let page = basic(with_member(None));
    let username = wait_for("username", || by_label(&page.root, "Username")).await;
    settled(&page.root).await;
    assert_eq!(value_of(&username), "");
}
