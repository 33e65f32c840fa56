//! `GET /requests/{id}` in one answer: the request with the people, building and category it
//! names, what the caller may do next, and the timeline they may see. The three look-ups are
//! independent, so they run concurrently and the answer waits for the slowest, not the sum.
//!
//! A building that cannot be read (deleted since, or the store failing on that one read) is
//! `None` rather than an error: the request itself is still worth showing.

use super::{RequestError, RequestService, RequestView};
use crate::model::{Building, Category, RequestId, UserId};
use crate::policy::Actor;

/// A user named on a request, by display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonRef {
    pub id: UserId,
    pub name: String,
}

/// [`RequestService::detail`]: a [`RequestView`] with what its ids refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct RequestDetail {
    pub view: RequestView,
    /// `None` only if the account cannot be found.
    pub requester: Option<PersonRef>,
    pub assignee: Option<PersonRef>,
    pub building: Option<Building>,
    pub category: Option<Category>,
}

impl RequestService {
    /// The request the actor may see, with its requester and assignee, building, category,
    /// the actions the actor may take now and the visible timeline.
    ///
    /// # Errors
    /// `NotFound` (also when the caller may not see it), `Store` (a failed read of the
    /// request, its timeline, the names or the categories).
    pub async fn detail(
        &self,
        actor: &Actor,
        id: RequestId,
    ) -> Result<RequestDetail, RequestError> {
        let view = self.get(actor, id).await?;
        let request = &view.request;
        let people: Vec<UserId> = std::iter::once(request.requester_id)
            .chain(request.assignee_id)
            .collect();
        let (names, building, categories) = futures_util::join!(
            self.users.display_names(&people),
            self.catalog.get_building(request.building_id),
            self.catalog.list_categories(),
        );
        let names = names?;
        let person = |id: UserId| {
            names
                .iter()
                .find(|(u, _)| *u == id)
                .map(|(id, name)| PersonRef {
                    id: *id,
                    name: name.clone(),
                })
        };
        Ok(RequestDetail {
            requester: person(request.requester_id),
            assignee: request.assignee_id.and_then(person),
            building: building.ok(),
            category: categories?
                .into_iter()
                .find(|c| c.id == request.category_id),
            view,
        })
    }
}
