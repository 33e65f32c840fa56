//! Parsing of raw request fields, and the look-ups that turn an id into a known, usable
//! category, building or technician. A look-up that finds nothing is a field error
//! (`Rule::Unknown`) reported with the others, not a 404: the request itself exists.

use super::{RequestError, RequestService};
use crate::model::{Building, BuildingId, CategoryId, Priority, Role, Status, UserId};
use crate::ports::RepoError;
use crate::validation::{Rule, Validator};
use std::str::FromStr;

/// Statuses `PATCH /requests/{id}/status` accepts.
pub(super) const TARGETS: [Status; 6] = Status::TARGETS;

/// A required field: absent is `Required`, present must parse.
pub(super) fn required<T>(
    raw: Option<&str>,
    parse: fn(&str) -> Result<T, Rule>,
) -> Result<T, Rule> {
    raw.map_or(Err(Rule::Required), parse)
}

pub(super) fn uuid<T: FromStr>(raw: &str) -> Result<T, Rule> {
    raw.trim().parse().map_err(|_| Rule::UuidFormat)
}

pub(super) fn priority(raw: &str) -> Result<Priority, Rule> {
    Priority::parse(raw.trim()).ok_or_else(|| Rule::OneOf {
        allowed: Priority::ALL
            .iter()
            .map(|p| p.as_str().to_owned())
            .collect(),
    })
}

pub(super) fn target(raw: &str) -> Result<Status, Rule> {
    Status::parse(raw.trim())
        .filter(|s| TARGETS.contains(s))
        .ok_or_else(|| Rule::OneOf {
            allowed: TARGETS.iter().map(|s| s.as_str().to_owned()).collect(),
        })
}

/// Optional free text whose newtype allows empty: blank means "none".
pub(super) fn blank_is_none(text: String) -> Option<String> {
    Some(text).filter(|t| !t.is_empty())
}

/// `Ok(Err(rule))` is a field error; `Err` is the store failing, which aborts.
pub(super) type Lookup<T> = Result<Result<T, Rule>, RequestError>;

fn unknown_if_missing<T>(found: Result<T, RepoError>) -> Lookup<T> {
    match found {
        Ok(value) => Ok(Ok(value)),
        Err(RepoError::NotFound) => Ok(Err(Rule::Unknown)),
        Err(other) => Err(RequestError::Store(other)),
    }
}

impl RequestService {
    /// A category new requests may use: it exists and is active.
    pub(super) async fn usable_category(&self, id: CategoryId) -> Lookup<CategoryId> {
        let found = unknown_if_missing(self.catalog.get_category(id).await)?;
        Ok(found.and_then(|c| {
            if c.active {
                Ok(c.id)
            } else {
                Err(Rule::Unknown)
            }
        }))
    }

    pub(super) async fn known_building(&self, id: BuildingId) -> Lookup<Building> {
        unknown_if_missing(self.catalog.get_building(id).await)
    }

    /// Someone work can be given to: an active TECHNICIAN.
    pub(super) async fn active_technician(&self, id: UserId) -> Lookup<UserId> {
        let found = unknown_if_missing(self.users.get(id).await)?;
        Ok(found.and_then(|u| {
            if u.active && u.role == Role::Technician {
                Ok(u.id)
            } else {
                Err(Rule::Unknown)
            }
        }))
    }
}

/// Parses an id field, recording `Required` or `UuidFormat` in `v`; `None` when the field
/// is absent or broken, so the caller only looks up ids that parsed.
pub(super) fn id_field<T: FromStr>(
    v: &mut Validator,
    field: &str,
    raw: Option<&str>,
    required: bool,
) -> Option<T> {
    match raw {
        None if required => {
            v.push(field, Rule::Required);
            None
        }
        None => None,
        Some(raw) => v.check(field, uuid(raw)),
    }
}
