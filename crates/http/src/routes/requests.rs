//! `/api/v1/requests`: create, list, read, edit, delete drafts, the single transition
//! endpoint, assignment, comments, ratings and the timeline. Every rule lives in the domain's
//! `RequestService`; handlers only translate.

use super::request_query::list_params;
use crate::docs::responses::{Guarded, Invalid, NotFound, Write, WriteWithQuery};
use crate::dto::catalog::Deleted;
use crate::dto::requests::{Comment, MaintenanceRequest, RequestDetail, RequestEvent};
use crate::dto::users::nullable;
use crate::dto::wire;
use crate::envelope::{self, Envelope, Page, Pagination};
use crate::extract::auth::Auth;
use crate::extract::id::Id;
use crate::extract::json::Json;
use crate::routes::Reply;
use actix_web::{HttpRequest, web};
use basma_domain::model::{Priority, RequestId};
use basma_domain::services::requests::{
    AssignInput, CommentInput, CreateRequestInput, EditInput, RatingInput, RequestService,
    StatusInput,
};
use serde::Deserialize;

type Requests = web::Data<RequestService>;

body_type! {
    #[schema(as = CreateRequestBody)]
    #[serde(rename_all = "camelCase")]
    CreateBody into CreateRequestInput {
        #[schema(value_type = String, required = true, min_length = 3, max_length = 200)]
        title: Option<String>,
        #[schema(value_type = String, required = true, min_length = 10, max_length = 5000)]
        description: Option<String>,
        #[schema(value_type = uuid::Uuid, required = true)]
        category_id: Option<String>,
        /// Default MEDIUM; sets the due time.
        #[schema(value_type = Option<Priority>)]
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
}

body_type! {
    #[schema(as = EditRequestBody)]
    #[serde(rename_all = "camelCase")]
    EditBody into EditInput {
        #[schema(value_type = Option<String>, min_length = 3, max_length = 200)]
        title: Option<String>,
        #[schema(value_type = Option<String>, min_length = 10, max_length = 5000)]
        description: Option<String>,
        #[schema(value_type = Option<uuid::Uuid>)]
        category_id: Option<String>,
        #[schema(value_type = Option<Priority>)]
        priority: Option<String>,
        /// `null` clears it.
        #[schema(value_type = Option<String>, max_length = 200)]
        #[serde(default, deserialize_with = "nullable")]
        location: Option<Option<String>>,
        /// The version the client last saw; a stale one is 409 `VERSION_CONFLICT`.
        version: Option<i32>,
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
#[schema(as = StatusChangeBody)]
pub struct StatusBody {
    #[schema(value_type = crate::dto::requests::TargetStatus, required = true)]
    status: Option<String>,
    #[schema(value_type = Option<String>, max_length = 1000)]
    note: Option<String>,
    /// Required to reject, cancel or reopen.
    #[schema(value_type = Option<String>, min_length = 3, max_length = 1000)]
    reason: Option<String>,
    /// The version the client last saw.
    version: Option<i32>,
}

body_type! {
    #[serde(rename_all = "camelCase")]
    AssignBody into AssignInput {
        #[schema(value_type = uuid::Uuid, required = true)]
        technician_id: Option<String>,
        #[schema(value_type = Option<String>, max_length = 1000)]
        note: Option<String>,
    }
}

#[derive(Deserialize, utoipa::ToSchema)]
pub struct NoteBody {
    #[schema(value_type = Option<String>, max_length = 1000)]
    note: Option<String>,
}

body_type! {
    CommentBody into CommentInput {
        #[schema(value_type = String, required = true, min_length = 1, max_length = 2000)]
        body: Option<String>,
        /// Staff-only (default false).
        #[serde(default)]
        internal: bool,
    }
}

body_type! {
    RatingBody into RatingInput {
        #[schema(value_type = u8, required = true, minimum = 1, maximum = 5)]
        score: Option<i64>,
        #[schema(value_type = Option<String>, max_length = 2000)]
        feedback: Option<String>,
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct VersionQuery {
    /// The version the client last saw; a stale one is 409 `VERSION_CONFLICT`.
    version: Option<i32>,
}

/// Reports a problem (any role); `draft: true` keeps it a DRAFT
#[utoipa::path(post, path = "/api/v1/requests", tag = "requests", operation_id = "createRequest",
    request_body = CreateBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<MaintenanceRequest>), Guarded))]
pub async fn create(requests: Requests, auth: Auth, Json(body): Json<CreateBody>) -> Reply {
    let input = CreateRequestInput::from(body);
    let recorded = requests.create(&auth.0.actor(), input).await?;
    let location = format!("/api/v1/requests/{}", recorded.request.id);
    Ok(envelope::created(
        &location,
        MaintenanceRequest::from(recorded.request),
    ))
}

/// The requests the caller may see, filtered, sorted and paged
#[utoipa::path(get, path = "/api/v1/requests", tag = "requests", operation_id = "listRequests",
    description = "The role's visibility rule always applies on top of the filters: customers see their own requests, technicians theirs and the available ones, BASMA_ADMINs those of the properties they manage, the other admins all.",
    params(crate::docs::RequestListQuery), responses((status = 200, description = "Success.", body = Page<MaintenanceRequest>), Invalid))]
pub async fn list(requests: Requests, auth: Auth, req: HttpRequest) -> Reply {
    let params = list_params(&req)?;
    let limit = params.limit;
    let page = requests.list(&auth.0.actor(), params).await?;
    Ok(envelope::page(
        wire::<_, MaintenanceRequest>(page.items),
        Pagination {
            limit,
            next_cursor: page.next_cursor,
        },
        page.total,
    ))
}

/// A request with its people, place, category, the caller's next actions and the visible timeline
#[utoipa::path(get, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "getRequest",
    responses((status = 200, description = "Success.", body = Envelope<RequestDetail>), NotFound))]
pub async fn get(requests: Requests, auth: Auth, Id(id): Id<RequestId>) -> Reply {
    let detail = requests.detail(&auth.0.actor(), id).await?;
    Ok(envelope::ok(RequestDetail::from(detail)))
}

/// Edits title, description, category, priority or location
#[utoipa::path(patch, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "editRequest",
    request_body = EditBody, responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn edit(
    requests: Requests,
    auth: Auth,
    Json(body): Json<EditBody>,
    Id(id): Id<RequestId>,
) -> Reply {
    let input = EditInput::from(body);
    let request = requests.edit(&auth.0.actor(), id, input).await?;
    Ok(envelope::ok(MaintenanceRequest::from(request)))
}

/// Deletes a DRAFT (its requester only)
#[utoipa::path(delete, path = "/api/v1/requests/{id}", tag = "requests", operation_id = "deleteDraft",
    params(VersionQuery), responses((status = 200, description = "Success.", body = Envelope<Deleted>), WriteWithQuery))]
pub async fn delete(
    requests: Requests,
    auth: Auth,
    query: web::Query<VersionQuery>,
    Id(id): Id<RequestId>,
) -> Reply {
    requests
        .delete_draft(&auth.0.actor(), id, query.version)
        .await?;
    Ok(envelope::ok_with(
        crate::i18n::Msg::Deleted,
        Deleted { id: id.0 },
    ))
}

/// The one transition endpoint
#[utoipa::path(patch, path = "/api/v1/requests/{id}/status", tag = "requests", operation_id = "changeStatus",
    description = "Moves the request to `status` (SUBMITTED, IN_PROGRESS, COMPLETED, CLOSED, REJECTED, CANCELLED). An illegal move is 409 `INVALID_TRANSITION` with the allowed next statuses in `details[0].allowed`; a stale `version` is 409 `VERSION_CONFLICT`, checked before the move itself (a stale write never hears `INVALID_TRANSITION` or `FORBIDDEN`).",
    request_body = StatusBody, responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn change_status(
    requests: Requests,
    auth: Auth,
    Json(body): Json<StatusBody>,
    Id(id): Id<RequestId>,
) -> Reply {
    let input = StatusInput {
        status: body.status.unwrap_or_default(),
        note: body.note,
        reason: body.reason,
        version: body.version,
    };
    let recorded = requests.change_status(&auth.0.actor(), id, input).await?;
    Ok(envelope::ok(MaintenanceRequest::from(recorded.request)))
}

/// Assigns or reassigns to an active technician (SUPER/MAINTENANCE_ADMIN)
#[utoipa::path(post, path = "/api/v1/requests/{id}/assign", tag = "requests", operation_id = "assignRequest",
    request_body = AssignBody, responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn assign(
    requests: Requests,
    auth: Auth,
    Json(body): Json<AssignBody>,
    Id(id): Id<RequestId>,
) -> Reply {
    let input = AssignInput::from(body);
    let recorded = requests.assign(&auth.0.actor(), id, input).await?;
    Ok(envelope::ok(MaintenanceRequest::from(recorded.request)))
}

/// A technician takes an available request; exactly one concurrent taker wins
#[utoipa::path(post, path = "/api/v1/requests/{id}/self-assign", tag = "requests", operation_id = "selfAssignRequest",
    description = "A technician who read the request while it was available and lost the race gets 409 `CONFLICT`. A request the technician cannot see (e.g. already held by another technician) is 404 `NOT_FOUND`, exactly as for an id that does not exist.",
    responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn self_assign(requests: Requests, auth: Auth, Id(id): Id<RequestId>) -> Reply {
    let recorded = requests.self_assign(&auth.0.actor(), id).await?;
    Ok(envelope::ok(MaintenanceRequest::from(recorded.request)))
}

/// Back to SUBMITTED (an admin, or the assigned technician releasing it)
#[utoipa::path(post, path = "/api/v1/requests/{id}/unassign", tag = "requests", operation_id = "unassignRequest",
    request_body = Option<NoteBody>, responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn unassign(
    requests: Requests,
    auth: Auth,
    body: Option<Json<NoteBody>>,
    Id(id): Id<RequestId>,
) -> Reply {
    let note = body.and_then(|Json(b)| b.note);
    let recorded = requests.unassign(&auth.0.actor(), id, note).await?;
    Ok(envelope::ok(MaintenanceRequest::from(recorded.request)))
}

/// The comments the caller may see (internal ones are staff-only)
#[utoipa::path(get, path = "/api/v1/requests/{id}/comments", tag = "requests", operation_id = "listComments",
    responses((status = 200, description = "Success.", body = Envelope<Vec<Comment>>), NotFound))]
pub async fn comments(requests: Requests, auth: Auth, Id(id): Id<RequestId>) -> Reply {
    let comments = requests.comments(&auth.0.actor(), id).await?;
    Ok(envelope::ok(wire::<_, Comment>(comments)))
}

/// Comments on a request; `internal` comments are staff-only
#[utoipa::path(post, path = "/api/v1/requests/{id}/comments", tag = "requests", operation_id = "addComment",
    request_body = CommentBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<Comment>), Write))]
pub async fn add_comment(
    requests: Requests,
    auth: Auth,
    Json(body): Json<CommentBody>,
    Id(id): Id<RequestId>,
) -> Reply {
    let input = CommentInput::from(body);
    let added = requests.comment(&auth.0.actor(), id, input).await?;
    let location = format!("/api/v1/requests/{id}/comments");
    Ok(envelope::created(&location, Comment::from(added.comment)))
}

/// The requester rates a COMPLETED or CLOSED request, once
#[utoipa::path(post, path = "/api/v1/requests/{id}/rating", tag = "requests", operation_id = "rateRequest",
    request_body = RatingBody, responses((status = 200, description = "Success.", body = Envelope<MaintenanceRequest>), Write))]
pub async fn rate(
    requests: Requests,
    auth: Auth,
    Json(body): Json<RatingBody>,
    Id(id): Id<RequestId>,
) -> Reply {
    let input = RatingInput::from(body);
    let rated = requests.rate(&auth.0.actor(), id, input).await?;
    Ok(envelope::ok(MaintenanceRequest::from(rated.request)))
}

/// The timeline the caller may see
#[utoipa::path(get, path = "/api/v1/requests/{id}/events", tag = "requests", operation_id = "listEvents",
    responses((status = 200, description = "Success.", body = Envelope<Vec<RequestEvent>>), NotFound))]
pub async fn events(requests: Requests, auth: Auth, Id(id): Id<RequestId>) -> Reply {
    let events = requests.events(&auth.0.actor(), id).await?;
    Ok(envelope::ok(wire::<_, RequestEvent>(events)))
}
