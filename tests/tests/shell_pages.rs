//! The activation shell and what outlives a page, in headless Chromium: an ended session, direct
//! links to steps the session cannot be on yet, the end of the bind path (Bound), and what a reload
//! (a remount) keeps: the language, and the Send code countdown with where the code went (one
//! countdown per form: Basic info's and Create workspace's do not share one for the same email).
//! `window.fetch` is answered by the fake backend of the bind tests.

#![cfg(target_arch = "wasm32")]

// The browser tests' fake backend (shared with the bind and account tests); these use a part.
#[path = "shell/early_session.rs"]
mod early_session;
#[allow(dead_code)]
#[path = "bind/fake.rs"]
mod fake;

use activation_core::{
    api::{Activation, SessionContext, Settlement, Workspace, WorkspaceState},
    domain::{Marketplace, Site, WorkspaceId, WorkspaceLanguage, WorkspaceName},
    flow::{Progress, Step},
};
use app::{i18n::text, pages};
use browser_tests::*;
use fake::Fake;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn session(progress: Progress) -> SessionContext {
    session_of(aws(), progress)
}

fn paying() -> Settlement {
    Settlement::CloudAccount { marketplace: Marketplace::Aws, account: "1234****9012".into() }
}

fn summary() -> Activation {
    Activation {
        billing_account: "demo_billing".into(),
        workspaces: vec![Workspace {
            id: WorkspaceId::parse("ws_000002").unwrap(),
            name: WorkspaceName::parse("Demo Staging").unwrap(),
            site: Site::Cn2,
            language: WorkspaceLanguage::Zh,
            settlement: paying(),
            state: WorkspaceState::Bound,
        }],
        settlement: paying(),
    }
}

#[wasm_bindgen_test]
async fn an_ended_session_says_so_and_offers_no_form_and_no_try_again() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("GET /api/v1/session", 401, r#"{"code":"session_expired"}"#);
    let page = mount_app(&Step::RegisterBasic.path(), REFUSED);
    let root = &page.root;
    let title = wait_for("heading", || heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)).await;
    assert_eq!(title, text::SESSION_GONE_TITLE.en);
    let shown = root.inner_text();
    assert!(shown.contains("Go back to your marketplace's purchased services"), "{shown}");
    assert!(button(root, "Try again").is_none(), "the same request again cannot help");
    assert!(by_label(root, "Username").is_none(), "no form for a session that ended");
}

#[wasm_bindgen_test]
async fn a_direct_link_to_a_step_not_reached_yet_goes_to_the_right_one() {
    let fresh = Progress::default();
    let basic_done = Progress { basic_info_done: true, ..fresh };
    let account_bound = Progress { account_bound: true, ..fresh };
    let activated =
        Progress { basic_info_done: true, company_info_done: true, activated: true, ..fresh };
    let cases = [
        (Step::Arrival, fresh, Step::Choose, text::CHOOSE_TITLE.en),
        (Step::RegisterCompany, fresh, Step::RegisterBasic, text::BASIC_TITLE.en),
        (Step::RegisterMethod, fresh, Step::RegisterBasic, text::BASIC_TITLE.en),
        (Step::RegisterMethod, basic_done, Step::RegisterCompany, text::COMPANY_TITLE.en),
        (Step::BindWorkspaces, fresh, Step::BindAccount, text::BIND_ACCOUNT_TITLE.en),
        (Step::RegisterBasic, account_bound, Step::BindWorkspaces, text::BIND_WORKSPACES_TITLE.en),
        (Step::RegisterBasic, activated, Step::Activated, text::ACTIVATED_TITLE.en),
    ];
    for (requested, progress, expected, title) in cases {
        clear_storage();
        let fake = Fake::install(0);
        let mut context = session(progress);
        if progress.activated {
            context.finished = Some(summary());
        }
        fake.route("GET /api/v1/session", 200, &serde_json::to_string(&context).unwrap());
        fake.list(&[]);
        let page = mount_app(&requested.path(), REFUSED);
        let root = &page.root;
        let target = expected.path();
        wait_for(&format!("{requested:?} to go to {target}"), || {
            (pathname() == target).then_some(())
        })
        .await;
        let shown = wait_for("the step's heading", || {
            heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)
        })
        .await;
        assert_eq!(shown, title, "{requested:?} with {progress:?}");
        drop(page);
    }
}

#[wasm_bindgen_test]
async fn after_a_reload_the_screen_follows_the_progress_the_server_answers() {
    clear_storage();
    let fake = Fake::install(0);
    let at = |progress: Progress| serde_json::to_string(&session(progress)).unwrap();
    let basic_done = Progress { basic_info_done: true, ..Progress::default() };
    fake.route("GET /api/v1/session", 200, &at(basic_done));
    let page = mount_app(&Step::RegisterCompany.path(), REFUSED);
    let shown = wait_for("company", || heading(&page.root).filter(|h| h != text::ARRIVAL_TITLE.en));
    assert_eq!(shown.await, text::COMPANY_TITLE.en);
    drop(page);
    // The same address reloaded; the server now says the account was bound in this session
    // (in another tab, say): the app shows what the server's progress allows, not what it had.
    let account_bound = Progress { account_bound: true, ..Progress::default() };
    fake.route("GET /api/v1/session", 200, &at(account_bound));
    fake.list(&[]);
    let page = mount_app(&Step::RegisterCompany.path(), REFUSED);
    let target = Step::BindWorkspaces.path();
    wait_for("the bind step", || (pathname() == target).then_some(())).await;
    let shown = wait_for("bind", || heading(&page.root).filter(|h| h != text::ARRIVAL_TITLE.en));
    assert_eq!(shown.await, text::BIND_WORKSPACES_TITLE.en);
}

#[wasm_bindgen_test]
async fn bound_sums_up_the_billing_center_account_the_workspaces_and_who_pays() {
    clear_storage();
    let mut context = session(Progress {
        account_bound: true,
        workspaces_bound: 1,
        bind_finished: true,
        ..Progress::default()
    });
    context.finished = Some(summary());
    let page =
        mount_page(&Step::Bound.path(), REFUSED, Some(context), || view! { <pages::Bound/> });
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, text::BOUND_TITLE.en);
    let shown = root.inner_text();
    for expected in
        [text::BOUND_INTRO.en, "demo_billing", "Demo Staging", "AWS account 1234****9012"]
    {
        assert!(shown.contains(expected), "missing {expected}: {shown}");
    }
    let status = root.query_selector("[role=status]").unwrap().unwrap();
    assert!(status.text_content().unwrap().contains(text::BOUND_INTRO.en));
    let login = by_text(root, "a", "Go to login").expect("Go to login");
    assert_eq!(login.get_attribute("href"), Some(Step::Login.path()));
}

#[wasm_bindgen_test]
async fn the_chosen_language_is_kept_after_a_reload() {
    clear_storage();
    {
        let page = mount_app("/no/such/page", REFUSED);
        let root = &page.root;
        wait_for("heading", || heading(root)).await;
        let zh: web_sys::HtmlElement =
            root.query_selector("button[lang=zh-CN]").unwrap().unwrap().unchecked_into();
        zh.click();
        wait_for("Chinese", || heading(root).filter(|h| h == "页面不存在")).await;
    }
    // As a fresh page load would find it: `<html lang>` as index.html has it.
    document().document_element().unwrap().set_attribute("lang", "en").unwrap();
    let page = mount_app("/no/such/page", REFUSED);
    let root = &page.root;
    assert_eq!(wait_for("heading", || heading(root)).await, "页面不存在");
    let lang = document().document_element().unwrap().get_attribute("lang");
    assert_eq!(lang.as_deref(), Some("zh-CN"));
    // English again for the other tests.
    let en: web_sys::HtmlElement =
        root.query_selector("button[lang=en]").unwrap().unwrap().unchecked_into();
    en.click();
    wait_for("English", || heading(root).filter(|h| h == "Page not found")).await;
}

fn bind_account_page() -> Mounted {
    mount_page(&Step::BindAccount.path(), REFUSED, Some(session(Progress::default())), || {
        view! { <pages::BindAccount/> }
    })
}

fn send_code_button(root: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    let found = root.query_selector("button.send-code").unwrap()?;
    Some(found.unchecked_into())
}

#[wasm_bindgen_test]
async fn the_countdown_and_where_the_code_went_survive_a_reload() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("de***@example.com"));
    let sent_line = "A 6-digit code was sent to de***@example.com";
    {
        let page = bind_account_page();
        let root = &page.root;
        let username = wait_for("form", || by_label(root, "Username")).await;
        type_into(&username, "demo_billing");
        send_code_button(root).unwrap().click();
        wait_for("the countdown", || {
            send_code_button(root).filter(|b| b.inner_text().starts_with("Send again in"))
        })
        .await;
        wait_for("where it went", || root.inner_text().contains(sent_line).then_some(())).await;
    }
    let page = bind_account_page();
    let root = &page.root;
    let username = wait_for("form", || by_label(root, "Username")).await;
    let restored =
        wait_for("the draft restored", || Some(value_of(&username)).filter(|v| !v.is_empty()))
            .await;
    assert_eq!(restored, "demo_billing");
    let again = wait_for("the countdown after the reload", || {
        send_code_button(root).filter(|b| b.inner_text().starts_with("Send again in"))
    })
    .await;
    assert!(again.has_attribute("disabled"));
    let seconds: u32 = again
        .inner_text()
        .split_whitespace()
        .nth(3)
        .unwrap()
        .trim_end_matches('s')
        .parse()
        .unwrap();
    assert!((50..=60).contains(&seconds), "{}", again.inner_text());
    assert!(root.inner_text().contains(sent_line), "{}", root.inner_text());
    again.click();
    assert_eq!(fake.count("POST /api/v1/codes"), 1, "{:?}", fake.calls());
}

fn counting_down(root: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    send_code_button(root).filter(|b| b.inner_text().starts_with("Send again in"))
}

/// Basic info with `email` typed, or Create workspace (its existing-account tab) with it typed.
async fn with_email_typed(register: bool, email: &str) -> Mounted {
    let page = if register {
        mount_page(&Step::RegisterBasic.path(), REFUSED, Some(session(Progress::default())), || {
            view! { <pages::RegisterBasic/> }
        })
    } else {
        let bound = Progress { account_bound: true, ..Progress::default() };
        mount_page(
            "/activate/bind/workspaces/new/existing-account",
            REFUSED,
            Some(session(bound)),
            || view! { <pages::CreateWorkspace/> },
        )
    };
    let field = wait_for("the email field", || by_label(&page.root, "Email")).await;
    type_into(&field, email);
    page
}

#[wasm_bindgen_test]
async fn the_register_and_create_countdowns_for_one_email_are_independent() {
    clear_storage();
    let fake = Fake::install(0);
    fake.route("POST /api/v1/codes", 200, &fake::code_sent("sa***@example.com"));
    let email = "same@example.com";
    {
        let page = with_email_typed(true, email).await;
        send_code_button(&page.root).unwrap().click();
        wait_for("the register countdown", || counting_down(&page.root)).await;
    }
    // The register page, again with that address: its countdown is read back as it is typed.
    {
        let page = with_email_typed(true, email).await;
        wait_for("the register countdown read back", || counting_down(&page.root)).await;
    }
    // Create workspace with the same address has a countdown of its own, not running. (The read
    // above takes one effect run; 300 ms is many.)
    let page = with_email_typed(false, email).await;
    let root = &page.root;
    sleep(std::time::Duration::from_millis(300)).await;
    assert!(counting_down(root).is_none(), "{}", root.inner_text());
    let send = send_code_button(root).unwrap();
    assert!(!send.has_attribute("disabled"));
    send.click();
    wait_for("the create countdown", || counting_down(root)).await;
    assert_eq!(fake.count("POST /api/v1/codes"), 2, "{:?}", fake.calls());
}

#[wasm_bindgen_test]
async fn the_header_offers_the_site_only_on_steps_that_lead_to_a_new_workspace() {
    let site_in_header = |root: &web_sys::HtmlElement| {
        root.query_selector("header .site-select select").unwrap().is_some()
    };
    let bound = Progress { already_bound: true, ..Progress::default() };
    let cases = [
        (Step::RegisterBasic, Progress::default(), true),
        (Step::BindAccount, Progress::default(), true),
        (Step::AlreadyBound, bound, false),
    ];
    for (step, progress, shown) in cases {
        clear_storage();
        let fake = Fake::install(0);
        let mut context = session(progress);
        if progress.already_bound {
            context.already_bound = Some(activation_core::api::BoundSummary {
                billing_account: "de***er".into(),
                workspaces: summary().workspaces,
            });
        }
        fake.route("GET /api/v1/session", 200, &serde_json::to_string(&context).unwrap());
        let page = mount_app(&step.path(), REFUSED);
        let root = &page.root;
        wait_for("the step", || heading(root).filter(|h| h != text::ARRIVAL_TITLE.en)).await;
        assert_eq!(pathname(), step.path());
        assert_eq!(site_in_header(root), shown, "{step:?}");
    }
    clear_storage();
    let page = mount_app("/no/such/page", REFUSED);
    wait_for("heading", || heading(&page.root)).await;
    assert!(!site_in_header(&page.root), "not outside the activation");
}

#[wasm_bindgen_test]
fn the_send_code_countdown_reads_naturally_in_each_language() {
    use app::i18n::{Lang, resend_in};
    assert_eq!(resend_in(Lang::En, 42), "Send again in 42s");
    // The number first, spaced from the Chinese, as the console's other counts are.
    assert_eq!(resend_in(Lang::Zh, 42), "42 秒后重新发送");
}
