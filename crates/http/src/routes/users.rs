//! `/api/v1/users`: user administration.

use super::request_query::search_text;
use crate::docs::responses::{Create, Filtered, Guarded, Write};
use crate::dto::users::{UserDto, nullable};
use crate::envelope::{self, Envelope, Page, Pagination};
use crate::error::ApiError;
use crate::extract::auth::Auth;
use crate::extract::id::Id;
use crate::extract::json::Json;
use crate::routes::Reply;
use crate::ws::registry::SocketRegistry;
use actix_web::web;
use basma_domain::model::{Role, UserFilter, UserId};
use basma_domain::services::users::{CreateUserInput, UpdateUserInput, UserAdminService};
use basma_domain::validation::{Rule, Validator};
use serde::Deserialize;

type Users = web::Data<UserAdminService>;

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ListQuery {
    #[param(value_type = Option<Role>)]
    role: Option<String>,
    #[param(value_type = Option<bool>)]
    active: Option<String>,
    /// Matches name, email or phone.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `pagination.nextCursor` of the previous page.
    #[param(min_length = 1)]
    cursor: Option<String>,
    #[param(value_type = Option<u16>, minimum = 1, maximum = 100)]
    limit: Option<String>,
}

body_type! {
    #[schema(as = CreateUserBody)]
    #[serde(rename_all = "camelCase")]
    CreateBody into CreateUserInput {
        #[schema(value_type = String, required = true, min_length = 1, max_length = 100)]
        name: Option<String>,
        #[schema(value_type = String, required = true, format = Email)]
        email: Option<String>,
        #[schema(value_type = Role, required = true)]
        role: Option<String>,
        #[schema(value_type = String, required = true, min_length = 8, max_length = 128)]
        password: Option<String>,
        #[schema(value_type = Option<String>)]
        phone: Option<String>,
        /// Properties a BASMA_ADMIN manages.
        #[schema(value_type = Option<Vec<uuid::Uuid>>)]
        property_ids: Option<Vec<String>>,
        /// Skills of a TECHNICIAN.
        #[schema(value_type = Option<Vec<uuid::Uuid>>)]
        category_ids: Option<Vec<String>>,
    }
}

body_type! {
    #[schema(as = UpdateUserBody)]
    #[serde(rename_all = "camelCase")]
    UpdateBody into UpdateUserInput {
        #[schema(value_type = Option<String>, min_length = 1, max_length = 100)]
        name: Option<String>,
        /// `null` removes the phone.
        #[schema(value_type = Option<String>)]
        #[serde(default, deserialize_with = "nullable")]
        phone: Option<Option<String>>,
        #[schema(value_type = Option<Role>)]
        role: Option<String>,
        active: Option<bool>,
        #[schema(value_type = Option<Vec<uuid::Uuid>>)]
        property_ids: Option<Vec<String>>,
        #[schema(value_type = Option<Vec<uuid::Uuid>>)]
        category_ids: Option<Vec<String>>,
    }
}

/// `limit` 1–100, default 20.
pub fn parse_limit(v: &mut Validator, raw: Option<&str>) -> u16 {
    match raw {
        None => 20,
        Some(raw) => v
            .check(
                "limit",
                raw.parse::<u16>()
                    .ok()
                    .filter(|n| (1..=100).contains(n))
                    .ok_or(Rule::Range { min: 1, max: 100 }),
            )
            .unwrap_or(20),
    }
}

/// Lists users (SUPER_ADMIN; MAINTENANCE_ADMIN sees technicians only)
#[utoipa::path(get, path = "/api/v1/users", tag = "users", operation_id = "listUsers",
    params(ListQuery), responses((status = 200, description = "Success.", body = Page<UserDto>), Filtered))]
pub async fn list(users: Users, auth: Auth, query: web::Query<ListQuery>) -> Reply {
    let query = query.into_inner();
    let mut v = Validator::new();
    let role = v.check_opt(
        "role",
        query.role.as_deref().map(|r| {
            Role::parse(r).ok_or_else(|| Rule::OneOf {
                allowed: Role::ALL.iter().map(|r| r.as_str().to_owned()).collect(),
            })
        }),
    );
    let active = v.check_opt(
        "active",
        query.active.as_deref().map(|a| {
            a.parse::<bool>().map_err(|_| Rule::OneOf {
                allowed: vec!["true".into(), "false".into()],
            })
        }),
    );
    let q = v.check_opt("q", query.q.as_deref().map(search_text));
    let limit = parse_limit(&mut v, query.limit.as_deref());
    if query
        .cursor
        .as_deref()
        .is_some_and(|c| basma_domain::ports::Cursor::decode(c).is_none())
    {
        v.push("cursor", Rule::Unknown);
    }
    let (role, active, q) = v
        .finish(|| Some((role?, active?, q?.flatten())))
        .map_err(ApiError::from)?;
    let filter = UserFilter { role, active, q };
    let page = users
        .list(&auth.0.actor(), filter, query.cursor, limit)
        .await?;
    let items: Vec<UserDto> = page.items.into_iter().map(UserDto::from).collect();
    Ok(envelope::page(
        items,
        Pagination {
            limit,
            next_cursor: page.next_cursor,
        },
        page.total,
    ))
}

/// Creates a user of any role, already verified (SUPER_ADMIN)
#[utoipa::path(post, path = "/api/v1/users", tag = "users", operation_id = "createUser",
    request_body = CreateBody, responses((status = 201, description = "Created; `Location` points at it.", body = Envelope<UserDto>), Create))]
pub async fn create(users: Users, auth: Auth, Json(body): Json<CreateBody>) -> Reply {
    let input = CreateUserInput::from(body);
    let user = users.create(&auth.0.actor(), input).await?;
    Ok(envelope::created(
        &format!("/api/v1/users/{}", user.id),
        UserDto::from(user),
    ))
}

/// One user
#[utoipa::path(get, path = "/api/v1/users/{id}", tag = "users", operation_id = "getUser",
    responses((status = 200, description = "Success.", body = Envelope<UserDto>), Guarded))]
pub async fn get(users: Users, auth: Auth, Id(id): Id<UserId>) -> Reply {
    Ok(envelope::ok(UserDto::from(
        users.get(&auth.0.actor(), id).await?,
    )))
}

/// Changes a user's profile, role, active flag or assignments (SUPER_ADMIN)
#[utoipa::path(patch, path = "/api/v1/users/{id}", tag = "users", operation_id = "updateUser",
    description = "The last active SUPER_ADMIN cannot be demoted or deactivated (409). Deactivation revokes the user's sessions and closes their sockets.",
    request_body = UpdateBody, responses((status = 200, description = "Success.", body = Envelope<UserDto>), Write))]
pub async fn update(
    users: Users,
    sockets: web::Data<SocketRegistry>,
    auth: Auth,
    Json(body): Json<UpdateBody>,
    Id(id): Id<UserId>,
) -> Reply {
    let input = UpdateUserInput::from(body);
    let user = users.update(&auth.0.actor(), id, input).await?;
    if !user.active {
        sockets.close_user(user.id);
    }
    Ok(envelope::ok(UserDto::from(user)))
}

/// Deactivates a user (never a hard delete)
#[utoipa::path(delete, path = "/api/v1/users/{id}", tag = "users", operation_id = "deactivateUser",
    responses((status = 200, description = "Success.", body = Envelope<UserDto>), Write))]
pub async fn deactivate(
    users: Users,
    sockets: web::Data<SocketRegistry>,
    auth: Auth,
    Id(id): Id<UserId>,
) -> Reply {
    let user = users.deactivate(&auth.0.actor(), id).await?;
    sockets.close_user(user.id);
    Ok(envelope::ok(UserDto::from(user)))
}
