//! `/api/v1/users`: user administration.

use crate::dto::users::{UserDto, nullable};
use crate::envelope::{self, Pagination};
use crate::error::ApiError;
use crate::error_map::parse_id;
use crate::extract::auth::Auth;
use crate::extract::json::Json;
use crate::state::AppState;
use actix_web::{HttpResponse, web};
use basma_domain::model::{Role, UserFilter, UserId};
use basma_domain::services::users::{CreateUserInput, UpdateUserInput};
use basma_domain::validation::{Rule, Validator};
use serde::Deserialize;

type State = web::Data<AppState>;

#[derive(Deserialize)]
pub struct ListQuery {
    role: Option<String>,
    active: Option<String>,
    q: Option<String>,
    cursor: Option<String>,
    limit: Option<String>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CreateBody {
    name: Option<String>,
    email: Option<String>,
    role: Option<String>,
    password: Option<String>,
    phone: Option<String>,
    property_ids: Option<Vec<String>>,
    category_ids: Option<Vec<String>>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct UpdateBody {
    name: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    phone: Option<Option<String>>,
    role: Option<String>,
    active: Option<bool>,
    property_ids: Option<Vec<String>>,
    category_ids: Option<Vec<String>>,
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

pub async fn list(
    state: State,
    auth: Auth,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, ApiError> {
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
    let limit = parse_limit(&mut v, query.limit.as_deref());
    if query
        .cursor
        .as_deref()
        .is_some_and(|c| basma_domain::ports::Cursor::decode(c).is_none())
    {
        v.push("cursor", Rule::Unknown);
    }
    let (role, active) = v
        .finish(|| Some((role?, active?)))
        .map_err(ApiError::from)?;
    let filter = UserFilter {
        role,
        active,
        q: query.q.filter(|q| !q.trim().is_empty()),
    };
    let page = state
        .users
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

pub async fn create(
    state: State,
    auth: Auth,
    Json(body): Json<CreateBody>,
) -> Result<HttpResponse, ApiError> {
    let input = CreateUserInput {
        name: body.name,
        email: body.email,
        role: body.role,
        password: body.password,
        phone: body.phone,
        property_ids: body.property_ids,
        category_ids: body.category_ids,
    };
    let user = state.users.create(&auth.0.actor(), input).await?;
    Ok(envelope::created(
        &format!("/api/v1/users/{}", user.id),
        UserDto::from(user),
    ))
}

pub async fn get(
    state: State,
    auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: UserId = parse_id(&id)?;
    Ok(envelope::ok(UserDto::from(
        state.users.get(&auth.0.actor(), id).await?,
    )))
}

pub async fn update(
    state: State,
    auth: Auth,
    id: web::Path<String>,
    Json(body): Json<UpdateBody>,
) -> Result<HttpResponse, ApiError> {
    let id: UserId = parse_id(&id)?;
    let input = UpdateUserInput {
        name: body.name,
        phone: body.phone,
        role: body.role,
        active: body.active,
        property_ids: body.property_ids,
        category_ids: body.category_ids,
    };
    let user = state.users.update(&auth.0.actor(), id, input).await?;
    if !user.active {
        state.sockets.close_user(user.id);
    }
    Ok(envelope::ok(UserDto::from(user)))
}

pub async fn deactivate(
    state: State,
    auth: Auth,
    id: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let id: UserId = parse_id(&id)?;
    let user = state.users.deactivate(&auth.0.actor(), id).await?;
    state.sockets.close_user(user.id);
    Ok(envelope::ok(UserDto::from(user)))
}
