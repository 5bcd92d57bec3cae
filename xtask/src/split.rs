//! `cargo xtask split`: Trunk's post-build hook (Trunk.toml). In a release build the app's pages
//! are split points (`app/src/lazy.rs`); this cuts the wasm Cargo linked into the main module and
//! the chunks the pages arrive in, and puts them in Trunk's staging folder in place of the one
//! module Trunk made:
//!
//! 1. `wasm-split-cli` (wasm_split_cli_support) splits the linked wasm (it keeps its relocations,
//!    `app/build.rs`) into the main module, one file per chunk of pages (and per set of code that
//!    several chunks share), and `__wasm_split.js`, which fetches them;
//! 2. `wasm-bindgen` makes the main module's JS glue, as Trunk did;
//! 3. `wasm-opt` shrinks every module, with the settings Trunk used for the one module;
//! 4. every file is named after one hash of them all: `app-<hash>_bg.wasm` and the chunks' folder
//!    `split-<hash>/`, so that a new build is new URLs throughout, and a browser never pairs a
//!    cached chunk with another build's main module;
//! 5. `index.html` carries the glue and the loader themselves, in the module script that starts
//!    the app (minified by `terser`), instead of Trunk's import of the glue: fetched as modules,
//!    they arrived last, behind the wasm's compilation on a busy browser. The main module is fetched
//!    with its integrity hash and compiled from a small script right after the title, while the
//!    page is still parsed.
//!
//! A debug build has no split points (`cfg(split)` is release only): the hook leaves it as it is.

use std::{
    fs,
    path::{Path, PathBuf},
};

use crate::{
    sh::{self, Step, describe, output},
    tools::{self, Env},
};

/// The Cargo profile of Trunk's release build (`data-cargo-profile-release` in index.html).
const RELEASE_PROFILE: &str = "wasm-release";
/// What `wasm-opt` does to every module: Trunk's `data-wasm-opt="z"` with these parameters, as
/// before the split (README, Performance).
const WASM_OPT: &[&str] = &["-Oz", "--flatten", "--rereloop", "-Oz", "-Oz"];
/// Trunk's placeholder for the nonce the server gives each response (and names in its CSP).
const NONCE: &str = "{{__TRUNK NONCE__}}";
/// The import the split points compile to, as `wasm-bindgen` writes it in the glue (once per
/// chunk): `import * as <name> from "./__wasm_split.js"`.
const LINK_IMPORT: &str = "from \"./__wasm_split.js\"";
/// How `__wasm_split.js` imports the main module's glue (`wasm-split-cli --out-name app`); in the
/// one inline script, the glue's `initSync` is in scope instead.
const MAIN_IMPORT: &str = "import { initSync } from \"./app.js\";";
/// The glue's exports (`wasm-bindgen --target=web`): nothing can import from an inline script.
const GLUE_EXPORTS: &str = "export { initSync, __wbg_init as default };";
/// The promise of the main module, compiling while the page is parsed (then a `Response` to
/// instantiate, if compiling as it streamed failed, e.g. on a server sending another type).
const COMPILED_GLOBAL: &str = "window.__appWasm";

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
    let work = target.join("wasm-split");
    let chunk_dir = work.join("chunks");
    let _ = fs::remove_dir_all(&work);
    fs::create_dir_all(&chunk_dir).map_err(|err| format!("{}: {err}", chunk_dir.display()))?;

    sh::run(env.cmd("wasm-split-cli").arg(&linked).arg(&chunk_dir).args(["--out-name", "app"]))?;
    let main = chunk_dir.join("app.wasm");
    if !main.is_file() {
        return Err(format!("wasm-split-cli wrote no main module ({})", main.display()));
    }
    sh::run(
        env.cmd("wasm-bindgen")
            // The chunks install their functions in the main module's table: keep it exported.
            .args(["--target=web", "--no-typescript", "--keep-lld-exports", "--out-name=app"])
            .arg(format!("--out-dir={}", work.display()))
            .arg(&main),
    )?;
    fs::remove_file(&main).map_err(|err| err.to_string())?;
    let main = work.join("main.wasm");
    optimise(env, &work.join("app_bg.wasm"), &main)?;
    let mut chunks = wasm_files(&chunk_dir)?;
    chunks.sort();
    for chunk in &chunks {
        optimise(env, chunk, chunk)?;
    }
    let glue_path = work.join("app.js");
    let loader_path = chunk_dir.join("__wasm_split.js");

    // Every file is named after all of them, so that any change is a new URL for every one
    // (Trunk's own hashes are of the unsplit build, and its glue's does not change with the code).
    let mut outputs = vec![main.clone(), glue_path.clone(), loader_path.clone()];
    outputs.extend(chunks.iter().cloned());
    let hash = digest(&outputs, &work.join("all-outputs"))?;
    let folder_name = format!("split-{hash}");
    let wasm = format!("app-{hash}_bg.wasm");
    let folder = staging.join(&folder_name);
    fs::create_dir_all(&folder).map_err(|err| format!("{}: {err}", folder.display()))?;
    for chunk in &chunks {
        let name = chunk.file_name().ok_or("a chunk without a file name")?;
        fs::rename(chunk, folder.join(name))
            .map_err(|err| format!("{}: {err}", chunk.display()))?;
    }
    fs::rename(&main, staging.join(&wasm)).map_err(|err| format!("{}: {err}", main.display()))?;
    for old in [&trunk_js, &trunk_wasm] {
        fs::remove_file(staging.join(old)).map_err(|err| format!("{old}: {err}"))?;
    }

    // The loader fetches the chunks from beside where it would be, in the chunks' folder.
    let loader_url = format!("{public_url}{folder_name}/__wasm_split.js");
    let loader = inline_loader(&read(&loader_path)?, &loader_url)?;
    let start = work.join("start.js");
    write(&start, &start_script(&read(&glue_path)?, &loader)?)?;
    minify(env, &start)?;

    let html_path = staging.join("index.html");
    let html = read(&html_path)?;
    let html = with_inline_start(&html, &format!("{public_url}{trunk_js}"), &read(&start)?)?;
    let wasm_url = format!("{public_url}{wasm}");
    let html = with_compile_script(
        &html,
        &format!("{public_url}{trunk_wasm}"),
        &wasm_url,
        &sri(&staging.join(&wasm))?,
    )?;
    // Nothing of the app is fetched as a module any more.
    let html = with_tag_replaced(&html, &format!("{public_url}{trunk_js}"), "")?;
    write(&html_path, &html)?;
    println!("    main module {wasm}, {} chunks in {folder_name}/", chunks.len());
    Ok(())
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

/// Minifies an ES module in place: terser's compression and local-name mangling (property names
/// stay, so the wasm's imports still match).
fn minify(env: &Env, script: &Path) -> Result<(), String> {
    let minified = script.with_extension("min.js");
    sh::run(
        env.cmd("terser")
            .arg(script)
            .args(["--module", "--compress", "--mangle", "--output"])
            .arg(&minified),
    )?;
    fs::rename(&minified, script).map_err(|err| format!("{}: {err}", script.display()))
}

fn read(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|err| format!("{}: {err}", path.display()))
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    fs::write(path, text).map_err(|err| format!("{}: {err}", path.display()))
}

/// `text` with every `from` replaced; an error when it has none (the tools' output changed shape,
/// and a silent miss would ship a page that cannot load its chunks).
fn replace_all(text: &str, from: &str, to: &str) -> Result<String, String> {
    if text.contains(from) {
        Ok(text.replace(from, to))
    } else {
        Err(format!("expected {from:?} in the generated JS or index.html"))
    }
}

/// The loader as a block of the inline script: an expression for its exports, the chunks'
/// `__wasm_split_load_*` functions. It calls the glue's `initSync` (in scope there) for the main
/// module's exports, and finds the chunks relative to `loader_url`, its would-be address.
fn inline_loader(loader: &str, loader_url: &str) -> Result<String, String> {
    let loader = replace_all(loader, MAIN_IMPORT, "")?;
    let loader = replace_all(
        &loader,
        "import.meta.url",
        &format!("new URL(\"{loader_url}\", location.href)"),
    )?;
    let export = "export const ";
    let names: Vec<&str> = loader
        .match_indices(export)
        .map(|(at, _)| {
            let rest = &loader[at + export.len()..];
            &rest[..rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(0)]
        })
        .collect();
    if names.is_empty() || names.iter().any(|name| name.is_empty()) {
        return Err(format!("expected `{export}<name>` in the chunk loader"));
    }
    let body = loader.replace(export, "const ");
    if body.contains("export ") || body.contains("import ") {
        return Err("the chunk loader has an import or export the hook does not know".into());
    }
    Ok(format!("(() => {{\n{body}\nreturn {{ {} }};\n}})()", names.join(", ")))
}

/// The page's module script: the glue, with the loader (`inline_loader`) where it imported it,
/// then the start of the app with the main module compiled meanwhile (`with_compile_script`).
fn start_script(glue: &str, loader: &str) -> Result<String, String> {
    let at = glue.find(LINK_IMPORT).ok_or("the glue does not import the chunk loader")?;
    let start = glue[..at].rfind("import * as ").ok_or("the glue imports the loader unnamed")?;
    let name = glue[start + "import * as ".len()..at].trim();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(format!("the glue names the loader {name:?}"));
    }
    if glue[at + LINK_IMPORT.len()..].contains(LINK_IMPORT) {
        return Err("the glue imports the chunk loader twice".into());
    }
    let glue =
        format!("{}const {name} = {loader};{}", &glue[..start], &glue[at + LINK_IMPORT.len()..]);
    let start = format!("await __wbg_init({{ module_or_path: {COMPILED_GLOBAL} }});");
    replace_all(&glue, GLUE_EXPORTS, &start)
}

/// `html` with Trunk's module script, which imports the glue from `glue_url`, in place of
/// `script`, the glue and the start of the app.
fn with_inline_start(html: &str, glue_url: &str, script: &str) -> Result<String, String> {
    let lower = script.to_ascii_lowercase();
    if lower.contains("</script") || lower.contains("<!--") {
        return Err("the glue holds `</script` or `<!--`, which would end its inline script".into());
    }
    let import = format!("from '{glue_url}'");
    let at = html.find(&import).ok_or_else(|| format!("index.html imports no {glue_url}"))?;
    let start = html[..at].rfind("<script").ok_or("index.html: an import outside a script")?;
    let close = "</script>";
    let end = at + html[at..].find(close).ok_or("index.html: an unclosed script")? + close.len();
    let inline = format!("<script type=\"module\" nonce=\"{NONCE}\">\n{script}\n</script>");
    Ok(format!("{}{inline}{}", &html[..start], &html[end..]))
}

/// `html` without Trunk's preload of the main module (at `preloaded`), and with a script right
/// after the title that fetches it from `wasm_url`, checked against `integrity`, and compiles it as
/// it streams. The parser runs it before it reaches the stylesheet and the inline glue (a preload
/// scanner does not look into scripts).
fn with_compile_script(
    html: &str,
    preloaded: &str,
    wasm_url: &str,
    integrity: &str,
) -> Result<String, String> {
    let fetch = format!("fetch(\"{wasm_url}\", {{ integrity: \"{integrity}\" }})");
    let script = format!(
        "<script nonce=\"{NONCE}\">{COMPILED_GLOBAL} = WebAssembly.compileStreaming({fetch}).catch(() => {fetch});</script>"
    );
    let html = with_tag_replaced(html, preloaded, "")?;
    let title = "</title>";
    let at = html.find(title).ok_or("index.html has no </title>")? + title.len();
    Ok(format!("{}\n    {script}{}", &html[..at], &html[at..]))
}

/// `html` with the tag whose `href` is `href` replaced by `new`.
fn with_tag_replaced(html: &str, href: &str, new: &str) -> Result<String, String> {
    let at = html
        .find(&format!("href=\"{href}\""))
        .ok_or_else(|| format!("index.html links no {href}"))?;
    let start = html[..at].rfind('<').ok_or("index.html: an attribute outside a tag")?;
    let end = at + html[at..].find('>').ok_or("index.html: an unclosed tag")? + 1;
    Ok(format!("{}{new}{}", &html[..start], &html[end..]))
}

/// The subresource-integrity value of a file: `sha384-` and the base64 of its SHA-384
/// (coreutils' `sha384sum`, so the xtask stays std only).
fn sri(path: &Path) -> Result<String, String> {
    let hex = sha384_hex(path)?;
    let bytes = (0..hex.len())
        .step_by(2)
        .map(|i| hex.get(i..i + 2).and_then(|pair| u8::from_str_radix(pair, 16).ok()))
        .collect::<Option<Vec<u8>>>()
        .ok_or_else(|| format!("sha384sum printed {hex:?}"))?;
    Ok(format!("sha384-{}", base64(&bytes)))
}

/// The SHA-384 of a file in hex (coreutils' `sha384sum`).
fn sha384_hex(path: &Path) -> Result<String, String> {
    let mut command = std::process::Command::new("sha384sum");
    command.arg(path);
    let out = output(&mut command).ok_or_else(|| format!("`{}` failed", describe(&command)))?;
    let hex = out.split_whitespace().next().unwrap_or_default();
    if hex.len() == 96 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        Ok(hex.to_owned())
    } else {
        Err(format!("sha384sum printed {out:?}"))
    }
}

/// 16 hex digits of the SHA-384 of the files' bytes, in order (`scratch` holds them meanwhile): a
/// name that changes when any byte does.
fn digest(files: &[PathBuf], scratch: &Path) -> Result<String, String> {
    let mut all = Vec::new();
    for file in files {
        all.extend(fs::read(file).map_err(|err| format!("{}: {err}", file.display()))?);
    }
    fs::write(scratch, &all).map_err(|err| format!("{}: {err}", scratch.display()))?;
    Ok(sha384_hex(scratch)?[..16].to_owned())
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for group in bytes.chunks(3) {
        let n = group.iter().enumerate().fold(0u32, |n, (i, &b)| n | u32::from(b) << (16 - 8 * i));
        for i in 0..4 {
            if i <= group.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{
        GLUE_EXPORTS, base64, digest, inline_loader, replace_all, start_script,
        with_compile_script, with_inline_start, with_tag_replaced,
    };

    #[test]
    fn the_name_changes_with_any_byte_of_any_file() {
        let dir = std::env::temp_dir().join(format!("xtask-digest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let (a, b, scratch) = (dir.join("a"), dir.join("b"), dir.join("scratch"));
        let name = |a_text: &str, b_text: &str| {
            std::fs::write(&a, a_text).unwrap();
            std::fs::write(&b, b_text).unwrap();
            digest(&[a.clone(), b.clone()], &scratch).unwrap()
        };
        let first = name("main", "chunk");
        assert_eq!(first.len(), 16);
        assert!(first.bytes().all(|b| b.is_ascii_hexdigit()), "{first}");
        assert_eq!(name("main", "chunk"), first);
        assert_ne!(name("main", "chunk!"), first);
        assert_ne!(name("Main", "chunk"), first);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn base64_pads_like_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xfb, 0xff]), "+/8=");
    }

    #[test]
    fn replace_all_refuses_a_missing_import() {
        assert_eq!(replace_all("a x b x", "x", "y").unwrap(), "a y b y");
        assert!(replace_all("a b", "x", "y").is_err());
    }

    const LOADER: &str = "import { initSync } from \"./app.js\";\nlet shared;\nfunction imports() { return initSync(undefined, undefined); }\nexport const __wasm_split_load_pages = load(new URL(\"./split_pages.wasm\", import.meta.url));\nexport const __wasm_split_load_more = load(new URL(\"./split_more.wasm\", import.meta.url));\n";

    #[test]
    fn the_loader_becomes_an_expression_of_its_exports() {
        let loader = inline_loader(LOADER, "/split-1/__wasm_split.js").unwrap();
        assert!(loader.starts_with("(() => {\n"), "{loader}");
        assert!(
            loader.ends_with("\nreturn { __wasm_split_load_pages, __wasm_split_load_more };\n})()"),
            "{loader}"
        );
        assert!(!loader.contains("import ") && !loader.contains("export "), "{loader}");
        assert!(loader.contains("const __wasm_split_load_pages = load(new URL(\"./split_pages.wasm\", new URL(\"/split-1/__wasm_split.js\", location.href)));"), "{loader}");
        // The glue's own initSync, in scope in the one script.
        assert!(loader.contains("return initSync(undefined, undefined);"), "{loader}");
        assert!(inline_loader(&LOADER.replace("./app.js", "./other.js"), "/l.js").is_err());
        assert!(inline_loader(&LOADER.replace("export const", "const"), "/l.js").is_err());
        assert!(inline_loader(&format!("{LOADER}export default 1;"), "/l.js").is_err());
        assert!(inline_loader(&format!("{LOADER}import \"./x.js\";"), "/l.js").is_err());
    }

    #[test]
    fn the_glue_holds_the_loader_where_it_imported_it_and_starts_the_app() {
        let glue = "import * as import1 from \"./__wasm_split.js\"\nfunction initSync() {}\nconst imports = { \"./__wasm_split.js\": import1 };\nexport { initSync, __wbg_init as default };\n";
        let script = start_script(glue, "LOADER").unwrap();
        assert_eq!(
            script,
            "const import1 = LOADER;\nfunction initSync() {}\nconst imports = { \"./__wasm_split.js\": import1 };\nawait __wbg_init({ module_or_path: window.__appWasm });\n"
        );
        assert!(start_script("function initSync() {}", "L").is_err());
        assert!(start_script("import * as import1 from \"./__wasm_split.js\"", "L").is_err());
        let twice = format!(
            "import * as a from \"./__wasm_split.js\"\nimport * as b from \"./__wasm_split.js\"\n{GLUE_EXPORTS}"
        );
        assert!(start_script(&twice, "L").is_err());
    }

    #[test]
    fn trunks_module_script_gives_way_to_the_inline_one() {
        let html = "<head><style>x</style><script type=\"module\" nonce=\"n\">\nimport init, * as bindings from '/app-1.js';\nawait init();\n</script>\n<link href=\"/app-1.js\"></head>";
        let html = with_inline_start(html, "/app-1.js", "glue();").unwrap();
        assert_eq!(
            html,
            "<head><style>x</style><script type=\"module\" nonce=\"{{__TRUNK NONCE__}}\">\nglue();\n</script>\n<link href=\"/app-1.js\"></head>"
        );
        assert!(with_inline_start(&html, "/app-2.js", "glue();").is_err());
        for unsafe_text in ["a = '</SCRIPT>'", "b = '<!--'"] {
            let trunk = "<script type=\"module\">import init from '/app-1.js';</script>";
            assert!(with_inline_start(trunk, "/app-1.js", unsafe_text).is_err(), "{unsafe_text}");
        }
    }

    #[test]
    fn the_named_links_are_replaced_and_no_other() {
        let html = r#"<title>t</title><style></style><link rel="modulepreload" href="/app-1.js" integrity="g"><link rel="preload" href="/app-1_bg.wasm" as="fetch"><link href="/other.css">"#;
        let html = with_tag_replaced(html, "/app-1.js", "").unwrap();
        let html =
            with_compile_script(&html, "/app-1_bg.wasm", "/app-2_bg.wasm", "sha384-w").unwrap();
        let fetch = r#"fetch("/app-2_bg.wasm", { integrity: "sha384-w" })"#;
        assert_eq!(
            html,
            format!(
                r#"<title>t</title>
    <script nonce="{{{{__TRUNK NONCE__}}}}">window.__appWasm = WebAssembly.compileStreaming({fetch}).catch(() => {fetch});</script><style></style><link href="/other.css">"#
            )
        );
        assert!(with_tag_replaced(&html, "/app-1.js", "x").is_err());
    }
}
