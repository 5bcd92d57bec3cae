//! `cargo xtask split`: Trunk's post-build hook (Trunk.toml). Trunk cannot split a wasm itself
//! (trunk-rs/trunk#1022). In a release build the app's pages are split points
//! (`app/src/lazy.rs`); this cuts the wasm Cargo linked into the main module and the chunks the
//! pages arrive in, and puts them in Trunk's staging folder in place of the one module Trunk made:
//!
//! 1. `wasm-split-cli` (wasm_split_cli_support) splits the linked wasm (it keeps its relocations,
//!    `app/build.rs`) into the main module, one file per chunk of pages (and per set of code that
//!    several chunks share), and `__wasm_split.js`, the loader that fetches them;
//! 2. `wasm-bindgen` makes the main module's JS glue, as Trunk does, keeping the exports the
//!    chunks link against;
//! 3. `wasm-opt` shrinks every module, with the settings Trunk used for the one module;
//! 4. the glue, the loader and the chunks go into `split-<hash>/`, where they find each other by
//!    the relative names the tools gave them, and the main module is `app-<hash>_bg.wasm`: one
//!    hash of every file, so a new build is new URLs throughout, and a browser never pairs a cached
//!    chunk with another build's main module (or an integrity value with another build's file);
//! 5. `index.html` stays as Trunk wrote it, its module script, modulepreload and wasm preload
//!    included: only its two files' URLs and integrity values become the split's, and a
//!    modulepreload of the loader joins them (the glue imports it, so without one its fetch would
//!    start only once the glue is parsed).
//!
//! wasm-bindgen runs twice, Trunk's run and this one, because neither can be the other:
//! - the split needs the relocations only the module Cargo linked has right. wasm-bindgen's
//!   output keeps those sections but rewrites the code under them: `wasm-split-cli` refuses it
//!   ("Invalid relocation entry … no function contains its relocation range");
//! - Trunk runs wasm-bindgen on what Cargo linked before any hook, and has no way to skip it and
//!   keep its script tag, to be handed the split main module instead, or to pass
//!   `--keep-lld-exports` (without which the function table the chunks install themselves in is
//!   no longer exported);
//! - the glue Trunk made for the unsplit module cannot drive the split one: it imports the loader
//!   from wasm-split's placeholder module name, and its closures' shims are other functions.
//!
//! cargo-leptos, which owns its whole pipeline, splits and then runs wasm-bindgen once on the main
//! module, as step 2 does here. Trunk's run costs build time only: its files are deleted.
//!
//! A debug build has no split points (`cfg(split)` is release only): the hook leaves it as it is.

use std::{
    fs,
    path::{Path, PathBuf},
};

use base64::{Engine, engine::general_purpose::STANDARD as BASE64};
use sha2::{Digest, Sha384};

use crate::{
    sh::{self, Step},
    tools::{self, Env},
};

/// The Cargo profile of Trunk's release build (`data-cargo-profile-release` in index.html).
const RELEASE_PROFILE: &str = "wasm-release";
/// What `wasm-opt` does to every module: Trunk's `data-wasm-opt="z"` with these parameters, as
/// before the split (docs/performance.md).
const WASM_OPT: &[&str] = &["-Oz", "--flatten", "--rereloop", "-Oz", "-Oz"];
/// The name `wasm-split-cli --out-name` and `wasm-bindgen --out-name` give the main module's
/// files: the loader imports the glue as `./app.js`.
const OUT_NAME: &str = "app";
/// The loader, as `wasm-split-cli` names it and the glue imports it (`./__wasm_split.js`).
const LOADER: &str = "__wasm_split.js";
/// Trunk's placeholder for the nonce each response gets (`create_nonce` in Trunk.toml).
const NONCE: &str = "{{__TRUNK NONCE__}}";

pub fn run() -> Result<(), String> {
    let var = |name: &str| {
        std::env::var(name).map_err(|_| format!("{name} is not set: `cargo xtask split` is Trunk's post-build hook (run `trunk build --release`)"))
    };
    let profile = var("TRUNK_PROFILE")?;
    if profile != "release" {
        println!("    {profile} build: one module, nothing to split");
        return Ok(());
    }
    let staging = PathBuf::from(var("TRUNK_STAGING_DIR")?);
    let public_url = var("TRUNK_PUBLIC_URL").unwrap_or_else(|_| "/".to_owned());
    let env = tools::env()?;
    let step = Step::new("split the wasm into the first screen's module and the pages' chunks");
    step.check(split(&env, &staging, &public_url))
}

fn split(env: &Env, staging: &Path, public_url: &str) -> Result<(), String> {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| env.root.join("target"));
    let linked = target.join("wasm32-unknown-unknown").join(RELEASE_PROFILE).join("app.wasm");
    let trunk_js = staged(staging, ".js")?;
    let trunk_wasm = staged(staging, "_bg.wasm")?;
    // One folder of what the browser fetches (glue, loader, chunks), beside the split's work files.
    let work = target.join("wasm-split");
    let out = work.join("out");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&out).map_err(|err| format!("{}: {err}", out.display()))?;

    let split_main = work.join(format!("{OUT_NAME}.wasm"));
    sh::run(env.cmd("wasm-split-cli").arg(&linked).arg(&out).args(["--out-name", OUT_NAME]))?;
    fs::rename(out.join(format!("{OUT_NAME}.wasm")), &split_main)
        .map_err(|err| format!("wasm-split-cli wrote no main module: {err}"))?;
    sh::run(
        env.cmd("wasm-bindgen")
            // The chunks install their functions in the main module's table: keep it exported.
            .args(["--target=web", "--no-typescript", "--keep-lld-exports"])
            .arg(format!("--out-name={OUT_NAME}"))
            .arg(format!("--out-dir={}", out.display()))
            .arg(&split_main),
    )?;
    let bindgen_main = out.join(format!("{OUT_NAME}_bg.wasm"));
    let main = work.join("main.wasm");
    optimise(env, &bindgen_main, &main)?;
    fs::remove_file(&bindgen_main).map_err(|err| format!("{}: {err}", bindgen_main.display()))?;
    let mut chunks = wasm_files(&out)?;
    chunks.sort();
    for chunk in &chunks {
        optimise(env, chunk, chunk)?;
    }
    let glue = out.join(format!("{OUT_NAME}.js"));
    let loader = out.join(LOADER);
    for file in [&glue, &loader] {
        if !file.is_file() {
            return Err(format!(
                "expected {} from wasm-split-cli and wasm-bindgen",
                file.display()
            ));
        }
    }

    // Every name comes from all the files, so that any change is a new URL for each of them.
    let mut outputs = vec![main.clone(), glue.clone(), loader.clone()];
    outputs.extend(chunks.iter().cloned());
    let hash = digest(&outputs)?;
    let folder = format!("split-{hash}");
    let wasm = format!("{OUT_NAME}-{hash}_bg.wasm");
    let trunk_files = [
        Asset { url: format!("{public_url}{trunk_js}"), integrity: sri(&staging.join(&trunk_js))? },
        Asset {
            url: format!("{public_url}{trunk_wasm}"),
            integrity: sri(&staging.join(&trunk_wasm))?,
        },
    ];
    let split_files = [
        Asset { url: format!("{public_url}{folder}/{OUT_NAME}.js"), integrity: sri(&glue)? },
        Asset { url: format!("{public_url}{wasm}"), integrity: sri(&main)? },
    ];
    let loader_asset =
        Asset { url: format!("{public_url}{folder}/{LOADER}"), integrity: sri(&loader)? };

    let html_path = staging.join("index.html");
    let html =
        fs::read_to_string(&html_path).map_err(|err| format!("{}: {err}", html_path.display()))?;
    let html = repointed(&html, &trunk_files, &split_files, &loader_asset)?;

    fs::rename(&main, staging.join(&wasm)).map_err(|err| format!("{}: {err}", main.display()))?;
    fs::rename(&out, staging.join(&folder)).map_err(|err| format!("{}: {err}", out.display()))?;
    for old in [&trunk_js, &trunk_wasm] {
        fs::remove_file(staging.join(old)).map_err(|err| format!("{old}: {err}"))?;
    }
    fs::write(&html_path, html).map_err(|err| format!("{}: {err}", html_path.display()))?;
    println!("    main module {wasm}; glue, loader and {} chunks in {folder}/", chunks.len());
    Ok(())
}

/// A file `index.html` refers to: its URL and its integrity value.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Asset {
    url: String,
    integrity: String,
}

/// Trunk's `index.html` with each of `trunk`'s files replaced by the same place in `split`
/// (its URL wherever Trunk wrote it, its integrity value), and a modulepreload of `loader`
/// after Trunk's own preloads, written as Trunk writes them.
fn repointed(
    html: &str,
    trunk: &[Asset],
    split: &[Asset],
    loader: &Asset,
) -> Result<String, String> {
    let mut html = html.to_owned();
    for (old, new) in trunk.iter().zip(split) {
        if !html.contains(&old.url) {
            return Err(format!("index.html does not name Trunk's {}", old.url));
        }
        html = html.replace(&old.url, &new.url);
        let (old_value, new_value) = (
            format!("integrity=\"{}\"", old.integrity),
            format!("integrity=\"{}\"", new.integrity),
        );
        if html.matches(&old_value).count() != 1 {
            return Err(format!("index.html does not give {} its integrity value once", old.url));
        }
        html = html.replace(&old_value, &new_value);
    }
    let head_end = "</head>";
    if html.matches(head_end).count() != 1 {
        return Err("index.html does not have one </head>".into());
    }
    let preload = format!(
        "<link rel=\"modulepreload\" nonce=\"{NONCE}\" href=\"{}\" crossorigin=\"anonymous\" integrity=\"{}\">",
        loader.url, loader.integrity
    );
    Ok(html.replacen(head_end, &format!("{preload}\n{head_end}"), 1))
}

/// The one file in `staging` Trunk made for the app that ends with `suffix`.
fn staged(staging: &Path, suffix: &str) -> Result<String, String> {
    let names: Vec<String> = fs::read_dir(staging)
        .map_err(|err| format!("{}: {err}", staging.display()))?
        .flatten()
        .filter_map(|entry| entry.file_name().into_string().ok())
        .filter(|name| name.starts_with("app-") && name.ends_with(suffix))
        .filter(|name| suffix != ".js" || !name.ends_with("_bg.js"))
        .collect();
    match names.as_slice() {
        [name] => Ok(name.clone()),
        _ => Err(format!("expected one app-*{suffix} in {}, found {names:?}", staging.display())),
    }
}

fn wasm_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    Ok(fs::read_dir(dir)
        .map_err(|err| format!("{}: {err}", dir.display()))?
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "wasm"))
        .collect())
}

fn optimise(env: &Env, input: &Path, output: &Path) -> Result<(), String> {
    sh::run(env.cmd("wasm-opt").args(WASM_OPT).arg(input).arg("-o").arg(output))
}

/// The subresource-integrity value of a file: `sha384-` and the base64 of its SHA-384, as Trunk
/// writes it.
fn sri(path: &Path) -> Result<String, String> {
    let bytes = fs::read(path).map_err(|err| format!("{}: {err}", path.display()))?;
    Ok(format!("sha384-{}", BASE64.encode(Sha384::digest(&bytes))))
}

/// 16 hex digits of the SHA-384 of the files' bytes, in order: a name that changes when any byte
/// does.
fn digest(files: &[PathBuf]) -> Result<String, String> {
    let mut hasher = Sha384::new();
    for file in files {
        hasher.update(fs::read(file).map_err(|err| format!("{}: {err}", file.display()))?);
    }
    Ok(hasher.finalize()[..8].iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::{Asset, digest, repointed, sri};

    #[test]
    fn the_name_changes_with_any_byte_of_any_file() {
        let dir = std::env::temp_dir().join(format!("xtask-digest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b) = (dir.join("a"), dir.join("b"));
        let name = |a_text: &str, b_text: &str| {
            std::fs::write(&a, a_text).unwrap();
            std::fs::write(&b, b_text).unwrap();
            digest(&[a.clone(), b.clone()]).unwrap()
        };
        let first = name("main", "chunk");
        assert_eq!(first.len(), 16);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
        assert_eq!(name("main", "chunk"), first);
        assert_ne!(name("main", "chunk!"), first);
        assert_ne!(name("Main", "chunk"), first);
        // The files are hashed as one: `cat a b | sha384sum`, cut to 16 digits.
        assert_eq!(name("a", "bc"), "cb00753f45a35e8b");
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// The values `openssl dgst -sha384 -binary FILE | base64` prints, as browsers check them.
    #[test]
    fn the_integrity_value_is_the_base64_of_the_sha384() {
        let dir = std::env::temp_dir().join(format!("xtask-sri-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("module.wasm");
        for (content, expected) in [
            ("", "sha384-OLBgp1GsljhM2TJ+sbHjaiH9txEUvgdDTAzHv2P24donTt6/529l+9Ua0vFImLlb"),
            ("abc", "sha384-ywB1P0WjXou1oD1pmsZQBycsMqsO3tFjGotgWkP/W+2AhgcroefMI1i67KE0yCWn"),
        ] {
            std::fs::write(&file, content).unwrap();
            assert_eq!(sri(&file).unwrap(), expected, "{content:?}");
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    fn asset(url: &str, integrity: &str) -> Asset {
        Asset { url: url.to_owned(), integrity: integrity.to_owned() }
    }

    /// The shape of what Trunk 0.22 writes for `<link data-trunk rel="rust">` with
    /// `create_nonce`: its preloads at the end of the head, its module script in the link's place.
    const TRUNK_HTML: &str = r#"<head><title>t</title><script nonce="{{__TRUNK NONCE__}}">early()</script>
<script type="module" nonce="{{__TRUNK NONCE__}}">
import init, * as bindings from '/app-1.js';
const wasm = await init({ module_or_path: '/app-2_bg.wasm' });
</script>
<link rel="modulepreload" nonce="{{__TRUNK NONCE__}}" href="/app-1.js" crossorigin="anonymous" integrity="sha384-js"><link rel="preload" nonce="{{__TRUNK NONCE__}}" href="/app-2_bg.wasm" crossorigin="anonymous" integrity="sha384-wasm" as="fetch" type="application/wasm"></head><body></body>"#;

    fn trunk_files() -> [Asset; 2] {
        [asset("/app-1.js", "sha384-js"), asset("/app-2_bg.wasm", "sha384-wasm")]
    }

    #[test]
    fn trunks_tags_name_the_split_files_and_the_loader_is_preloaded_beside_them() {
        let split =
            [asset("/split-9/app.js", "sha384-glue"), asset("/app-9_bg.wasm", "sha384-main")];
        let loader = asset("/split-9/__wasm_split.js", "sha384-loader");
        let html = repointed(TRUNK_HTML, &trunk_files(), &split, &loader).unwrap();
        assert_eq!(
            html,
            r#"<head><title>t</title><script nonce="{{__TRUNK NONCE__}}">early()</script>
<script type="module" nonce="{{__TRUNK NONCE__}}">
import init, * as bindings from '/split-9/app.js';
const wasm = await init({ module_or_path: '/app-9_bg.wasm' });
</script>
<link rel="modulepreload" nonce="{{__TRUNK NONCE__}}" href="/split-9/app.js" crossorigin="anonymous" integrity="sha384-glue"><link rel="preload" nonce="{{__TRUNK NONCE__}}" href="/app-9_bg.wasm" crossorigin="anonymous" integrity="sha384-main" as="fetch" type="application/wasm"><link rel="modulepreload" nonce="{{__TRUNK NONCE__}}" href="/split-9/__wasm_split.js" crossorigin="anonymous" integrity="sha384-loader">
</head><body></body>"#
        );
    }

    /// Each fails loudly rather than ship a page that loads Trunk's deleted files or fails its
    /// integrity check.
    #[test]
    fn a_page_trunk_wrote_otherwise_is_refused() {
        let split = [asset("/s/app.js", "sha384-g"), asset("/m_bg.wasm", "sha384-m")];
        let loader = asset("/s/l.js", "sha384-l");
        let refused = |html: &str| repointed(html, &trunk_files(), &split, &loader).is_err();
        assert!(!refused(TRUNK_HTML));
        assert!(refused(&TRUNK_HTML.replace("/app-1.js", "/app-3.js")), "another glue");
        assert!(refused(&TRUNK_HTML.replace("sha384-wasm", "sha512-wasm")), "another digest");
        assert!(refused(&TRUNK_HTML.replace(" integrity=\"sha384-js\"", "")), "no integrity");
        assert!(refused(&TRUNK_HTML.replace("</head>", "")), "no head end");
    }
}
