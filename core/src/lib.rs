//! `activation-core`: the rules of the marketplace activation console, shared by the app (compiled to
//! wasm) and the mock backend (compiled natively). Pure Rust: no I/O, no clocks, no randomness; the
//! callers pass in what time it is.
//!
//! - [`domain`]: validated values (parse, don't validate) and the marketplaces and sites.
//! - [`field`]: which input is wrong and how.
//! - [`draft`]: forms as typed, and their validation into domain values.
//! - [`flow`]: the activation state machine and its URLs.
//! - [`api`]: paths, wire types and the error body shared with the backend.
//! - [`recovery`]: Forgot password? and Forgot username?.
//! - [`settlement`]: the Billing Center's Change settlement method and its rules.

#[macro_use]
mod names;

pub mod api;
pub mod domain;
pub mod draft;
pub mod field;
#[cfg(test)]
mod fixtures;
pub mod flow;
mod passwords;
pub mod recovery;
pub mod rules;
pub mod settlement;
mod tagged;

pub use field::{FieldError, FieldErrors, FieldId};
