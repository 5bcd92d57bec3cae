//! One screen per file.

mod activated;
mod already_bound;
mod billing;
mod bind_account;
mod bind_workspaces;
mod choose;
mod create_workspace;
mod help;
mod home;
mod login;
mod not_found;
mod register_basic;
mod register_company;
mod register_method;
mod shell;
mod token_error;
mod workspace_home;

pub use activated::{Activated, Bound};
pub use already_bound::AlreadyBound;
pub use billing::{BILLING_LOGIN, BillingLogin, BillingWorkspaces};
pub use bind_account::BindAccount;
pub use bind_workspaces::BindWorkspaces;
pub use choose::{Choose, marketplace_name};
pub use create_workspace::CreateWorkspace;
pub use help::Help;
pub use home::Home;
pub use login::Login;
pub use not_found::NotFound;
pub use register_basic::RegisterBasic;
pub use register_company::RegisterCompany;
pub use register_method::{RegisterMethod, language_options};
pub use shell::{ActivationPage, ActivationShell, Arrival, activation_page, provide_activation};
pub use token_error::TokenError;
pub use workspace_home::WorkspaceHome;
