//! Reading requests: one request with what the caller may do and see, its timeline and
//! comments, and lists. What is visible is always the policy's answer, applied on top of
//! whatever the caller filtered by.

use super::{ListParams, RequestError, RequestService, RequestView};
use crate::model::{Comment, MaintenanceRequest, RequestEvent, RequestId};
use crate::policy::{self, Actor};
use crate::ports::{Page, RequestQuery, Visibility};
use crate::validation::{Rule, ValidationErrors};
use chrono::{DateTime, Utc};

impl RequestService {
    /// # Errors
    /// `NotFound` (also when the caller may not see it), `Store`.
    pub async fn get(&self, actor: &Actor, id: RequestId) -> Result<RequestView, RequestError> {
        let (request, facts) = self.load(actor, id).await?;
        let internal = policy::may_see_internal(actor, &facts);
        let (events, comments) = futures_util::join!(
            self.requests.events(id, internal),
            self.requests.comments(id, internal)
        );
        let (events, comments) = (events?, comments?);
        Ok(RequestView {
            allowed_actions: policy::allowed_actions(actor, &facts),
            request,
            events,
            comments,
        })
    }

    /// The timeline the caller may see (internal entries for staff only).
    ///
    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn events(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> Result<Vec<RequestEvent>, RequestError> {
        let (_, facts) = self.load(actor, id).await?;
        let internal = policy::may_see_internal(actor, &facts);
        Ok(self.requests.events(id, internal).await?)
    }

    /// The comments the caller may see (internal ones for staff only), oldest first.
    ///
    /// # Errors
    /// `NotFound`, `Store`.
    pub async fn comments(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> Result<Vec<Comment>, RequestError> {
        let (_, facts) = self.load(actor, id).await?;
        let internal = policy::may_see_internal(actor, &facts);
        Ok(self.requests.comments(id, internal).await?)
    }

    /// One page of the requests the caller may see, filtered and sorted as asked.
    ///
    /// # Errors
    /// `Validation` on `limit` outside 1..=100, `Store`.
    pub async fn list(
        &self,
        actor: &Actor,
        params: ListParams,
    ) -> Result<Page<MaintenanceRequest>, RequestError> {
        let query = list_query(actor, params, self.clock.now())?;
        Ok(self.lists.list(query).await?)
    }
}

/// The list query for `actor`: their visibility on top of the filters they are entitled to.
/// Shared with the CSV export so both apply the same rule.
///
/// # Errors
/// `limit` outside 1..=100.
pub(crate) fn list_query(
    actor: &Actor,
    params: ListParams,
    now: DateTime<Utc>,
) -> Result<RequestQuery, ValidationErrors> {
    if !(1..=100).contains(&params.limit) {
        return Err(ValidationErrors::single(
            "limit",
            Rule::Range { min: 1, max: 100 },
        ));
    }
    let visibility = policy::visibility(actor);
    let mut filter = params.filter;
    // Filtering by requester is a staff tool; someone who only sees their own requests
    // keeps seeing exactly those instead of an empty page.
    if matches!(visibility, Visibility::Own { .. }) {
        filter.requester_id = None;
    }
    Ok(RequestQuery {
        visibility,
        filter,
        sort: params.sort,
        cursor: params.cursor,
        limit: params.limit,
        include_total: params.include_total,
        now,
    })
}
