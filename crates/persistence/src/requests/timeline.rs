//! Reading a request's timeline and comments. Internal entries are left out in SQL unless the
//! caller may see them. (The event stream WebSocket clients resume from is in `replay`.)

use super::rows::{to_comment, to_event};
use crate::entities::comments::{self, Column as Cm};
use crate::entities::request_events::{self, Column as Ev};
use crate::error::repo_err;
use basma_domain::model::{Comment, RequestEvent, RequestId};
use basma_domain::ports::RepoError;
use sea_orm::{ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder};

pub async fn events(
    db: &DatabaseConnection,
    id: RequestId,
    include_internal: bool,
) -> Result<Vec<RequestEvent>, RepoError> {
    let mut query = request_events::Entity::find().filter(Ev::RequestId.eq(id.0));
    if !include_internal {
        query = query.filter(Ev::Internal.eq(false));
    }
    query
        .order_by_asc(Ev::Seq)
        .all(db)
        .await
        .map_err(repo_err)?
        .into_iter()
        .map(to_event)
        .collect()
}

pub async fn comments(
    db: &DatabaseConnection,
    id: RequestId,
    include_internal: bool,
) -> Result<Vec<Comment>, RepoError> {
    let mut query = comments::Entity::find().filter(Cm::RequestId.eq(id.0));
    if !include_internal {
        query = query.filter(Cm::Internal.eq(false));
    }
    let rows = query
        .order_by_asc(Cm::CreatedAt)
        .order_by_asc(Cm::Id)
        .all(db)
        .await
        .map_err(repo_err)?;
    Ok(rows.into_iter().map(to_comment).collect())
}
