//! The buyer's path off the happy road (issue 20), in headless Chromium: the language of a first
//! visit and what follows it (the workspace language's default, the API's `Accept-Language`), the
//! pages of a refused hand-off and of an ended session (which marketplace, where to go there, Log
//! in), the terms page the terms checkboxes link to, and the header's site note.

#![cfg(target_arch = "wasm32")]

#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use activation_core::{
    api::SessionContext,
    flow::{Progress, Step},
};
use app::{
    components::Header,
    i18n::{self, Lang, text},
    pages,
};
use browser_tests::*;
use fake::Fake;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

wasm_bindgen_test_configure!(run_in_browser);

/// The browser's preferred languages are `languages` until dropped (`navigator.languages`, which a
/// real browser takes from its settings).
struct BrowserLanguages;

impl BrowserLanguages {
    fn set(languages: &[&str]) -> BrowserLanguages {
        let list = js_sys::Array::new();
        for tag in languages {
            list.push(&JsValue::from_str(tag));
        }
        js_sys::Function::new_with_args(
            "list",
            "Object.defineProperty(navigator, 'languages', { get: () => list, configurable: true });",
        )
        .call1(&JsValue::NULL, &list)
        .unwrap();
        BrowserLanguages
    }
}

impl Drop for BrowserLanguages {
    fn drop(&mut self) {
        let _ = js_sys::Function::new_no_args("delete navigator.languages;").call0(&JsValue::NULL);
    }
}

fn html_lang() -> String {
    document().document_element().unwrap().get_attribute("lang").unwrap_or_default()
}

fn stored_lang() -> Option<String> {
    window().local_storage().unwrap().unwrap().get_item(i18n::STORAGE_KEY).unwrap()
}

fn remember(lang: Lang) {
    window().local_storage().unwrap().unwrap().set_item(i18n::STORAGE_KEY, lang.tag()).unwrap();
}

fn select_value(select: &HtmlElement) -> String {
    select.unchecked_ref::<web_sys::HtmlSelectElement>().value()
}

// ---- Language ----

#[wasm_bindgen_test]
fn a_browser_that_lists_any_chinese_language_gets_chinese() {
    for (languages, expected) in [
        (&["zh-CN", "zh"][..], Lang::Zh),
        (&["en-US", "zh-TW"][..], Lang::Zh),
        (&["zh-Hant-HK"][..], Lang::Zh),
        (&["ZH"][..], Lang::Zh),
        (&["en-US", "en"][..], Lang::En),
        (&["de-DE", "fr"][..], Lang::En),
        (&["zu"][..], Lang::En),
        (&[][..], Lang::En),
    ] {
        assert_eq!(Lang::of_browser(languages), expected, "{languages:?}");
    }
}

#[wasm_bindgen_test]
async fn a_first_visit_from_a_chinese_browser_is_in_chinese_and_does_not_fix_the_choice() {
    clear_storage();
    let _browser = BrowserLanguages::set(&["zh-CN", "zh", "en"]);
    let page = mount_app("/", REFUSED);
    let root = &page.root;
    let title = wait_for("the start page", || heading(root)).await;
    assert_eq!(title, text::HOME_TITLE.zh);
    assert_eq!(html_lang(), "zh-CN");
    assert!(
        button(root, "中文")
            .is_some_and(|b| b.get_attribute("aria-pressed").as_deref() == Some("true"))
    );
    assert_eq!(stored_lang(), None, "the browser's language is a guess, not a choice");
    // A choice is remembered, and outlives the browser's preference.
    button(root, "English").unwrap().click();
    wait_for("English", || heading(root).filter(|h| h == text::HOME_TITLE.en)).await;
    wait_for("the choice stored", || (stored_lang().as_deref() == Some("en")).then_some(())).await;
    assert_eq!(html_lang(), "en");
    drop(page);
    let page = mount_app("/", REFUSED);
    let title = wait_for("the start page again", || heading(&page.root)).await;
    assert_eq!(title, text::HOME_TITLE.en, "the choice wins over the browser's Chinese");
}

#[wasm_bindgen_test]
async fn a_first_visit_from_an_english_browser_is_in_english() {
    clear_storage();
    let _browser = BrowserLanguages::set(&["en-GB", "en"]);
    let page = mount_app("/", REFUSED);
    let title = wait_for("the start page", || heading(&page.root)).await;
    assert_eq!(title, text::HOME_TITLE.en);
    assert_eq!(html_lang(), "en");
}

/// Activation method for an AWS buyer whose Basic and Company info are done, with the header (and
/// its language switch) above it.
fn method_with_header() -> Mounted {
    let progress =
        Progress { basic_info_done: true, company_info_done: true, ..Progress::default() };
    let session = session_of(aws(), progress);
    mount_page(&Step::RegisterMethod.path(), REFUSED, Some(session), || {
        view! {
            <Header/>
            <pages::RegisterMethod/>
        }
    })
}

#[wasm_bindgen_test]
async fn the_workspace_language_follows_the_ui_language_until_the_user_picks_one() {
    clear_storage();
    remember(Lang::Zh);
    let fake = Fake::install(0);
    let page = method_with_header();
    let root = &page.root;
    let select = wait_for("the form", || by_label(root, "工作空间语言")).await;
    assert_eq!(select_value(&select), "zh", "a Chinese UI suggests Chinese templates");
    button(root, "English").unwrap().click();
    wait_for("English templates", || (select_value(&select) == "en").then_some(())).await;
    button(root, "中文").unwrap().click();
    wait_for("Chinese templates", || (select_value(&select) == "zh").then_some(())).await;
    // What Activate sends is what the select shows.
    type_into(&by_label(root, "工作空间名称").unwrap(), "生产环境");
    button(root, "开通").unwrap().click();
    wait_for("the request", || (fake.count("POST /api/v1/register/activate") == 1).then_some(()))
        .await;
    // The fake records the call at once and its body once read: wait for the body itself.
    let body = wait_for("the request's body", || fake.bodies().pop()).await;
    assert!(body.contains(r#""workspace_language":"zh""#), "{body}");
    // Once picked, it stays picked whatever the UI language.
    fake::choose(&select, "en");
    button(root, "English").unwrap().click();
    button(root, "中文").unwrap().click();
    wait_for("the UI in Chinese", || by_label(root, "工作空间语言")).await;
    assert_eq!(select_value(&select), "en");
}

fn create_session() -> SessionContext {
    session_of(aws(), Progress { account_bound: true, ..Progress::default() })
}

#[wasm_bindgen_test]
async fn create_workspace_suggests_the_ui_language_on_both_tabs() {
    for (tab, lang, expected) in [
        ("existing-account", Lang::Zh, "zh"),
        ("new-account", Lang::Zh, "zh"),
        ("existing-account", Lang::En, "en"),
    ] {
        clear_storage();
        remember(lang);
        let page = mount_page(
            &format!("/activate/bind/workspaces/new/{tab}"),
            REFUSED,
            Some(create_session()),
            || view! { <pages::CreateWorkspace/> },
        );
        let label = text::WORKSPACE_LANGUAGE.get(lang);
        let select = wait_for("the form", || by_label(&page.root, label)).await;
        assert_eq!(select_value(&select), expected, "{tab} in {lang:?}");
    }
}

#[wasm_bindgen_test]
async fn every_api_call_carries_the_ui_language_so_mails_are_in_it() {
    clear_storage();
    remember(Lang::Zh);
    let fake = Fake::install(0);
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("a***@example.com"));
    let page = mount_page(
        &Step::RegisterBasic.path(),
        REFUSED,
        Some(session_of(aws(), Progress::default())),
        || view! { <Header/><pages::RegisterBasic/> },
    );
    let root = &page.root;
    type_into(&wait_for("the form", || by_label(root, "邮箱")).await, "alice@example.com");
    button(root, "发送验证码").unwrap().click();
    wait_for("the code sent", || (fake.count("POST /api/v1/codes") == 1).then_some(())).await;
    assert_eq!(fake.languages(), ["POST /api/v1/codes zh-CN"]);
    // After switching to English, the next call says so.
    button(root, "English").unwrap().click();
    fake.route("POST /api/v1/register/basic", 400, r#"{"code":"malformed_request"}"#);
    for (label, value) in [
        ("Username", "alice"),
        ("Password", "Blue-Harbor-2041"),
        ("Confirm password", "Blue-Harbor-2041"),
        ("Verification code", "123456"),
    ] {
        type_into(&wait_for(label, || by_label(root, label)).await, value);
    }
    button(root, "Next").unwrap().click();
    wait_for("Next sent", || (fake.count("POST /api/v1/register/basic") == 1).then_some(())).await;
    assert_eq!(fake.languages().last().unwrap(), "POST /api/v1/register/basic en");
}

// ---- Dead ends: a refused hand-off, an ended session ----

/// The steps shown for going back to `marketplace`, as one line each.
fn way_back(root: &HtmlElement, marketplace: &str) -> Option<String> {
    test_id(root, &format!("way-back-{marketplace}")).map(|list| list.inner_text())
}

fn log_in_link(root: &HtmlElement) -> Option<HtmlElement> {
    by_text(root, "a", "Log in").or_else(|| by_text(root, "a", "登录"))
}

#[wasm_bindgen_test]
async fn a_refused_hand_off_names_its_marketplace_the_problem_and_where_to_go_there() {
    for (marketplace, problem, says, name, button_there) in [
        ("aws", "missing", "No sign-in token came from", "AWS Marketplace", "Set up product"),
        ("aws", "expired", "has expired", "AWS Marketplace", "Set up product"),
        ("aliyun", "invalid", "is not valid", "Alibaba Cloud Marketplace", "Login Directly"),
        ("aliyun", "used", "was already used", "Alibaba Cloud Marketplace", "Login Directly"),
        ("huawei", "expired", "has expired", "Huawei Cloud KooGallery", "Use Now"),
        ("huawei", "used", "was already used", "Huawei Cloud KooGallery", "Use Now"),
    ] {
        clear_storage();
        let page =
            mount_app(&format!("/activate/error/{problem}?marketplace={marketplace}"), REFUSED);
        let root = &page.root;
        let shown = wait_for("the problem", || test_id(root, "token-problem")).await.inner_text();
        assert!(shown.contains(says) && shown.contains(name), "{marketplace}/{problem}: {shown}");
        let steps = way_back(root, marketplace).expect("the way back to its marketplace");
        assert!(steps.contains(button_there), "{marketplace}: {steps}");
        for other in ["aws", "aliyun", "huawei"].into_iter().filter(|m| *m != marketplace) {
            assert!(way_back(root, other).is_none(), "{marketplace} page shows {other}'s way");
        }
        let log_in = log_in_link(root).expect("Log in, for those who already activated");
        assert_eq!(log_in.get_attribute("href").as_deref(), Some("/login"));
    }
}

#[wasm_bindgen_test]
async fn a_refused_hand_off_in_chinese_names_the_marketplace_in_chinese() {
    clear_storage();
    remember(Lang::Zh);
    let page = mount_app("/activate/error/expired?marketplace=huawei", REFUSED);
    let root = &page.root;
    let shown = wait_for("the problem", || test_id(root, "token-problem")).await.inner_text();
    assert!(shown.contains("华为云云商店的登录令牌已过期"), "{shown}");
    assert!(way_back(root, "huawei").unwrap().contains("立即使用"));
    assert!(by_text(root, "a", "登录").is_some());
}

#[wasm_bindgen_test]
async fn a_token_error_page_without_its_marketplace_shows_every_marketplaces_way() {
    clear_storage();
    let page = mount_app("/activate/error/used", REFUSED);
    let root = &page.root;
    let shown = wait_for("the problem", || test_id(root, "token-problem")).await.inner_text();
    assert!(shown.contains("from the marketplace was already used"), "{shown}");
    for (marketplace, button_there) in
        [("aws", "Set up product"), ("aliyun", "Login Directly"), ("huawei", "Use Now")]
    {
        assert!(way_back(root, marketplace).unwrap().contains(button_there), "{marketplace}");
    }
    assert!(log_in_link(root).is_some());
}

#[wasm_bindgen_test]
async fn an_ended_session_says_where_to_go_on_its_marketplace_and_offers_log_in() {
    clear_storage();
    // The tab knew the session's identity: an Alibaba Cloud buyer.
    let identity = serde_json::to_string(&aliyun()).unwrap();
    window()
        .session_storage()
        .unwrap()
        .unwrap()
        .set_item("activation.identity", &identity)
        .unwrap();
    let _fake = Fake::answering(&[("GET /api/v1/session", 401, r#"{"code":"session_expired"}"#)]);
    let page = mount_app(&Step::RegisterMethod.path(), REFUSED);
    let root = &page.root;
    wait_for("the ended page", || test_id(root, "session-ended")).await;
    assert_eq!(heading(root).unwrap(), text::SESSION_GONE_TITLE.en);
    assert!(way_back(root, "aliyun").unwrap().contains("Login Directly"));
    assert!(way_back(root, "aws").is_none());
    assert_eq!(log_in_link(root).unwrap().get_attribute("href").as_deref(), Some("/login"));
}

// ---- Terms ----

fn terms_link(root: &HtmlElement) -> HtmlElement {
    by_text(root, "a", text::TERMS_LINK.en).expect("a link to the terms beside the checkbox")
}

/// The link opens the terms in a new tab: nothing of the form is left or lost.
fn opens_in_a_new_tab(link: &HtmlElement) {
    assert_eq!(link.get_attribute("href").as_deref(), Some("/terms"));
    assert_eq!(link.get_attribute("target").as_deref(), Some("_blank"));
    assert!(link.get_attribute("rel").is_some_and(|rel| rel.contains("noopener")));
}

#[wasm_bindgen_test]
async fn company_info_links_its_terms_and_following_the_link_keeps_what_was_typed() {
    clear_storage();
    let progress = Progress { basic_info_done: true, ..Progress::default() };
    let page = mount_page(
        &Step::RegisterCompany.path(),
        REFUSED,
        Some(session_of(aws(), progress)),
        || {
            view! { <pages::RegisterCompany/> }
        },
    );
    let root = &page.root;
    let name = wait_for("the form", || by_label(root, "Company name")).await;
    type_into(&name, "Acme Ltd");
    let terms = by_label(root, "I agree to the terms").unwrap();
    terms.click();
    let link = terms_link(root);
    opens_in_a_new_tab(&link);
    // Following it (Chromium opens the new tab) leaves this page as it was.
    link.click();
    sleep(std::time::Duration::from_millis(200)).await;
    assert_eq!(pathname(), Step::RegisterCompany.path());
    assert_eq!(value_of(&by_label(root, "Company name").unwrap()), "Acme Ltd");
    assert!(
        by_label(root, "I agree to the terms")
            .unwrap()
            .unchecked_ref::<web_sys::HtmlInputElement>()
            .checked()
    );
}

#[wasm_bindgen_test]
async fn both_create_workspace_tabs_link_their_terms() {
    for tab in ["existing-account", "new-account"] {
        clear_storage();
        let page = mount_page(
            &format!("/activate/bind/workspaces/new/{tab}"),
            REFUSED,
            Some(create_session()),
            || view! { <pages::CreateWorkspace/> },
        );
        let root = &page.root;
        type_into(&wait_for("the form", || by_label(root, "Workspace name")).await, "Staging");
        let link = terms_link(root);
        opens_in_a_new_tab(&link);
        link.click();
        sleep(std::time::Duration::from_millis(200)).await;
        assert_eq!(pathname(), format!("/activate/bind/workspaces/new/{tab}"));
        assert_eq!(value_of(&by_label(root, "Workspace name").unwrap()), "Staging", "{tab}");
    }
}

#[wasm_bindgen_test]
async fn the_terms_page_says_the_terms_in_both_languages() {
    clear_storage();
    let page = mount_app("/terms", REFUSED);
    let root = &page.root;
    let title = wait_for("the terms", || heading(root).filter(|h| h == text::TERMS_TITLE.en)).await;
    assert_eq!(title, "Terms of service");
    let terms = test_id(root, "terms").unwrap().inner_text();
    for said in ["Your accounts", "Billing", "Your data", "cancelling your subscription"] {
        assert!(terms.contains(said), "{said}: {terms}");
    }
    button(root, "中文").unwrap().click();
    wait_for("Chinese", || heading(root).filter(|h| h == "服务条款")).await;
    let terms = test_id(root, "terms").unwrap().inner_text();
    assert!(terms.contains("您的数据") && terms.contains("计费"), "{terms}");
}

// ---- The header's site note ----

#[wasm_bindgen_test]
async fn the_site_note_says_the_site_is_unrelated_to_the_billing_center_binding() {
    for (lang, unrelated, fixed) in [
        (Lang::En, "unrelated to the Billing Center binding", "cannot be changed afterwards"),
        (Lang::Zh, "与费用中心绑定无关", "站点不可更改"),
    ] {
        clear_storage();
        remember(lang);
        let page = mount_page(
            &Step::Choose.path(),
            REFUSED,
            Some(session_of(aws(), Progress::default())),
            || view! { <Header/> },
        );
        let note =
            wait_for("the site note", || page.root.query_selector("#header-site-note").unwrap())
                .await
                .text_content()
                .unwrap_or_default();
        assert!(note.contains(unrelated) && note.contains(fixed), "{lang:?}: {note}");
        assert!(note.contains(text::SITE_NOTE.get(lang)), "{lang:?}");
    }
}
