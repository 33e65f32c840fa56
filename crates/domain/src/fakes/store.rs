//! The in-memory request store: versions are checked on every write, references are
//! numbered per year, event numbers never repeat, and (once told which ids exist, see
//! [`FakeRequests::know`]) unknown references are refused, as in SQL.

use super::{lock, request};
use crate::model::{
    Comment, MaintenanceRequest, NewEvent, RequestEvent, RequestId, Status, format_reference,
};
use crate::ports::{
    BusEvent, ConflictOn, EventReplay, NewRequest, Page, ReplayQuery, RepoError, ReportSummary,
    RequestChange, RequestFilter, RequestLists, RequestQuery, RequestReports, RequestStore,
    Visibility,
};
use async_trait::async_trait;
use chrono::Datelike;
use chrono::{DateTime, Utc};
use std::collections::{BTreeMap, HashSet};
use std::sync::Mutex;

#[derive(Default)]
struct Store {
    requests: BTreeMap<RequestId, MaintenanceRequest>,
    frozen: Option<BTreeMap<RequestId, MaintenanceRequest>>,
    events: Vec<RequestEvent>,
    comments: Vec<Comment>,
    last_query: Option<RequestQuery>,
    last_summary: Option<(Visibility, RequestFilter)>,
    last_seq: i64,
    /// The last reference number taken per year (deleted drafts keep theirs).
    numbers: BTreeMap<i32, u64>,
    /// The users, categories and buildings that exist, when the store checks references.
    known: Option<HashSet<uuid::Uuid>>,
}

impl Store {
    /// Whether every id is known (always, while no ids were made known).
    fn all_known(&self, ids: &[uuid::Uuid]) -> bool {
        self.known
            .as_ref()
            .is_none_or(|known| ids.iter().all(|id| known.contains(id)))
    }
}

#[derive(Default)]
pub struct FakeRequests(Mutex<Store>);

impl FakeRequests {
    pub fn insert(&self, request: MaintenanceRequest) -> RequestId {
        let id = request.id;
        lock(&self.0).requests.insert(id, request);
        id
    }

    pub fn stored(&self, id: RequestId) -> MaintenanceRequest {
        lock(&self.0).requests[&id].clone()
    }

    pub fn events_of(&self, id: RequestId) -> Vec<RequestEvent> {
        let store = lock(&self.0);
        store
            .events
            .iter()
            .filter(|e| e.request_id == id)
            .cloned()
            .collect()
    }

    /// From now on `get` answers with the requests as they are now, while writes still
    /// check the live version: every later reader sees the same, soon stale, copy.
    pub fn freeze_reads(&self) {
        let mut store = lock(&self.0);
        store.frozen = Some(store.requests.clone());
    }

    pub fn last_query(&self) -> Option<RequestQuery> {
        lock(&self.0).last_query.clone()
    }

    /// From now on the foreign keys are checked: only these ids (and those of earlier calls)
    /// exist as users, categories or buildings.
    pub fn know(&self, ids: impl IntoIterator<Item = uuid::Uuid>) {
        lock(&self.0).known.get_or_insert_default().extend(ids);
    }

    pub fn last_summary(&self) -> Option<(Visibility, RequestFilter)> {
        lock(&self.0).last_summary.clone()
    }

    fn record(
        store: &mut Store,
        id: RequestId,
        event: NewEvent,
        comment: Option<&Comment>,
    ) -> RequestEvent {
        let stored = RequestEvent {
            seq: store.last_seq + 1,
            request_id: id,
            kind: event.kind,
            actor_id: event.actor_id,
            from_status: event.from_status,
            to_status: event.to_status,
            technician_id: event.technician_id,
            note: event.note,
            comment_id: comment.map(|c| c.id),
            internal: event.internal,
            at: event.at,
        };
        store.last_seq = stored.seq;
        store.events.push(stored.clone());
        stored
    }
}

fn apply(r: &mut MaintenanceRequest, c: RequestChange) {
    macro_rules! set {
        ($($field:ident),*) => {$(if let Some(v) = c.$field { r.$field = v; })*};
    }
    macro_rules! set_some {
        ($($field:ident),*) => {$(if let Some(v) = c.$field { r.$field = Some(v); })*};
    }
    set!(
        title,
        description,
        category_id,
        priority,
        location,
        status,
        assignee_id,
        due_at
    );
    set!(assigned_at, completed_at, reason, feedback);
    set_some!(submitted_at, started_at, closed_at, rating);
}

#[async_trait]
impl RequestStore for FakeRequests {
    async fn create(
        &self,
        new: NewRequest,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
        let mut store = lock(&self.0);
        if !store.all_known(&[new.category_id.0, new.building_id.0, new.requester_id.0]) {
            return Err(RepoError::Conflict(ConflictOn::Reference));
        }
        let number = store.numbers.entry(new.now.year()).or_default();
        *number += 1;
        let number = *number;
        let mut request = request(new.requester_id, new.status);
        request.id = new.id;
        request.reference = format_reference(new.now, number);
        request.created_at = new.now;
        request.updated_at = new.now;
        request.title = new.title;
        request.description = new.description;
        request.category_id = new.category_id;
        request.priority = new.priority;
        request.building_id = new.building_id;
        request.property_id = new.property_id;
        request.location = new.location;
        request.due_at = new.due_at;
        request.submitted_at = new.submitted_at;
        store.requests.insert(new.id, request.clone());
        let event = Self::record(&mut store, new.id, event, None);
        Ok((request, event))
    }
    async fn get(&self, id: RequestId) -> Result<MaintenanceRequest, RepoError> {
        let store = lock(&self.0);
        let source = store.frozen.as_ref().unwrap_or(&store.requests);
        source.get(&id).cloned().ok_or(RepoError::NotFound)
    }
    async fn update(
        &self,
        id: RequestId,
        expected_version: i32,
        change: RequestChange,
        event: NewEvent,
    ) -> Result<(MaintenanceRequest, RequestEvent), RepoError> {
        let mut store = lock(&self.0);
        let mut referenced: Vec<uuid::Uuid> = change.category_id.iter().map(|c| c.0).collect();
        referenced.extend(change.assignee_id.flatten().map(|u| u.0));
        let references_known = store.all_known(&referenced);
        let request = store.requests.get_mut(&id).ok_or(RepoError::NotFound)?;
        if request.version != expected_version {
            return Err(RepoError::VersionConflict);
        }
        if !references_known {
            return Err(RepoError::Conflict(ConflictOn::Reference));
        }
        apply(request, change);
        request.version += 1;
        request.updated_at = event.at;
        let request = request.clone();
        let event = Self::record(&mut store, id, event, None);
        Ok((request, event))
    }
    async fn delete_draft(&self, id: RequestId, expected_version: i32) -> Result<(), RepoError> {
        let mut store = lock(&self.0);
        let request = store.requests.get(&id).ok_or(RepoError::NotFound)?;
        if request.version != expected_version {
            return Err(RepoError::VersionConflict);
        }
        if request.status != Status::Draft {
            return Err(RepoError::Conflict(ConflictOn::Status));
        }
        store.requests.remove(&id);
        store.events.retain(|e| e.request_id != id);
        store.comments.retain(|c| c.request_id != id);
        Ok(())
    }
    async fn add_comment(
        &self,
        comment: Comment,
        event: NewEvent,
    ) -> Result<(Comment, RequestEvent), RepoError> {
        let mut store = lock(&self.0);
        if !store.requests.contains_key(&comment.request_id) {
            return Err(RepoError::NotFound);
        }
        if !store.all_known(&[comment.author_id.0]) {
            return Err(RepoError::Conflict(ConflictOn::Reference));
        }
        // The event of an internal comment is as staff-only as the comment.
        let event = NewEvent {
            internal: event.internal || comment.internal,
            ..event
        };
        store.comments.push(comment.clone());
        let event = Self::record(&mut store, comment.request_id, event, Some(&comment));
        Ok((comment, event))
    }
    async fn events(&self, id: RequestId, internal: bool) -> Result<Vec<RequestEvent>, RepoError> {
        Ok(self
            .events_of(id)
            .into_iter()
            .filter(|e| internal || !e.internal)
            .collect())
    }
    async fn comments(&self, id: RequestId, internal: bool) -> Result<Vec<Comment>, RepoError> {
        let store = lock(&self.0);
        Ok(store
            .comments
            .iter()
            .filter(|c| c.request_id == id && (internal || !c.internal))
            .cloned()
            .collect())
    }
}

#[async_trait]
impl RequestLists for FakeRequests {
    /// Pages in id order; filters and visibility are the adapters' business and are only
    /// recorded here, so tests can check what the service asked for.
    async fn list(&self, query: RequestQuery) -> Result<Page<MaintenanceRequest>, RepoError> {
        let mut store = lock(&self.0);
        let after: Option<RequestId> = query.cursor.as_deref().and_then(|c| c.parse().ok());
        let rest: Vec<_> = store
            .requests
            .values()
            .filter(|r| after.is_none_or(|a| r.id > a))
            .cloned()
            .collect();
        let limit = usize::from(query.limit);
        let items: Vec<_> = rest.iter().take(limit).cloned().collect();
        let next_cursor = (rest.len() > limit)
            .then(|| items.last().map(|r| r.id.to_string()))
            .flatten();
        store.last_query = Some(query);
        Ok(Page {
            items,
            next_cursor,
            total: None,
        })
    }
}

#[async_trait]
impl RequestReports for FakeRequests {
    async fn summary(
        &self,
        visibility: Visibility,
        filter: RequestFilter,
        _now: DateTime<Utc>,
    ) -> Result<ReportSummary, RepoError> {
        lock(&self.0).last_summary = Some((visibility, filter));
        Ok(ReportSummary::default())
    }
    async fn count_by_status(&self) -> Result<Vec<(Status, u64)>, RepoError> {
        Ok(Vec::new())
    }
}

#[async_trait]
impl EventReplay for FakeRequests {
    async fn replay_events(&self, _query: &ReplayQuery) -> Result<Vec<BusEvent>, RepoError> {
        Ok(Vec::new())
    }
    async fn replay_floor(&self, after: i64, _window: chrono::Duration) -> Result<i64, RepoError> {
        Ok(after)
    }
    async fn last_event_seq(&self) -> Result<i64, RepoError> {
        Ok(0)
    }
}
