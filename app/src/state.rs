//! App-wide state: the activation session's context (loaded by the activation shell), the site the
//! header selects, and the drafts of every form, kept in sessionStorage without passwords or codes so
//! a reload resumes with what was typed.

use activation_core::{
    api::{Activation, Moved, SessionContext},
    draft::{
        ActivationDraft, BasicInfoDraft, BindAccountDraft, CompanyDraft, CreateWorkspaceDraft,
    },
    flow::Progress,
};
use leptos::prelude::*;

use crate::storage;

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

    /// Records the summary of a finished register or bind path, with the server's progress.
    pub fn finish(self, finished: Moved<Activation>) {
        self.0.update(|ctx| {
            if let Some(ctx) = ctx {
                ctx.progress = finished.progress;
                ctx.finished = Some(finished.answer);
            }
        });
    }
}

pub fn use_activation() -> ActivationCtx {
    expect_context::<ActivationCtx>()
}

/// Every form's draft. The site is restored at start (the header shows it); a form's draft is
/// restored the first time its page asks for it, so that code travels with the page's chunk
/// (`crate::lazy`) instead of the first screen's.
#[derive(Debug, Clone, Copy)]
pub struct Drafts {
    /// The site code chosen in the header (and on Basic info): where new workspaces are created.
    pub site: RwSignal<String>,
    basic: Slot<BasicInfoDraft>,
    company: Slot<CompanyDraft>,
    method: Slot<ActivationDraft>,
    bind_account: Slot<BindAccountDraft>,
    create: Slot<CreateWorkspaceDraft>,
}

pub fn use_drafts() -> Drafts {
    expect_context::<Drafts>()
}

/// A draft kept in sessionStorage: empty until [`Slot::get`] first restores it, then saved back
/// (through `scrub`) whenever it changes.
#[derive(Debug)]
struct Slot<T: Send + Sync + 'static> {
    key: &'static str,
    scrub: fn(&T) -> T,
    value: RwSignal<T>,
    restored: StoredValue<bool>,
    /// The app's owner, so the saving effect outlives the page that first asked.
    owner: StoredValue<Owner, LocalStorage>,
}

impl<T: Send + Sync> Clone for Slot<T> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<T: Send + Sync> Copy for Slot<T> {}

impl<T> Slot<T>
where
    T: Default + Clone + serde::Serialize + serde::de::DeserializeOwned + Send + Sync + 'static,
{
    fn new(key: &'static str, scrub: fn(&T) -> T) -> Self {
        Slot {
            key,
            scrub,
            value: RwSignal::new(T::default()),
            restored: StoredValue::new(false),
            owner: StoredValue::new_local(Owner::current().unwrap_or_default()),
        }
    }

    /// The draft, restored from storage (and saved on every change from then on) the first time.
    fn get(self) -> RwSignal<T> {
        if !self.restored.get_value() {
            self.restored.set_value(true);
            if let Some(saved) = storage::load::<T>(self.key) {
                self.value.set(saved);
            }
            let (key, scrub, value) = (self.key, self.scrub, self.value);
            let save = move || value.with(|value| storage::save(key, &scrub(value)));
            self.owner.with_value(|owner| owner.with(|| Effect::new(move |_| save())));
        }
        self.value
    }

    /// Forgets the draft, in memory and in storage.
    fn clear(self) {
        self.value.set(T::default());
        storage::remove(self.key);
    }
}

impl Drafts {
    /// Restores the site, and readies every form's draft.
    pub fn provide() -> Drafts {
        let drafts = Drafts {
            site: Slot::new("activation.site", String::clone).get(),
            basic: Slot::new("activation.basic", BasicInfoDraft::without_secrets),
            company: Slot::new("activation.company", CompanyDraft::clone),
            method: Slot::new("activation.method", ActivationDraft::clone),
            bind_account: Slot::new("activation.bind-account", |d: &BindAccountDraft| {
                BindAccountDraft { verification_code: String::new(), ..d.clone() }
            }),
            create: Slot::new("activation.create", CreateWorkspaceDraft::without_secrets),
        };
        provide_context(drafts);
        drafts
    }

    pub fn basic(self) -> RwSignal<BasicInfoDraft> {
        self.basic.get()
    }

    pub fn company(self) -> RwSignal<CompanyDraft> {
        self.company.get()
    }

    pub fn method(self) -> RwSignal<ActivationDraft> {
        self.method.get()
    }

    pub fn bind_account(self) -> RwSignal<BindAccountDraft> {
        self.bind_account.get()
    }

    pub fn create(self) -> RwSignal<CreateWorkspaceDraft> {
        self.create.get()
    }

    /// Makes the selected site one `session`'s marketplace offers (its default when none is).
    pub fn ensure_site(self, session: &SessionContext) {
        let offered = activation_core::domain::Site::from_code(&self.site.get_untracked())
            .is_some_and(|site| session.sites.contains(&site));
        if !offered {
            self.site.set(session.default_site.code().to_owned());
        }
    }

    /// Huawei: an empty Username of Basic info starts as the partner-service member's account
    /// (seed 004: the member uses it for the Billing Center); the user may change it.
    pub fn ensure_username(self, session: &SessionContext) {
        let Some(member) = &session.member else {
            return;
        };
        let basic = self.basic();
        if basic.with_untracked(|d| d.username.is_empty()) {
            basic.update(|d| d.username = member.as_str().to_owned());
        }
    }

    /// Forgets every draft (a new activation session started).
    pub fn clear(self) {
        self.site.set(String::new());
        self.basic.clear();
        self.company.clear();
        self.method.clear();
        self.bind_account.clear();
        self.create.clear();
    }
}
