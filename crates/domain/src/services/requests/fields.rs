//! Look-ups that turn an id into a known, usable
//! category, building or technician. A look-up that finds nothing is a field error
//! (`Rule::Unknown`) reported with the others, not a 404: the request itself exists.

use super::{RequestError, RequestService};
use crate::model::{Building, BuildingId, CategoryId, Role, UserId};
use crate::ports::RepoError;
use crate::validation::{Rule, ValidationErrors, rules};
use std::str::FromStr;

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
        let found = unknown_if_missing(self.users.find_user(id).await)?;
        Ok(found.and_then(|u| {
            if u.active && u.role == Role::Technician {
                Ok(u.id)
            } else {
                Err(Rule::Unknown)
            }
        }))
    }
}

/// The id in `raw` when it is well-formed, to look it up; absent or malformed ids are the
/// input's own rules to report.
pub(super) fn well_formed<T: FromStr>(raw: Option<&str>) -> Option<T> {
    raw.and_then(|raw| rules::parse_id(raw).ok())
}

/// The value a required look-up found, once the input passed validation (which reported a
/// missing, malformed or unknown id).
pub(super) fn found<T>(
    field: &str,
    lookup: Option<Result<T, Rule>>,
) -> Result<T, ValidationErrors> {
    lookup
        .unwrap_or(Err(Rule::Required))
        .map_err(|rule| ValidationErrors::single(field, rule))
}
