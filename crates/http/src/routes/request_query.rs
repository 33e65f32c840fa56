//! The query string of `GET /requests` and `GET /reports/requests.csv`: filters (status may
//! repeat), sort, cursor and limit, all checked at once.

use crate::error::ApiError;
use actix_web::HttpRequest;
use basma_domain::model::{Priority, Status};
use basma_domain::ports::{Cursor, RequestSort};
use basma_domain::services::requests::ListParams;
use basma_domain::validation::{Rule, Validator};
use chrono::{DateTime, Utc};

/// The sort orders of the list, by their query name (also the document's `Sort` enum).
pub(crate) const SORTS: [(&str, RequestSort); 5] = [
    ("-createdAt", RequestSort::CreatedDesc),
    ("createdAt", RequestSort::CreatedAsc),
    ("-priority", RequestSort::PriorityDesc),
    ("dueAt", RequestSort::DueAsc),
    ("-updatedAt", RequestSort::UpdatedDesc),
];

fn one_of(values: impl Iterator<Item = &'static str>) -> Rule {
    Rule::OneOf {
        allowed: values.map(str::to_owned).collect(),
    }
}

fn flag(raw: &str) -> Result<bool, Rule> {
    match raw {
        "true" | "1" => Ok(true),
        "false" | "0" => Ok(false),
        _ => Err(one_of(["true", "false"].into_iter())),
    }
}

/// An RFC 3339 time of a query parameter, in UTC.
pub(super) fn time(raw: &str) -> Result<DateTime<Utc>, Rule> {
    DateTime::parse_from_rfc3339(raw)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| Rule::DateTimeFormat)
}

/// The longest search text (`q`) in characters. Longer patterns buy nothing a user needs and
/// SQLite refuses them ("LIKE or GLOB pattern too complex").
pub const SEARCH_MAX_CHARS: usize = 200;

/// A free-text filter, trimmed; blank is no filter.
///
/// # Errors
/// `Rule::Length` beyond [`SEARCH_MAX_CHARS`].
pub fn search_text(raw: &str) -> Result<Option<String>, Rule> {
    let text = raw.trim();
    if text.chars().count() > SEARCH_MAX_CHARS {
        return Err(Rule::Length {
            min: 1,
            max: SEARCH_MAX_CHARS,
        });
    }
    Ok(Some(text.to_owned()).filter(|t| !t.is_empty()))
}

fn id<T: std::str::FromStr>(raw: &str) -> Result<T, Rule> {
    raw.parse().map_err(|_| Rule::UuidFormat)
}

/// Parses the list parameters of SPEC §5.
///
/// # Errors
/// `VALIDATION_ERROR` naming every bad parameter.
pub fn list_params(req: &HttpRequest) -> Result<ListParams, ApiError> {
    let mut v = Validator::new();
    let mut params = ListParams::default();
    for (key, value) in url::form_urlencoded::parse(req.query_string().as_bytes()) {
        let value = value.trim();
        match key.as_ref() {
            "status" => {
                for s in value.split(',').filter(|s| !s.is_empty()) {
                    let all = || one_of(Status::ALL.iter().map(|s| s.as_str()));
                    if let Some(status) = v.check("status", Status::parse(s).ok_or_else(all)) {
                        params.filter.statuses.push(status);
                    }
                }
            }
            "priority" => {
                let all = || one_of(Priority::ALL.iter().map(|p| p.as_str()));
                params.filter.priority =
                    v.check("priority", Priority::parse(value).ok_or_else(all));
            }
            "categoryId" => params.filter.category_id = v.check("categoryId", id(value)),
            "propertyId" => params.filter.property_id = v.check("propertyId", id(value)),
            "buildingId" => params.filter.building_id = v.check("buildingId", id(value)),
            "assigneeId" => params.filter.assignee_id = v.check("assigneeId", id(value)),
            "requesterId" => params.filter.requester_id = v.check("requesterId", id(value)),
            "q" => params.filter.q = v.check("q", search_text(value)).flatten(),
            "createdFrom" => params.filter.created_from = v.check("createdFrom", time(value)),
            "createdTo" => params.filter.created_to = v.check("createdTo", time(value)),
            "overdue" => params.filter.overdue = v.check("overdue", flag(value)).unwrap_or(false),
            "available" => {
                params.filter.available = v.check("available", flag(value)).unwrap_or(false)
            }
            "includeTotal" => {
                params.include_total = v.check("includeTotal", flag(value)).unwrap_or(false)
            }
            "sort" => {
                let found = SORTS
                    .iter()
                    .find(|(name, _)| *name == value)
                    .map(|(_, s)| *s);
                params.sort = v
                    .check(
                        "sort",
                        found.ok_or_else(|| one_of(SORTS.iter().map(|(n, _)| *n))),
                    )
                    .unwrap_or_default();
            }
            "cursor" => {
                let valid = Cursor::decode(value).is_some();
                params.cursor = v.check(
                    "cursor",
                    if valid {
                        Ok(value.to_owned())
                    } else {
                        Err(Rule::Unknown)
                    },
                );
            }
            "limit" => {
                let limit = value.parse::<u16>().ok().filter(|n| (1..=100).contains(n));
                params.limit = v
                    .check("limit", limit.ok_or(Rule::Range { min: 1, max: 100 }))
                    .unwrap_or(20);
            }
            _ => {}
        }
    }
    v.finish(|| Some(params)).map_err(ApiError::from)
}
