//! What the audit log says about a change: the thing it concerns ([`AuditTarget`]) and the old
//! and new value of every field that changed ([`ChangeSet`]). Secrets (password hashes,
//! tokens) are never put in a change set: the services only ever add profile, role, catalog
//! and request fields.

use super::{AuditAction, UserId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use uuid::Uuid;

/// The kind of thing an audit entry concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AuditTargetType {
    User,
    Request,
    Property,
    Building,
    Category,
}

impl AuditTargetType {
    pub const ALL: [AuditTargetType; 5] = [
        AuditTargetType::User,
        AuditTargetType::Request,
        AuditTargetType::Property,
        AuditTargetType::Building,
        AuditTargetType::Category,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditTargetType::User => "USER",
            AuditTargetType::Request => "REQUEST",
            AuditTargetType::Property => "PROPERTY",
            AuditTargetType::Building => "BUILDING",
            AuditTargetType::Category => "CATEGORY",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|t| t.as_str() == raw)
    }
}

/// The thing an entry concerns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AuditTarget {
    pub kind: AuditTargetType,
    pub id: Uuid,
}

impl AuditTarget {
    pub fn new(kind: AuditTargetType, id: Uuid) -> Self {
        Self { kind, id }
    }
}

/// One recorded value: what a field held before or after a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum AuditValue {
    Null,
    Bool(bool),
    Int(i64),
    Text(String),
    List(Vec<String>),
}

impl From<bool> for AuditValue {
    fn from(v: bool) -> Self {
        Self::Bool(v)
    }
}

impl From<i32> for AuditValue {
    fn from(v: i32) -> Self {
        Self::Int(i64::from(v))
    }
}

impl From<&str> for AuditValue {
    fn from(v: &str) -> Self {
        Self::Text(v.to_owned())
    }
}

impl From<&String> for AuditValue {
    fn from(v: &String) -> Self {
        Self::Text(v.clone())
    }
}

impl<T> From<Option<T>> for AuditValue
where
    AuditValue: From<T>,
{
    fn from(v: Option<T>) -> Self {
        v.map_or(Self::Null, Self::from)
    }
}

/// Old and new value of one field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldChange {
    pub old: AuditValue,
    pub new: AuditValue,
}

/// The fields a change touched, by their API name: `{"title": {"old": …, "new": …}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ChangeSet(pub BTreeMap<String, FieldChange>);

impl ChangeSet {
    /// Records `field` when `old` and `new` differ.
    pub fn diff(&mut self, field: &str, old: impl Into<AuditValue>, new: impl Into<AuditValue>) {
        let (old, new) = (old.into(), new.into());
        if old != new {
            self.0.insert(field.to_owned(), FieldChange { old, new });
        }
    }

    /// Records every field of a created thing (old values null).
    pub fn created<const N: usize>(fields: [(&str, AuditValue); N]) -> Self {
        let mut set = Self::default();
        for (field, value) in fields {
            set.diff(field, AuditValue::Null, value);
        }
        set
    }

    /// Records every field of a deleted thing (new values null).
    pub fn deleted<const N: usize>(fields: [(&str, AuditValue); N]) -> Self {
        let mut set = Self::default();
        for (field, value) in fields {
            set.diff(field, value, AuditValue::Null);
        }
        set
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// `None` when nothing changed, so empty sets are not stored.
    pub fn non_empty(self) -> Option<Self> {
        (!self.is_empty()).then_some(self)
    }
}

/// A list of ids as audit text, sorted so the same links always read the same.
pub fn id_list<T: std::fmt::Display>(ids: &[T]) -> AuditValue {
    let mut list: Vec<String> = ids.iter().map(ToString::to_string).collect();
    list.sort();
    AuditValue::List(list)
}

/// One stored audit entry, as `GET /audit` returns it.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditRecord {
    pub id: Uuid,
    /// The stored action name (`AuditAction::as_str`).
    pub action: String,
    pub actor_id: Option<UserId>,
    pub target: Option<AuditTarget>,
    pub ip: Option<String>,
    pub detail: Option<String>,
    pub changes: Option<ChangeSet>,
    pub at: DateTime<Utc>,
}

/// The filters of `GET /audit`; every one narrows the list. `to` is exclusive.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuditFilter {
    pub actor_id: Option<UserId>,
    /// Any of these; empty means every action.
    pub actions: Vec<AuditAction>,
    pub target_type: Option<AuditTargetType>,
    pub target_id: Option<Uuid>,
    pub from: Option<DateTime<Utc>>,
    pub to: Option<DateTime<Utc>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_set_keeps_only_fields_that_changed_and_reads_as_json_objects() {
        let mut set = ChangeSet::default();
        set.diff("title", "Old", "New");
        set.diff("priority", "HIGH", "HIGH");
        set.diff("location", None::<&str>, Some("Roof"));
        assert_eq!(set.0.len(), 2);
        assert_eq!(set.0["location"].old, AuditValue::Null);
        assert!(ChangeSet::default().non_empty().is_none());
    }

    #[test]
    fn target_types_parse_their_own_names_only() {
        for t in AuditTargetType::ALL {
            assert_eq!(AuditTargetType::parse(t.as_str()), Some(t));
        }
        assert_eq!(AuditTargetType::parse("user"), None);
    }
}
