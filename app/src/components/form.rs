//! The state of one form: its draft (exactly as typed), its field errors, and the rules for when
//! errors appear and clear (SPEC §4): errors appear when the step's button is pressed, a field's error
//! clears as soon as that field is fixed, and nothing is flagged during a first attempt.

use std::sync::Arc;

use activation_core::{FieldError, FieldErrors, FieldId};
use leptos::prelude::*;

use crate::api::ClientError;

type Check<D> = Arc<dyn Fn(&D) -> FieldErrors + Send + Sync>;

/// A form over a draft `D`. Copy, so closures in the view can hold it.
pub struct Form<D: Send + Sync + 'static> {
    pub draft: RwSignal<D>,
    /// Errors shown next to fields and in the summary.
    pub errors: RwSignal<FieldErrors>,
    /// Bumped whenever the summary should take focus (a failed submit).
    pub summary_focus: RwSignal<u32>,
    /// A failure that is not about a field (network, session, rate limit), shown as a banner.
    pub failure: RwSignal<Option<ClientError>>,
    check: StoredValue<Check<D>>,
}

impl<D: Send + Sync + 'static> Clone for Form<D> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<D: Send + Sync + 'static> Copy for Form<D> {}

/// Turns a validation result into just its errors.
pub fn errors_of<T>(result: Result<T, FieldErrors>) -> FieldErrors {
    result.err().unwrap_or_default()
}

impl<D: Clone + Send + Sync + 'static> Form<D> {
    /// A form over `draft`, checked by `check` (usually `|d| errors_of(d.validate(..))`).
    pub fn new(
        draft: RwSignal<D>,
        check: impl Fn(&D) -> FieldErrors + Send + Sync + 'static,
    ) -> Self {
        Form {
            draft,
            errors: RwSignal::new(FieldErrors::new()),
            summary_focus: RwSignal::new(0),
            failure: RwSignal::new(None),
            check: StoredValue::new(Arc::new(check)),
        }
    }

    /// The current error of `field`, reactively.
    pub fn error(self, field: FieldId) -> Signal<Option<FieldError>> {
        Signal::derive(move || self.errors.with(|e| e.get(field)))
    }

    /// Applies an edit to `field`. An error already shown for it is re-checked: gone when fixed,
    /// updated when it is now wrong in another way. No new error appears while typing.
    pub fn edit(self, field: FieldId, change: impl FnOnce(&mut D)) {
        self.draft.update(change);
        if self.errors.with_untracked(|e| e.get(field).is_some()) {
            let fresh = self.draft.with_untracked(|d| (self.check.get_value())(d));
            self.errors.update(|e| match fresh.get(field) {
                Some(error) => {
                    e.clear(field);
                    e.add(field, error);
                }
                None => e.clear(field),
            });
        }
    }

    /// The step's button was pressed: the draft if it is valid; otherwise shows every error and
    /// moves focus to the summary.
    pub fn submit(self) -> Option<D> {
        self.failure.set(None);
        let draft = self.draft.get_untracked();
        let errors = (self.check.get_value())(&draft);
        if errors.is_empty() {
            self.errors.set(errors);
            Some(draft)
        } else {
            self.errors.set(errors);
            self.summary_focus.update(|n| *n += 1);
            None
        }
    }

    /// Shows a failed request: field errors next to their fields (and the summary), anything else as
    /// the banner. Nothing typed is touched.
    pub fn fail(self, error: ClientError) {
        let fields = error.field_errors();
        if fields.is_empty() {
            self.failure.set(Some(error));
        } else {
            self.errors.set(fields);
            self.summary_focus.update(|n| *n += 1);
        }
    }

    /// A text input bound to one field of the draft.
    pub fn text(
        self,
        field: FieldId,
        get: fn(&D) -> &String,
        set: fn(&mut D) -> &mut String,
    ) -> Binding {
        Binding {
            field,
            value: Signal::derive(move || self.draft.with(|d| get(d).clone())),
            set: Callback::new(move |value: String| self.edit(field, |d| *set(d) = value)),
            error: self.error(field),
        }
    }

    /// A checkbox bound to one field of the draft.
    pub fn checkbox(
        self,
        field: FieldId,
        get: fn(&D) -> bool,
        set: fn(&mut D) -> &mut bool,
    ) -> Toggle {
        Toggle {
            field,
            checked: Signal::derive(move || self.draft.with(get)),
            set: Callback::new(move |value: bool| self.edit(field, |d| *set(d) = value)),
            error: self.error(field),
        }
    }
}

/// What a text-like input needs: its value, how to change it, its error.
#[derive(Clone, Copy)]
pub struct Binding {
    pub field: FieldId,
    pub value: Signal<String>,
    pub set: Callback<String>,
    pub error: Signal<Option<FieldError>>,
}

/// What a checkbox needs.
#[derive(Clone, Copy)]
pub struct Toggle {
    pub field: FieldId,
    pub checked: Signal<bool>,
    pub set: Callback<bool>,
    pub error: Signal<Option<FieldError>>,
}

/// The HTML id of a field's input (`field-username`), which the error summary links to.
pub fn input_id(field: FieldId) -> String {
    format!("field-{}", field.as_str())
}
