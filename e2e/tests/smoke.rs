//! Smoke: the release build, served by the mock, renders its start page in headless Chromium and
//! reaches the mock. What it guards against is a blank page: the failure mode of a wrong wasm-opt
//! (../shared/TOOLCHAIN.md) or of a CSP that blocks the init script. `cargo xtask test` runs it
//! before the journeys, so that failure reads as itself and not as every journey failing.

use e2e::{check, ensure, run};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_served_app_renders_its_start_page_and_reaches_the_mock() {
    run("smoke", |j| async move {
        j.open("/").await?;
        check::heading(&j.c, "Activate your Guance Commercial Plan").await?;
        check::text(&j.c, "The service is reachable.").await?;
        let skeleton = j.c.find_all(fantoccini::Locator::Css("#skeleton")).await?;
        ensure!(skeleton.is_empty(), "the static skeleton is still in the page");
        Ok(())
    })
    .await;
}
