//! Huawei KooGallery's partner services and unified login (seed 004, Step Two; issue 19): the
//! pages a buyer sets up once, pre-filled and labelled as SPEC §2 writes them; what is remembered
//! per Huawei account; errors shown on the page with everything typed kept; and the OAuth2
//! `state` our hand-off sets, without which a code is refused in any other browser.

mod common;
#[path = "support/koogallery.rs"]
mod koogallery;

use activation_core::{
    api::{SessionContext, paths},
    domain::{HuaweiAccountId, Identity},
};
use common::{Client, Mock};
use koogallery::{follow, form, location, param, text, through};

const ACCOUNT: &str = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";

#[tokio::test]
async fn a_first_use_now_walks_the_partner_service_pages_pre_filled_and_hands_off_the_member() {
    let mock = Mock::new();
    let mut browser = mock.client();
    let role = koogallery::use_now(&mut browser, ACCOUNT).await;
    assert!(text(&role).contains("<h1>Partner Services</h1>"), "{}", text(&role));
    let confirm = form(&role, "Confirm");
    assert_eq!(confirm.field("role"), "personal", "For Personal Use is chosen");
    assert!(confirm.labels.iter().any(|l| l == "For Personal Use"));

    let enterprise = confirm.submit(&mut browser).await;
    let create = form(&enterprise, "Create Enterprise");
    assert_eq!(create.labels, ["Enterprise name", "Enterprise abbreviation"]);
    assert!(!create.field("name").is_empty() && !create.field("abbreviation").is_empty());
    let setup = through(&mut browser, &create).await;
    assert!(text(&setup).contains("http-equiv=\"refresh\""), "goes on by itself");

    let members = form(&setup, "Continue").submit(&mut browser).await;
    let add = form(&members, "Add Member");
    assert_eq!(add.labels, ["Member name", "Department", "Email or phone", "Account", "Password"]);
    for field in ["name", "department", "contact", "account", "password"] {
        assert!(!add.field(field).is_empty(), "{field} is pre-filled from the Huawei account");
    }
    let member = add.field("account").to_owned();
    let authorize = through(&mut browser, &add).await;
    let confirm = form(&authorize, "Confirm Authorization");
    assert_eq!(confirm.field("member"), member, "the member is ticked");
    assert!(confirm.labels.iter().any(|l| l == "Agree to Terms"));

    let start = location(&confirm.tick("agree", "yes").submit(&mut browser).await);
    let started = browser.get(&start).await;
    let cookie = started.headers["set-cookie"].to_str().unwrap().to_owned();
    assert!(cookie.starts_with("__Host-huawei_login_state="), "{cookie}");
    let login = follow(&mut browser, started).await;
    let log_in = form(&login, "Log In");
    assert_eq!(log_in.labels, ["Enterprise abbreviation", "Account", "Password"]);
    assert_eq!(log_in.field("account"), member);

    let change = through(&mut browser, &log_in).await;
    let change = form(&change, "Change password");
    assert_eq!(change.labels, ["New password", "Confirm new password"]);
    let callback = location(&change.submit(&mut browser).await);
    assert!(callback.starts_with("/handoff/huawei?code="), "{callback}");
    assert!(!param(&callback, "state").is_empty());

    assert_eq!(location(&browser.get(&callback).await), "/activate");
    let context: SessionContext = browser.get(paths::SESSION).await.ok();
    assert_eq!(context.member.as_ref().map(|m| m.as_str()), Some(member.as_str()));
    assert!(matches!(&context.identity, Identity::Huawei { account_id, tenant, .. }
            if account_id.as_str() == ACCOUNT && callback.contains(tenant.as_str())));
}

#[tokio::test]
async fn a_second_use_now_goes_straight_to_the_unified_login_without_a_password_change() {
    let mock = Mock::new();
    let mut first = mock.client();
    koogallery::hand_off(&mut first, ACCOUNT).await;

    // Another day, another browser: Use Now is the unified login at once, and Log In goes to us.
    let mut again = mock.client();
    let login = koogallery::use_now(&mut again, ACCOUNT).await;
    assert!(text(&login).contains("<h1>Huawei Cloud Unified Login</h1>"), "{}", text(&login));
    let signed_in = form(&login, "Log In").submit(&mut again).await;
    let callback = location(&signed_in);
    assert!(callback.starts_with("/handoff/huawei?code="), "not asked again: {callback}");
    assert_eq!(location(&again.get(&callback).await), "/activate");
    let buyers = mock.store().read(|data| data.huawei.buyers.len());
    assert_eq!(buyers, 1);
}

/// Runs a first buyer to the unified login's redirect in `browser`.
async fn code_for(mock: &Mock, browser: &mut Client) -> String {
    let _ = mock;
    koogallery::to_callback(browser, ACCOUNT).await
}

#[tokio::test]
async fn a_code_is_refused_in_any_browser_but_the_one_that_started_the_sign_in() {
    let mock = Mock::new();
    let mut buyer = mock.client();
    let callback = code_for(&mock, &mut buyer).await;

    // No state cookie at all.
    let mut stranger = mock.client();
    let refused = stranger.get(&callback).await;
    assert_eq!(location(&refused), "/activate/error/other-browser?marketplace=huawei");
    // A cookie of its own sign-in, with the buyer's state in the URL, or its own.
    let login = koogallery::use_now(&mut stranger, ACCOUNT).await;
    let own_state = form(&login, "Log In").field("state").to_owned();
    assert_eq!(location(&stranger.get(&callback).await), refused_to());
    let swapped = callback.replace(&param(&callback, "state"), &own_state);
    assert_eq!(location(&stranger.get(&swapped).await), refused_to());
    assert!(mock.store().read(|data| data.sessions.is_empty()), "no session opened");

    // The buyer's own browser still can, once.
    assert_eq!(location(&buyer.get(&callback).await), "/activate");
    assert_eq!(location(&buyer.get(&callback).await), "/activate/error/used?marketplace=huawei");
}

fn refused_to() -> &'static str {
    "/activate/error/other-browser?marketplace=huawei"
}

#[tokio::test]
async fn a_taken_enterprise_abbreviation_is_refused_on_the_page_keeping_what_was_typed() {
    let mock = Mock::new();
    let mut first = mock.client();
    koogallery::hand_off(&mut first, ACCOUNT).await;
    let taken = mock
        .store()
        .read(|data| data.huawei.buyers[ACCOUNT].enterprise.as_ref().unwrap().abbreviation.clone());

    let mut other = mock.client();
    let role = koogallery::use_now(&mut other, "ffffffffffffffffffffffffffffffff").await;
    let enterprise = form(&role, "Confirm").submit(&mut other).await;
    let create = form(&enterprise, "Create Enterprise");
    assert_ne!(create.field("abbreviation"), taken, "the suggestion is free");
    let again = create
        .set("name", "Second Enterprise")
        .set("abbreviation", &taken.to_uppercase())
        .submit(&mut other)
        .await;
    assert_eq!(again.status, 422);
    assert!(text(&again).contains("This abbreviation is taken"), "{}", text(&again));
    let kept = form(&again, "Create Enterprise");
    assert_eq!(kept.field("name"), "Second Enterprise");
    assert_eq!(kept.field("abbreviation"), taken.to_uppercase());

    let bad = kept.set("abbreviation", "9 lives").set("name", "").submit(&mut other).await;
    assert_eq!(bad.status, 422);
    assert!(text(&bad).contains("Enter the enterprise name."));
    assert!(text(&bad).contains("starting with a letter"));
    assert_eq!(form(&bad, "Create Enterprise").field("abbreviation"), "9 lives");
}

#[tokio::test]
async fn a_wrong_password_at_the_unified_login_is_shown_and_nothing_typed_is_lost() {
    let mock = Mock::new();
    let mut browser = mock.client();
    let role = koogallery::use_now(&mut browser, ACCOUNT).await;
    let login = koogallery::set_up_partner_services(&mut browser, role).await;
    let wrong = form(&login, "Log In").set("password", "Not-The-One-1").submit(&mut browser).await;
    assert_eq!(wrong.status, 422);
    assert!(text(&wrong).contains("The enterprise abbreviation, account or password is wrong."));
    let kept = form(&wrong, "Log In");
    assert_eq!(kept.field("password"), "Not-The-One-1");
    assert_eq!(kept.field("account"), form(&login, "Log In").field("account"));
    assert_eq!(kept.field("state"), form(&login, "Log In").field("state"));

    // Right password: the change, where a mismatch is named next to its field and kept too.
    let right = form(&wrong, "Log In").set("password", form(&login, "Log In").field("password"));
    let change = through(&mut browser, &right).await;
    let mismatch = form(&change, "Change password")
        .set("confirm_password", "Something-Else-2")
        .submit(&mut browser)
        .await;
    assert_eq!(mismatch.status, 422);
    assert!(text(&mismatch).contains("The passwords do not match."));
    assert_eq!(form(&mismatch, "Change password").field("confirm_password"), "Something-Else-2");
    let fixed = form(&mismatch, "Change password")
        .set("confirm_password", form(&change, "Change password").field("new_password"));
    let callback = location(&fixed.submit(&mut browser).await);
    assert_eq!(location(&browser.get(&callback).await), "/activate");
}

#[tokio::test]
async fn an_unticked_terms_box_keeps_the_member_ticks_and_says_why() {
    let mock = Mock::new();
    let mut browser = mock.client();
    let role = koogallery::use_now(&mut browser, ACCOUNT).await;
    let enterprise = form(&role, "Confirm").submit(&mut browser).await;
    let setup = through(&mut browser, &form(&enterprise, "Create Enterprise")).await;
    let members = form(&setup, "Continue").submit(&mut browser).await;
    let bad = form(&members, "Add Member").set("contact", "nobody").submit(&mut browser).await;
    assert_eq!(bad.status, 422);
    assert!(text(&bad).contains("Enter an email address or a phone number."));
    assert_eq!(form(&bad, "Add Member").field("contact"), "nobody");
    let fixed = form(&bad, "Add Member").set("contact", "+8613800138000");
    let authorize = through(&mut browser, &fixed).await;
    let refused = form(&authorize, "Confirm Authorization").submit(&mut browser).await;
    assert_eq!(refused.status, 422);
    assert!(text(&refused).contains("Tick Agree to Terms"));
    assert!(!form(&refused, "Confirm Authorization").field("member").is_empty());
    let ready = mock.store().read(|data| data.huawei.buyers[ACCOUNT].ready());
    assert!(!ready, "nothing authorized without the terms");
}

#[tokio::test]
async fn the_product_page_offers_a_fresh_account_id_and_subscribe_now_keeps_the_one_typed() {
    let mock = Mock::new();
    let mut browser = mock.client();
    let first = form(&browser.get("/marketplace/huawei").await, "Subscribe Now");
    let second = form(&browser.get("/marketplace/huawei").await, "Subscribe Now");
    assert_eq!(first.labels, ["Cloud account ID"]);
    assert!(HuaweiAccountId::parse(first.field("account_id")).is_ok());
    assert_ne!(first.field("account_id"), second.field("account_id"));
    // An upper-case ID is the same account.
    let purchased = koogallery::subscribe(&mut browser, &ACCOUNT.to_uppercase()).await;
    let use_now = form(&purchased, "Use Now");
    assert_eq!(use_now.field("account_id"), ACCOUNT);
    assert!(text(&purchased).contains(use_now.field("instance_id")));
}

#[tokio::test]
async fn a_code_is_redeemed_once_for_its_tenant_and_never_after_five_minutes() {
    let mock = Mock::new();
    let mut buyer = mock.client();
    let url = koogallery::to_callback(&mut buyer, ACCOUNT).await;
    let code = param(&url, "code");
    let refused = |problem: &str| format!("/activate/error/{problem}?marketplace=huawei");
    let wrong_tenant = url.replace(&param(&url, "tenant"), "someone-else");
    assert_eq!(location(&buyer.get(&wrong_tenant).await), refused("invalid"));
    let forged = url.replace(&code, "forged");
    assert_eq!(location(&buyer.get(&forged).await), refused("invalid"));
    assert_eq!(location(&buyer.get("/handoff/huawei?tenant=t").await), refused("missing"));
    assert_eq!(location(&buyer.get("/handoff/huawei").await), refused("missing"));
    assert!(mock.store().read(|data| data.sessions.is_empty()));

    mock.advance(5 * 60 + 1);
    assert_eq!(location(&buyer.get(&url).await), refused("expired"));

    let fresh = koogallery::to_callback(&mut buyer, ACCOUNT).await;
    let welcome = buyer.get(&fresh).await;
    assert_eq!(location(&welcome), "/activate");
    let cookies = welcome.headers.get_all("set-cookie").iter().map(|c| c.to_str().unwrap());
    let cookies: Vec<&str> = cookies.collect();
    assert!(cookies.iter().any(|c| c.starts_with("__Host-activation_session=")), "{cookies:?}");
    assert!(cookies.iter().any(|c| c.starts_with("__Host-huawei_login_state=;")), "spent");
    let replay = buyer.get(&fresh).await;
    assert_eq!(location(&replay), refused("used"));
    for answer in [&welcome, &replay] {
        assert!(!location(answer).contains(&param(&fresh, "code")));
    }
    assert_eq!(mock.store().read(|data| data.sessions.len()), 1);
}

#[tokio::test]
async fn viewing_the_partner_service_pages_and_the_unified_login_writes_nothing() {
    let (_dir, path) = common::state_file();
    server_mock::store::use_fast_hashes();
    let clock = server_mock::clock::Clock::manual(common::T0);
    let store = server_mock::Store::new(Default::default(), Some(path.clone()), clock.clone());
    let mock = Mock { state: server_mock::AppState::new(store), clock };
    let mut browser = mock.client();
    koogallery::hand_off(&mut browser, ACCOUNT).await;
    // A save replaces the file (a new inode), even when what it holds is the same.
    let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&path).unwrap());
    let saved = inode();

    let q = format!("account_id={ACCOUNT}");
    let tenant = mock.store().read(|data| {
        data.huawei.buyers[ACCOUNT].enterprise.as_ref().unwrap().tenant.as_str().to_owned()
    });
    let mut pages: Vec<String> = ["role", "enterprise", "setup", "members", "authorize"]
        .iter()
        .map(|page| format!("/marketplace/huawei/partner/{page}?{q}"))
        .collect();
    pages.push(format!("/marketplace/huawei/login?tenant={tenant}&state=abc"));
    pages.push(format!("/handoff/huawei/start?tenant={tenant}"));
    for page in pages {
        let answer = browser.get(&page).await;
        assert!([200, 303].contains(&answer.status), "{page}: {}", answer.status);
        assert_eq!(inode(), saved, "{page} rewrote the state file");
    }
}
