//! What people say about a request: comments (public, or internal for staff only) and the
//! requester's rating once the work is done.

use super::fields::blank_is_none;
use super::{CommentAdded, CommentInput, RatingInput, Recorded, RequestError, RequestService};
use crate::lifecycle::Action;
use crate::model::{
    Comment, CommentBody, CommentId, EventKind, Feedback, NewEvent, RequestId, Score,
};
use crate::policy::Actor;
use crate::ports::RequestChange;
use crate::validation::{check, optional, required};

impl RequestService {
    /// Adds a comment; an internal one needs a staff member entitled to comment, and it and
    /// its event stay hidden from customers.
    ///
    /// # Errors
    /// `NotFound`, `Forbidden`, `InvalidTransition` (drafts take no comments),
    /// `Validation` (`body`), `Store`.
    pub async fn comment(
        &self,
        actor: &Actor,
        id: RequestId,
        input: CommentInput,
    ) -> Result<CommentAdded, RequestError> {
        let action = if input.internal {
            Action::CommentInternal
        } else {
            Action::Comment
        };
        let (stored, _) = self.authorized(actor, id, action).await?;
        check(&input)?;
        let body = required("body", input.body.as_deref(), CommentBody::parse)?;

        let now = self.clock.now();
        let comment = Comment {
            id: CommentId::new(),
            request_id: id,
            author_id: actor.id,
            body: body.into_inner(),
            internal: input.internal,
            created_at: now,
        };
        let event = NewEvent {
            kind: EventKind::Commented,
            actor_id: actor.id,
            from_status: None,
            to_status: None,
            technician_id: None,
            note: None,
            internal: input.internal,
            at: now,
        };
        let (comment, event) = self.requests.add_comment(comment, event).await?;
        // A comment does not change the request, so the copy just read is current.
        self.publish(&stored, &event).await;
        Ok(CommentAdded { comment, event })
    }

    /// The requester rates a COMPLETED or CLOSED request, once.
    ///
    /// # Errors
    /// `NotFound`, `Forbidden` (not the requester), `InvalidTransition`,
    /// `AlreadyRated`, `Validation` (`score` 1–5, `feedback`),
    /// `VersionConflict` when two ratings race, `Store`.
    pub async fn rate(
        &self,
        actor: &Actor,
        id: RequestId,
        input: RatingInput,
    ) -> Result<Recorded, RequestError> {
        let (stored, _) = self.authorized(actor, id, Action::Rate).await?;
        check(&input)?;
        let score = required("score", input.score, Score::parse)?;
        let feedback = optional("feedback", input.feedback.as_deref(), Feedback::parse)?
            .and_then(|f| blank_is_none(f.into_inner()));

        let change = RequestChange {
            rating: Some(score.get()),
            feedback: Some(feedback.clone()),
            ..RequestChange::default()
        };
        let event = NewEvent {
            kind: EventKind::Rated,
            actor_id: actor.id,
            from_status: None,
            to_status: None,
            technician_id: None,
            // The score leads so the timeline shows it without the request at hand.
            note: Some(match feedback {
                Some(text) => format!("{}\n{text}", score.get()),
                None => score.get().to_string(),
            }),
            internal: false,
            at: self.clock.now(),
        };
        self.commit(&stored, change, event).await
    }
}
