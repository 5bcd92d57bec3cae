//! The release wasm with the `split` feature (what Trunk builds) gets `cfg(split)`: pages become
//! split points (`src/lazy.rs`), and the linker keeps its relocations, which `cargo xtask split`
//! needs to cut the wasm into chunks. Debug builds and the browser tests stay one module.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(split)");
    let feature = std::env::var_os("CARGO_FEATURE_SPLIT").is_some();
    let wasm = std::env::var("CARGO_CFG_TARGET_ARCH").is_ok_and(|arch| arch == "wasm32");
    let release = std::env::var("PROFILE").is_ok_and(|profile| profile == "release");
    if feature && wasm && release {
        println!("cargo::rustc-cfg=split");
        println!("cargo::rustc-link-arg-bins=--emit-relocs");
    }
}
