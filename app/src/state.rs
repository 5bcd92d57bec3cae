//! App-wide state: the activation session's context (loaded by the activation shell), the site the
//! header selects, and the drafts of every form, kept in sessionStorage without passwords or codes so
//! a reload resumes with what was typed.

use activation_core::{
    api::{Activation, SessionContext},
    draft::{
        ActivationDraft, BasicInfoDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft,
    },
    flow::Progress,
};
use leptos::prelude::*;
use serde::{Serialize, de::DeserializeOwned};

use crate::{reactive::effect, storage};

/// The activation session's context once loaded; `None` outside activation pages or while loading.
#[derive(Debug, Clone, Copy)]
pub struct ActivationCtx(pub RwSignal<Option<SessionContext>>);

impl ActivationCtx {
    /// The context; only called by pages the shell renders after it loaded.
    pub fn get(self) -> SessionContext {
        self.0.get().expect("activation pages render only after the context loaded")
    }

    pub fn get_untracked(self) -> SessionContext {
        self.0.get_untracked().expect("activation pages render only after the context loaded")
    }

    /// Records the progress the server reported.
    pub fn set_progress(self, progress: Progress) {
        self.0.update(|ctx| {
            if let Some(ctx) = ctx {
                ctx.progress = progress;
            }
        });
    }

    /// Records the summary of a finished register or bind path.
    pub fn finish(self, summary: Activation) {
        self.0.update(|ctx| {
            if let Some(ctx) = ctx {
                if ctx.progress.account_bound {
                    ctx.progress.bind_finished = true;
                } else {
                    ctx.progress.activated = true;
                }
                ctx.finished = Some(summary);
            }
        });
    }

    pub fn update_progress(self, change: impl FnOnce(&mut Progress)) {
        self.0.update(|ctx| {
            if let Some(ctx) = ctx {
                change(&mut ctx.progress);
            }
        });
    }
}

pub fn use_activation() -> ActivationCtx {
    expect_context::<ActivationCtx>()
}

/// Every form's draft.
#[derive(Debug, Clone, Copy)]
pub struct Drafts {
    /// The site code chosen in the header (and on Basic info): where new workspaces are created.
    pub site: RwSignal<String>,
    pub basic: RwSignal<BasicInfoDraft>,
    pub company: RwSignal<CompanyDraft>,
    pub method: RwSignal<ActivationDraft>,
    pub bind_account: RwSignal<BindAccountDraft>,
    pub create: RwSignal<CreateWorkspaceDraft>,
}

pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}

/// A draft restored from storage, saved back (through `scrub`) whenever it changes.
fn persisted<T>(key: &'static str, scrub: fn(&T) -> T) -> RwSignal<T>
where
    T: Default + Clone + Serialize + DeserializeOwned + Send + Sync + 'static,
{
    let signal = RwSignal::new(storage::load::<T>(key).unwrap_or_default());
    effect(move || signal.with(|value| storage::save(key, &scrub(value))));
    signal
}

impl Drafts {
    /// Restores every draft and keeps storage in step.
    pub fn provide() -> Drafts {
        let drafts = Drafts {
            site: persisted("activation.site", String::clone),
            basic: persisted("activation.basic", BasicInfoDraft::without_secrets),
            company: persisted("activation.company", CompanyDraft::clone),
            method: persisted("activation.method", ActivationDraft::clone),
            bind_account: persisted("activation.bind-account", |d: &BindAccountDraft| {
                BindAccountDraft { verification_code: String::new(), ..d.clone() }
            }),
            create: persisted("activation.create", CreateWorkspaceDraft::without_secrets),
        };
        provide_context(drafts);
        drafts
    }

    /// Makes the selected site one `session`'s marketplace offers (its default when none is).
    pub fn ensure_site(self, session: &SessionContext) {
        let offered = activation_core::domain::Site::from_code(&self.site.get_untracked())
            .is_some_and(|site| session.sites.contains(&site));
        if !offered {
            self.site.set(session.default_site.code().to_owned());
        }
    }

    /// Forgets every draft (a new activation session started).
    pub fn clear(self) {
        self.site.set(String::new());
        self.basic.set(BasicInfoDraft::default());
        self.company.set(CompanyDraft::default());
        self.method.set(ActivationDraft::default());
        self.bind_account.set(BindAccountDraft::default());
        self.create.set(CreateWorkspaceDraft::default());
    }
}
