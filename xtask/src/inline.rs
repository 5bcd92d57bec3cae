//! The page the app starts from: `index.html` as the split hook (`split.rs`) leaves it, with the
//! JS glue and the chunk loader in its one module script, and a script right after the title that
//! fetches and compiles the main module while the page is parsed. Fetched as modules, the glue and
//! the loader arrived last, behind the wasm's compilation on a busy browser (README, Performance).
//! Each edit is text surgery on what wasm-bindgen, wasm-split-cli and Trunk write, so each fails
//! loudly when their output changes shape.

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
pub fn inline_loader(loader: &str, loader_url: &str) -> Result<String, String> {
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
pub fn start_script(glue: &str, loader: &str) -> Result<String, String> {
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
pub fn with_inline_start(html: &str, glue_url: &str, script: &str) -> Result<String, String> {
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
pub fn with_compile_script(
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
pub fn with_tag_replaced(html: &str, href: &str, new: &str) -> Result<String, String> {
    let at = html
        .find(&format!("href=\"{href}\""))
        .ok_or_else(|| format!("index.html links no {href}"))?;
    let start = html[..at].rfind('<').ok_or("index.html: an attribute outside a tag")?;
    let end = at + html[at..].find('>').ok_or("index.html: an unclosed tag")? + 1;
    Ok(format!("{}{new}{}", &html[..start], &html[end..]))
}

#[cfg(test)]
mod tests {
    use super::{
        GLUE_EXPORTS, inline_loader, replace_all, start_script, with_compile_script,
        with_inline_start, with_tag_replaced,
    };

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
