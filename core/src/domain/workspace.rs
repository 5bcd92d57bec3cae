//! Workspaces: name and language.

use serde::{Deserialize, Serialize};

use super::{plain_text, validated_string};
use crate::field::FieldError;

validated_string! {
    /// 1–50 characters after trimming, no control characters; unique within its owner.
    WorkspaceName
}

impl WorkspaceName {
    pub const MAX: u16 = 50;

    pub fn parse(value: &str) -> Result<WorkspaceName, FieldError> {
        plain_text(value, 1, Self::MAX).map(WorkspaceName)
    }

    /// The key under which names are unique: case-insensitive.
    pub fn unique_key(&self) -> String {
        self.0.to_lowercase()
    }
}

/// The language of a workspace's event, alert and message templates; fixed at creation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkspaceLanguage {
    En,
    Zh,
}

impl WorkspaceLanguage {
    pub const ALL: [WorkspaceLanguage; 2] = [WorkspaceLanguage::En, WorkspaceLanguage::Zh];

    pub fn code(self) -> &'static str {
        match self {
            WorkspaceLanguage::En => "en",
            WorkspaceLanguage::Zh => "zh",
        }
    }

    pub fn from_code(code: &str) -> Option<WorkspaceLanguage> {
        Self::ALL.into_iter().find(|l| l.code() == code)
    }
}

validated_string! {
    /// A workspace's identifier, as the backend assigns it: 1–64 of `a-z 0-9 _ -`.
    WorkspaceId
}

impl WorkspaceId {
    pub const MAX: u16 = 64;

    pub fn parse(value: &str) -> Result<WorkspaceId, FieldError> {
        if value.is_empty() {
            return Err(FieldError::Required);
        }
        if value.len() > usize::from(Self::MAX) {
            return Err(FieldError::TooLong { max: Self::MAX });
        }
        if !value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        {
            return Err(FieldError::InvalidCharacters);
        }
        Ok(WorkspaceId(value.to_owned()))
    }
}
