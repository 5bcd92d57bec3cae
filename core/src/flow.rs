//! The activation flow: one state machine for every path of every marketplace, and the mapping between
//! its steps and URL paths.
//!
//! ```text
//!                       ┌─ TokenRejected(p) ─▶ TokenError(p)
//!  Arrival ─────────────┼─ ContextLoaded{bound: true} ─▶ AlreadyBound ─ GoToLogin ─▶ Login
//!                       │                                     └─ DirectLogin (Huawei) ─▶ Home
//!                       └─ ContextLoaded{bound: false} ─▶ Choose
//!  Choose ─ ChooseRegister ─▶ RegisterBasic ─ BasicInfoAccepted ─▶ RegisterCompany
//!         ─ CompanyInfoAccepted ─▶ RegisterMethod ─ Activated ─▶ Activated ─ GoToLogin ─▶ Login
//!  Choose ─ ChooseBind ─▶ BindAccount ─ AccountBound ─▶ BindWorkspaces ⟲ WorkspaceBound
//!         BindWorkspaces ─ OpenCreate(tab) ─▶ CreateWorkspace(tab) ⟲ SwitchTab(tab)
//!         CreateWorkspace ─ WorkspaceCreated | Back ─▶ BindWorkspaces
//!         BindWorkspaces ─ Done{bound ≥ 1} ─▶ Bound ─ GoToLogin ─▶ Login
//!  Login ─ LoggedIn ─▶ Home
//!  Back: RegisterBasic → Choose, RegisterCompany → RegisterBasic, RegisterMethod → RegisterCompany,
//!        BindAccount → Choose, CreateWorkspace → BindWorkspaces
//! ```
//! Drafts are not in the states: the app keeps them beside the step, so going back loses nothing.
//! Every other (step, event) pair is a [`FlowError`], never a panic.

use serde::{Deserialize, Serialize};

use crate::domain::Marketplace;

wire_enum! {
    /// Why a marketplace hand-off was refused.
    pub enum TokenProblem {
        /// The marketplace sent no token at all.
        Missing = "missing",
        /// The token is not one the marketplace issued (forged, mangled, wrong signature).
        Invalid = "invalid",
        /// The token (or its timestamp) is too old.
        Expired = "expired",
        /// The token was already redeemed once.
        Used = "used",
        /// Huawei: the unified login was started in another browser (its `state` is not the one
        /// our hand-off set in this browser).
        OtherBrowser = "other-browser",
    }
}

/// The query parameter of a token-error page that names the marketplace the buyer came from
/// (a [`Marketplace`] code), so the page can say where to go back to.
pub const FROM_MARKETPLACE: &str = "marketplace";

impl TokenProblem {
    /// The app URL of the page for this problem with a hand-off from `marketplace`, e.g.
    /// `/activate/error/expired?marketplace=aws`: [`Step::TokenError`]'s path (which
    /// [`Step::from_path`] reads, the query ignored) with [`FROM_MARKETPLACE`].
    pub fn page(self, marketplace: Marketplace) -> String {
        format!("{}?{FROM_MARKETPLACE}={}", Step::TokenError(self).path(), marketplace.code())
    }
}

/// The two tabs of the create-workspace form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum CreateTab {
    /// "I have a Guance account": verified by email.
    ExistingAccount,
    /// "I don't have a Guance account": registers one too.
    NewAccount,
}

impl CreateTab {
    pub fn code(self) -> &'static str {
        match self {
            CreateTab::ExistingAccount => "existing-account",
            CreateTab::NewAccount => "new-account",
        }
    }

    pub fn from_code(code: &str) -> Option<CreateTab> {
        [CreateTab::ExistingAccount, CreateTab::NewAccount].into_iter().find(|t| t.code() == code)
    }
}

/// Where the customer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "step", content = "detail", rename_all = "snake_case")]
pub enum Step {
    /// Just handed off; the session's context is loading.
    Arrival,
    TokenError(TokenProblem),
    AlreadyBound,
    Choose,
    RegisterBasic,
    RegisterCompany,
    RegisterMethod,
    Activated,
    BindAccount,
    BindWorkspaces,
    CreateWorkspace(CreateTab),
    Bound,
    Login,
    Home,
}

/// Something that happened: a user action or a server answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    ContextLoaded { bound: bool },
    TokenRejected { problem: TokenProblem },
    ChooseRegister,
    ChooseBind,
    BasicInfoAccepted,
    CompanyInfoAccepted,
    Activated,
    AccountBound,
    WorkspaceBound,
    OpenCreate { tab: CreateTab },
    SwitchTab { tab: CreateTab },
    WorkspaceCreated,
    Done { bound: u32 },
    Back,
    GoToLogin,
    DirectLogin,
    LoggedIn,
}

impl Event {
    /// The step this event happens on, for the events that change what a session has done (the
    /// ones [`Progress::apply`] takes); `None` for the others.
    pub fn origin(self) -> Option<Step> {
        let step = match self {
            Event::ContextLoaded { .. } => Step::Arrival,
            Event::BasicInfoAccepted => Step::RegisterBasic,
            Event::CompanyInfoAccepted => Step::RegisterCompany,
            Event::Activated => Step::RegisterMethod,
            Event::AccountBound => Step::BindAccount,
            Event::WorkspaceBound | Event::Done { .. } => Step::BindWorkspaces,
            Event::WorkspaceCreated => Step::CreateWorkspace(CreateTab::ExistingAccount),
            Event::DirectLogin => Step::AlreadyBound,
            _ => return None,
        };
        Some(step)
    }
}

/// An event that cannot happen in the current step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FlowError {
    /// The pair is not an edge of the diagram.
    Illegal { step: Step, event: Event },
    /// "Done" with no workspace bound yet.
    NothingBound,
    /// Direct login is only for Huawei KooGallery buyers.
    DirectLoginNotOffered { marketplace: Marketplace },
    /// The session may not be on the step the event happens on (yet, or any more): `expected` is
    /// where it may be instead ([`Progress::resolve`]).
    NotReached { expected: Step },
}

/// The flow of one activation session.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Flow {
    pub marketplace: Marketplace,
    pub step: Step,
}

impl Flow {
    /// A session that has just arrived from `marketplace`.
    pub fn arrive(marketplace: Marketplace) -> Flow {
        Flow { marketplace, step: Step::Arrival }
    }

    /// The next flow after `event`, or why `event` cannot happen now.
    pub fn update(self, event: Event) -> Result<Flow, FlowError> {
        use Event as E;
        use Step as S;
        let step = match (self.step, event) {
            (S::Arrival, E::TokenRejected { problem }) => S::TokenError(problem),
            (S::Arrival, E::ContextLoaded { bound: true }) => S::AlreadyBound,
            (S::Arrival, E::ContextLoaded { bound: false }) => S::Choose,
            (S::Choose, E::ChooseRegister) => S::RegisterBasic,
            (S::Choose, E::ChooseBind) => S::BindAccount,
            (S::RegisterBasic, E::BasicInfoAccepted) => S::RegisterCompany,
            (S::RegisterCompany, E::CompanyInfoAccepted) => S::RegisterMethod,
            (S::RegisterMethod, E::Activated) => S::Activated,
            (S::BindAccount, E::AccountBound) => S::BindWorkspaces,
            (S::BindWorkspaces, E::WorkspaceBound) => S::BindWorkspaces,
            (S::BindWorkspaces, E::OpenCreate { tab }) => S::CreateWorkspace(tab),
            (S::CreateWorkspace(_), E::SwitchTab { tab }) => S::CreateWorkspace(tab),
            (S::CreateWorkspace(_), E::WorkspaceCreated) => S::BindWorkspaces,
            (S::BindWorkspaces, E::Done { bound: 0 }) => return Err(FlowError::NothingBound),
            (S::BindWorkspaces, E::Done { .. }) => S::Bound,
            (S::RegisterBasic | S::BindAccount, E::Back) => S::Choose,
            (S::RegisterCompany, E::Back) => S::RegisterBasic,
            (S::RegisterMethod, E::Back) => S::RegisterCompany,
            (S::CreateWorkspace(_), E::Back) => S::BindWorkspaces,
            (S::Activated | S::Bound | S::AlreadyBound, E::GoToLogin) => S::Login,
            (S::AlreadyBound, E::DirectLogin) if self.marketplace.offers_direct_login() => S::Home,
            (S::AlreadyBound, E::DirectLogin) => {
                return Err(FlowError::DirectLoginNotOffered { marketplace: self.marketplace });
            }
            (S::Login, E::LoggedIn) => S::Home,
            (step, event) => return Err(FlowError::Illegal { step, event }),
        };
        Ok(Flow { step, ..self })
    }
}

/// What the session has done so far; the server keeps it, the app uses it to send a direct link to
/// the step the customer can actually be on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct Progress {
    /// The cloud account was bound before this session started.
    pub already_bound: bool,
    pub basic_info_done: bool,
    pub company_info_done: bool,
    /// Registration finished: the workspace exists.
    pub activated: bool,
    /// A Billing Center account was bound in this session.
    pub account_bound: bool,
    /// Workspaces bound (or created and bound) in this session.
    pub workspaces_bound: u32,
    /// The bind path was finished with Done.
    pub bind_finished: bool,
}

impl Progress {
    /// What a session knows when it opens: whether its cloud account was bound before.
    pub fn arrive(marketplace: Marketplace, bound: bool) -> Progress {
        Progress::default()
            .apply(marketplace, Event::ContextLoaded { bound })
            .expect("a new session takes its context")
    }

    /// The progress after `event`, through the machine: the session must be able to be on the
    /// step the event happens on ([`Event::origin`], by [`Progress::resolve`]), and
    /// [`Flow::update`] must take the event there. This is the only way a session's progress
    /// changes, in the mock and in the app; a refusal leaves it as it was.
    pub fn apply(self, marketplace: Marketplace, event: Event) -> Result<Progress, FlowError> {
        let Some(at) = event.origin() else {
            return Err(FlowError::Illegal { step: Step::Arrival, event });
        };
        match event {
            // A session opens once, on arrival.
            Event::ContextLoaded { .. } if self != Progress::default() => {
                return Err(FlowError::Illegal { step: self.resolve(Step::Choose), event });
            }
            Event::ContextLoaded { .. } => {}
            _ => self.check(at)?,
        }
        Flow { marketplace, step: at }.update(event)?;
        let mut next = self;
        match event {
            Event::ContextLoaded { bound } => next.already_bound = bound,
            Event::BasicInfoAccepted => next.basic_info_done = true,
            Event::CompanyInfoAccepted => next.company_info_done = true,
            Event::Activated => next.activated = true,
            Event::AccountBound => next.account_bound = true,
            Event::WorkspaceBound | Event::WorkspaceCreated => next.workspaces_bound += 1,
            Event::Done { .. } => next.bind_finished = true,
            _ => {}
        }
        Ok(next)
    }

    /// Whether the session may be on `step` now; if not, where it may be instead.
    pub fn check(&self, step: Step) -> Result<(), FlowError> {
        match self.resolve(step) {
            here if here == step => Ok(()),
            expected => Err(FlowError::NotReached { expected }),
        }
    }

    /// The step to show for a request to see `requested`: `requested` itself when the session may be
    /// there, otherwise the furthest step it may be on along the same path. A finished activation
    /// only shows its summary, so a link opened twice never activates twice.
    pub fn resolve(&self, requested: Step) -> Step {
        use Step as S;
        if self.already_bound {
            return match requested {
                S::AlreadyBound | S::Login | S::Home => requested,
                _ => S::AlreadyBound,
            };
        }
        if self.activated {
            return match requested {
                S::Activated | S::Login | S::Home => requested,
                _ => S::Activated,
            };
        }
        if self.bind_finished {
            return match requested {
                S::Bound | S::Login | S::Home => requested,
                _ => S::Bound,
            };
        }
        match requested {
            // A bound Billing Center account commits the session to the bind path: the diagram has
            // no way back from the workspace list to Choose, so no link may lead there either.
            S::Choose
            | S::RegisterBasic
            | S::RegisterCompany
            | S::RegisterMethod
            | S::Activated
            | S::AlreadyBound
                if self.account_bound =>
            {
                S::BindWorkspaces
            }
            S::Arrival | S::TokenError(_) | S::Choose | S::RegisterBasic | S::Login | S::Home => {
                requested
            }
            S::RegisterCompany if self.basic_info_done => requested,
            S::RegisterCompany => S::RegisterBasic,
            S::RegisterMethod | S::Activated if self.company_info_done => S::RegisterMethod,
            S::RegisterMethod | S::Activated => self.resolve(S::RegisterCompany),
            S::BindAccount if self.account_bound => S::BindWorkspaces,
            S::BindAccount => requested,
            S::BindWorkspaces | S::CreateWorkspace(_) if self.account_bound => requested,
            S::BindWorkspaces | S::CreateWorkspace(_) => S::BindAccount,
            S::Bound if self.account_bound => S::BindWorkspaces,
            S::Bound => S::BindAccount,
            S::AlreadyBound => S::Choose,
        }
    }
}

impl Step {
    /// The app URL path of this step.
    pub fn path(self) -> String {
        let fixed = match self {
            Step::Arrival => "/activate",
            Step::TokenError(problem) => return format!("/activate/error/{}", problem.code()),
            Step::AlreadyBound => "/activate/bound-already",
            Step::Choose => "/activate/choose",
            Step::RegisterBasic => "/activate/register/basic",
            Step::RegisterCompany => "/activate/register/company",
            Step::RegisterMethod => "/activate/register/method",
            Step::Activated => "/activate/register/done",
            Step::BindAccount => "/activate/bind/account",
            Step::BindWorkspaces => "/activate/bind/workspaces",
            Step::CreateWorkspace(tab) => {
                return format!("/activate/bind/workspaces/new/{}", tab.code());
            }
            Step::Bound => "/activate/bind/done",
            Step::Login => "/login",
            Step::Home => "/workspace",
        };
        fixed.to_owned()
    }

    /// The step whose URL path is `path` (a trailing slash, query or fragment is ignored).
    pub fn from_path(path: &str) -> Option<Step> {
        let path = path.split(['?', '#']).next().unwrap_or_default();
        let path = path.strip_suffix('/').filter(|p| !p.is_empty()).unwrap_or(path);
        let step = match path {
            "/activate" => Step::Arrival,
            "/activate/bound-already" => Step::AlreadyBound,
            "/activate/choose" => Step::Choose,
            "/activate/register/basic" => Step::RegisterBasic,
            "/activate/register/company" => Step::RegisterCompany,
            "/activate/register/method" => Step::RegisterMethod,
            "/activate/register/done" => Step::Activated,
            "/activate/bind/account" => Step::BindAccount,
            "/activate/bind/workspaces" => Step::BindWorkspaces,
            "/activate/bind/done" => Step::Bound,
            "/login" => Step::Login,
            "/workspace" => Step::Home,
            other => {
                if let Some(code) = other.strip_prefix("/activate/error/") {
                    return TokenProblem::from_code(code).map(Step::TokenError);
                }
                let code = other.strip_prefix("/activate/bind/workspaces/new/")?;
                return CreateTab::from_code(code).map(Step::CreateWorkspace);
            }
        };
        Some(step)
    }

    /// Where this step sits in the register (1–4) or bind (1–3) step indicator, if it is on one.
    pub fn indicator(self) -> Option<(Path, u8)> {
        match self {
            Step::RegisterBasic => Some((Path::Register, 1)),
            Step::RegisterCompany => Some((Path::Register, 2)),
            Step::RegisterMethod => Some((Path::Register, 3)),
            Step::Activated => Some((Path::Register, 4)),
            Step::BindAccount => Some((Path::Bind, 1)),
            Step::BindWorkspaces | Step::CreateWorkspace(_) => Some((Path::Bind, 2)),
            Step::Bound => Some((Path::Bind, 3)),
            _ => None,
        }
    }
}

/// The two ways through activation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "snake_case")]
pub enum Path {
    Register,
    Bind,
}

#[cfg(test)]
#[path = "flow_tests.rs"]
mod tests;
