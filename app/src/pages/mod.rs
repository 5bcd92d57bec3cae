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
mod offered;
mod recovery;
mod register_basic;
mod register_company;
mod register_method;
mod settlement;
mod shell;
mod terms;
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
pub use recovery::{BillingForgotPassword, BillingForgotUsername, ForgotPassword, ForgotUsername};
pub use register_basic::RegisterBasic;
pub use register_company::RegisterCompany;
pub use register_method::{
    RegisterMethod, language_binding, language_options, workspace_language_or_ui,
};
pub use shell::{ActivationShell, Arrival, provide_activation};
pub use terms::Terms;
pub use token_error::{TokenError, WayBack};
pub use workspace_home::WorkspaceHome;

/// The pages that arrive by chunk (`crate::lazy`): all in one, which the first screen prefetches.
/// (One chunk is 95 KB brotli; the same pages in three groups took 117 KB in six files, the code
/// they share in chunks of its own.) The pages a buyer lands on (Choose, the token errors, Already
/// bound, Not found) and the activation shell are in the main module. The chunk also holds the
/// pieces the warm-up builds before the form pages (`NEXT`).
pub mod chunks {
    use super::*;
    use crate::components::parts::{Field, FormEnd, FormTop, SendCode};

    crate::split_pages! {
        pages {
            REGISTER_BASIC: register_basic => RegisterBasic,
            REGISTER_COMPANY: register_company => RegisterCompany,
            REGISTER_METHOD: register_method => RegisterMethod,
            ACTIVATED: activated => Activated,
            BIND_ACCOUNT: bind_account => BindAccount,
            BIND_WORKSPACES: bind_workspaces => BindWorkspaces,
            CREATE_WORKSPACE: create_workspace => CreateWorkspace,
            BOUND: bound => Bound,
            HOME: home => Home,
            HELP: help => Help,
            TERMS: terms => Terms,
            LOGIN: login => Login,
            WORKSPACE_HOME: workspace_home => WorkspaceHome,
            BILLING_LOGIN: billing_login => BillingLogin,
            BILLING_WORKSPACES: billing_workspaces => BillingWorkspaces,
            FORGOT_PASSWORD: forgot_password => ForgotPassword,
            FORGOT_USERNAME: forgot_username => ForgotUsername,
            BILLING_FORGOT_PASSWORD: billing_forgot_password => BillingForgotPassword,
            BILLING_FORGOT_USERNAME: billing_forgot_username => BillingForgotUsername,
            FORM_TOP: form_top => FormTop,
            FORM_END: form_end => FormEnd,
            FIELD: field => Field,
            SEND_CODE: send_code => SendCode,
        }
    }

    /// The pages a buyer most likely opens next from the first screen (Choose's two ways), warmed
    /// once every page is fetched (`crate::lazy::prefetch`), one per idle callback. Before them,
    /// the pieces they share (`crate::components::parts`), each alone, so that no one of those
    /// tasks compiles the whole form machinery; then the page with fewer fields, then the other.
    pub static NEXT: &[&crate::lazy::Split] =
        &[&FORM_TOP, &FORM_END, &FIELD, &SEND_CODE, &BIND_ACCOUNT, &REGISTER_BASIC];
}
