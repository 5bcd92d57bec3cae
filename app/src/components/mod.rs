//! Pieces shared by several pages.

mod dialog;
mod feedback;
mod fields;
pub mod form;
mod header;
pub mod parts;
mod send_code;
mod steps;
mod workspaces;

pub use dialog::{ConfirmDialog, make_outside_inert, release_inert};
pub use feedback::{
    ErrorSummary, FailureBanner, FailureCard, MOUNTED_MARK, PageHeading, STARTED_MARK,
    SubmitButton, focus_element, mark,
};
pub use fields::{CheckboxField, SelectField, TextField};
pub use form::{Binding, Form, Toggle, errors_of};
pub use header::Header;
pub use send_code::SendCodeButton;
pub use steps::StepIndicator;
pub use workspaces::{BindableCard, CardNames, WorkspaceTable};
