//! Path and query parameters that handlers read by hand (the list filters are parsed from the
//! raw query string so `status` may repeat and every bad one is reported at once).

// Schema-only types: they are never built, only described.
#![allow(dead_code)]

use basma_domain::model::{Priority, Status};
use chrono::{DateTime, Utc};
use utoipa::IntoParams;
use utoipa::openapi::path::{Parameter, ParameterIn};
use uuid::Uuid;

/// `{id}` in a path. A value that is not a UUID cannot name anything: 404.
#[derive(IntoParams)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The id (UUID).
    pub id: Uuid,
}

listed_enum! {
    /// The sort orders of the request list.
    Sort = crate::routes::request_query::SORTS.iter().map(|(name, _)| *name),
    "The sort orders of the request list."
}

/// The filters of `GET /requests`, on top of the caller's visibility.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct RequestListQuery {
    /// Repeat it (`status=SUBMITTED&status=ASSIGNED`) or separate with commas.
    #[param(explode = true, style = Form)]
    pub status: Option<Vec<Status>>,
    pub priority: Option<Priority>,
    pub category_id: Option<Uuid>,
    pub property_id: Option<Uuid>,
    pub building_id: Option<Uuid>,
    pub assignee_id: Option<Uuid>,
    /// Staff only (others only ever see their own).
    pub requester_id: Option<Uuid>,
    /// Searches title, description and reference (at most 200 characters).
    #[param(max_length = 200)]
    pub q: Option<String>,
    pub created_from: Option<DateTime<Utc>>,
    pub created_to: Option<DateTime<Utc>>,
    /// Only requests past their due time and not yet completed.
    pub overdue: Option<bool>,
    /// Technicians: only SUBMITTED, unassigned requests they may take.
    pub available: Option<bool>,
    /// Default `-createdAt`.
    pub sort: Option<Sort>,
    /// `pagination.nextCursor` of the previous page (opaque).
    #[param(min_length = 1)]
    pub cursor: Option<String>,
    /// Page size, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u16>,
    /// Adds `total` (the full count costs a scan, so only on request).
    pub include_total: Option<bool>,
}

/// The filters of the CSV export: those of the list, without paging.
pub struct ExportQuery;

impl IntoParams for ExportQuery {
    fn into_params(parameter_in: impl Fn() -> Option<ParameterIn>) -> Vec<Parameter> {
        without_paging(RequestListQuery::into_params(parameter_in))
    }
}

/// A list's parameters without `cursor`, `limit` and `includeTotal`: those of its export.
pub fn without_paging(params: Vec<Parameter>) -> Vec<Parameter> {
    let paging = ["cursor", "limit", "includeTotal"];
    params
        .into_iter()
        .filter(|p| !paging.contains(&p.name.as_str()))
        .collect()
}

/// The scope of the report summary.
#[derive(IntoParams)]
#[into_params(parameter_in = Query, rename_all = "camelCase")]
pub struct SummaryQuery {
    /// Requests created at or after this time.
    pub from: Option<DateTime<Utc>>,
    /// Requests created before this time.
    pub to: Option<DateTime<Utc>>,
    pub property_id: Option<Uuid>,
    pub building_id: Option<Uuid>,
}
