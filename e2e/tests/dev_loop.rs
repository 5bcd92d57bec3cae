//! The frontend developer's loop: `trunk serve`'s debug build in front of the mock, as
//! `cargo xtask dev` runs them. A buyer goes from each simulator (proxied by `trunk serve`) through
//! its hand-off to the app's Choose screen, served by `trunk serve`, with the session the hand-off
//! opened. It fails when a proxy follows a hand-off's redirect itself (the buyer then lands on the
//! mock's 404 for `/activate`, issue 23) and on anything that breaks only in a debug build.
//!
//! Not run by a plain `cargo test -p e2e` (`test = false`: it needs `trunk` on PATH and port 8080
//! free); `cargo xtask test` runs it, or: `cargo test -p e2e --test dev_loop`.

use e2e::{Journey, Result, check, ensure, flows::masked, market, run_through_trunk_serve};

/// The app's Choose screen, from `trunk serve`, knowing what the buyer bought where.
async fn lands_on_choose(j: &Journey, marketplace: &str, account: &str) -> Result<()> {
    check::path(&j.c, "/activate/choose").await?;
    check::heading(&j.c, "Activate the Guance Commercial Plan").await?;
    let bought = format!("Bought on: {marketplace} · Paying cloud account {}", masked(account));
    check::text(&j.c, &bought).await?;
    let url = j.c.current_url().await?;
    ensure!(url.as_str().starts_with(&j.origin), "the app is not trunk serve's: {url}");
    Ok(())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_hand_off_through_trunk_serve_lands_on_the_choose_screen() {
    run_through_trunk_serve("dev_loop_hand_offs", |j| async move {
        let aws = market::aws(&j, None).await?;
        lands_on_choose(&j, "AWS Marketplace", &aws).await?;
        let aliyun = market::aliyun(&j, None).await?;
        lands_on_choose(&j, "Alibaba Cloud Marketplace", &aliyun.account).await?;
        let huawei = market::huawei(&j, None).await?;
        lands_on_choose(&j, "Huawei Cloud KooGallery", &huawei).await
    })
    .await;
}
