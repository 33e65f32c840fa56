//! `/api/v1/requests`: create, list, read, edit, delete drafts, the single transition
//! endpoint, assignment, comments, ratings and the timeline. Every rule lives in the domain's
//! `RequestService`; handlers only translate.

use super::request_query::list_params;
use crate::dto::users::nullable;
use crate::envelope::{self, Pagination};
use crate::error::ApiError;
use crate::error_map::parse_id;
use crate::extract::auth::Auth;
use crate::extract::json::Json;
use crate::state::AppState;
use actix_web::{HttpRequest, HttpResponse, web};
use basma_domain::model::RequestId;
use basma_domain::services::requests::{
    AssignInput, CommentInput, CreateRequestInput, EditInput, RatingInput, RequestView, StatusInput,
};
use serde::Deserialize;
use serde_json::{Value, json};

type State = web::Data<AppState>;

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = CreateRequestBody)]
#[serde(rename_all = "camelCase")]
pub struct CreateBody {
    #[schema(value_type = String, required = true, min_length = 3, max_length = 200)]
    title: Option<String>,
    #[schema(value_type = String, required = true, min_length = 10, max_length = 5000)]
    description: Option<String>,
    #[schema(value_type = uuid::Uuid, required = true)]
    category_id: Option<String>,
    /// Default MEDIUM; sets the due time.
    #[schema(value_type = Option<crate::docs::shapes::Priority>)]
    priority: Option<String>,
    #[schema(value_type = uuid::Uuid, required = true)]
    building_id: Option<String>,
    /// Unit or place inside the building.
    #[schema(value_type = Option<String>, max_length = 200)]
    location: Option<String>,
    /// `true` keeps it a DRAFT (default false: SUBMITTED).
    #[serde(default)]
    draft: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = EditRequestBody)]
#[serde(rename_all = "camelCase")]
pub struct EditBody {
    #[schema(value_type = Option<String>, min_length = 3, max_length = 200)]
    title: Option<String>,
    #[schema(value_type = Option<String>, min_length = 10, max_length = 5000)]
    description: Option<String>,
    #[schema(value_type = Option<uuid::Uuid>)]
    category_id: Option<String>,
    #[schema(value_type = Option<crate::docs::shapes::Priority>)]
    priority: Option<String>,
    /// `null` clears it.
    #[schema(value_type = Option<String>, max_length = 200)]
    #[serde(default, deserialize_with = "nullable")]
    location: Option<Option<String>>,
    /// The version the client last saw; a stale one is 409 `VERSION_CONFLICT`.
    version: Option<i32>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = StatusChangeBody)]
pub struct StatusBody {
    #[schema(value_type = crate::docs::shapes::TargetStatus, required = true)]
    status: Option<String>,
    #[schema(value_type = Option<String>, max_length = 1000)]
    note: Option<String>,
    /// Required to reject, cancel or reopen.
    #[schema(value_type = Option<String>, min_length = 3, max_length = 1000)]
    reason: Option<String>,
    /// The version the client last saw.
    version: Option<i32>,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct AssignBody {
    #[schema(value_type = uuid::Uuid, required = true)]
    technician_id: Option<String>,
    #[schema(value_type = Option<String>, max_length = 1000)]
    note: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoteBody {
    #[schema(value_type = Option<String>, max_length = 1000)]
    note: Option<String>,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct CommentBody {
    #[schema(value_type = String, required = true, min_length = 1, max_length = 2000)]
    body: Option<String>,
    /// Staff-only (default false).
    #[serde(default)]
    internal: bool,
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct RatingBody {
    #[schema(value_type = u8, required = true, minimum = 1, maximum = 5)]
    score: Option<i64>,
    #[schema(value_type = Option<String>, max_length = 2000)]
    feedback: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version the client last saw; a stale one is 409 `VERSION_CONFLICT`.
    version: Option<i32>,
}

fn id(raw: &str) -> Result<RequestId, ApiError> {
    parse_id(raw)
}

pub async fn create(
    state: State,
    auth: Auth,
    Json(body): Json<CreateBody>,
) -> Result<HttpResponse, ApiError> {
    let input = CreateRequestInput {
        title: body.title,
        description: body.description,
        category_id: body.category_id,
        priority: body.priority,
        building_id: body.building_id,
        location: body.location,
        draft: body.draft,
    };
    let recorded = state.requests.create(&auth.0.actor(), input).await?;
    let location = format!("/api/v1/requests/{}", recorded.request.id);
    Ok(envelope::created(&location, recorded.request))
}

pub async fn list(state: State, auth: Auth, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let params = list_params(&req)?;
    let limit = params.limit;
    let page = state.requests.list(&auth.0.actor(), params).await?;
    Ok(envelope::page(
        page.items,
        Pagination {
            limit,
            next_cursor: page.next_cursor,
        },
        page.total,
    ))
}

pub async fn get(
    state: State,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let view = state.requests.get(&auth.0.actor(), id(&path)?).await?;
    Ok(envelope::ok(detail(&state, view).await?))
}

/// The request with the people, place and category it refers to, what the caller may do
/// next, and the timeline they may see.
async fn detail(state: &AppState, view: RequestView) -> Result<Value, ApiError> {
    let r = &view.request;
    let people: Vec<_> = std::iter::once(r.requester_id)
        .chain(r.assignee_id)
        .collect();
    // Independent reads, so the page waits for the slowest one rather than their sum.
    let (names, building, categories) = tokio::join!(
        state.users.display_names(&people),
        state.catalog.get_building(r.building_id),
        state.catalog.list_categories(),
    );
    let names = names?;
    let person = |id| {
        names
            .iter()
            .find(|(u, _)| *u == id)
            .map(|(u, n)| json!({"id": u, "name": n}))
    };
    let building = building.ok();
    let category = categories?.into_iter().find(|c| c.id == r.category_id);
    let mut data = serde_json::to_value(r).map_err(ApiError::internal)?;
    data["requester"] = json!(person(r.requester_id));
    data["assignee"] = json!(r.assignee_id.and_then(person));
    data["building"] = json!(building);
    data["category"] = json!(category);
    data["allowedActions"] = json!(view.allowed_actions);
    data["timeline"] = json!({"events": view.events, "comments": view.comments});
    Ok(data)
}

pub async fn edit(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    Json(body): Json<EditBody>,
) -> Result<HttpResponse, ApiError> {
    let input = EditInput {
        title: body.title,
        description: body.description,
        category_id: body.category_id,
        priority: body.priority,
        location: body.location,
        version: body.version,
    };
    Ok(envelope::ok(
        state
            .requests
            .edit(&auth.0.actor(), id(&path)?, input)
            .await?,
    ))
}

pub async fn delete(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    query: web::Query<VersionQuery>,
) -> Result<HttpResponse, ApiError> {
    let request_id = id(&path)?;
    state
        .requests
        .delete_draft(&auth.0.actor(), request_id, query.version)
        .await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        json!({"id": request_id}),
    ))
}

pub async fn change_status(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    Json(body): Json<StatusBody>,
) -> Result<HttpResponse, ApiError> {
    let input = StatusInput {
        status: body.status.unwrap_or_default(),
        note: body.note,
        reason: body.reason,
        version: body.version,
    };
    let recorded = state
        .requests
        .change_status(&auth.0.actor(), id(&path)?, input)
        .await?;
    Ok(envelope::ok(recorded.request))
}

pub async fn assign(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    Json(body): Json<AssignBody>,
) -> Result<HttpResponse, ApiError> {
    let input = AssignInput {
        technician_id: body.technician_id,
        note: body.note,
    };
    let recorded = state
        .requests
        .assign(&auth.0.actor(), id(&path)?, input)
        .await?;
    Ok(envelope::ok(recorded.request))
}

pub async fn self_assign(
    state: State,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let recorded = state
        .requests
        .self_assign(&auth.0.actor(), id(&path)?)
        .await?;
    Ok(envelope::ok(recorded.request))
}

pub async fn unassign(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    body: Option<Json<NoteBody>>,
) -> Result<HttpResponse, ApiError> {
    let note = body.and_then(|Json(b)| b.note);
    let recorded = state
        .requests
        .unassign(&auth.0.actor(), id(&path)?, note)
        .await?;
    Ok(envelope::ok(recorded.request))
}

pub async fn comments(
    state: State,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(envelope::ok(
        state.requests.comments(&auth.0.actor(), id(&path)?).await?,
    ))
}

pub async fn add_comment(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    Json(body): Json<CommentBody>,
) -> Result<HttpResponse, ApiError> {
    let request_id = id(&path)?;
    let input = CommentInput {
        body: body.body,
        internal: body.internal,
    };
    let added = state
        .requests
        .comment(&auth.0.actor(), request_id, input)
        .await?;
    let location = format!("/api/v1/requests/{request_id}/comments");
    Ok(envelope::created(&location, added.comment))
}

pub async fn rate(
    state: State,
    auth: Auth,
    path: web::Path<String>,
    Json(body): Json<RatingBody>,
) -> Result<HttpResponse, ApiError> {
    let input = RatingInput {
        score: body.score,
        feedback: body.feedback,
    };
    Ok(envelope::ok(
        state
            .requests
            .rate(&auth.0.actor(), id(&path)?, input)
            .await?
            .request,
    ))
}

pub async fn events(
    state: State,
    auth: Auth,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    Ok(envelope::ok(
        state.requests.events(&auth.0.actor(), id(&path)?).await?,
    ))
}
