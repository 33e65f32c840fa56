//! Observers of committed changes (the business metrics): told of each committed change once,
//! with the request as it now stands, and of nothing that was refused.

use super::transitions::to;
use super::*;
use crate::model::EventKind;
use async_trait::async_trait;
use std::sync::Mutex;

/// What an observer was told: the event's kind, from, to, and the request's status then.
type Seen = (EventKind, Option<Status>, Option<Status>, Status);

/// Records what it is told.
#[derive(Default)]
pub(super) struct Observed(Mutex<Vec<Seen>>);

impl Observed {
    fn seen(&self) -> Vec<Seen> {
        self.0.lock().unwrap().clone()
    }
}

#[async_trait]
impl ChangeObserver for Observed {
    async fn committed(&self, request: &MaintenanceRequest, event: &RequestEvent) {
        let seen = (
            event.kind,
            event.from_status,
            event.to_status,
            request.status,
        );
        self.0.lock().unwrap().push(seen);
    }
}

#[tokio::test]
async fn observers_are_told_of_each_committed_change_once_and_of_no_refused_one() {
    let world = World::new();
    let customer = world.actor(Role::Customer);
    let technician = world.actor(Role::Technician);
    let id = world.stage(&customer, Status::Draft, None);
    world
        .service
        .change_status(&customer, id, to("SUBMITTED"))
        .await
        .unwrap();
    // Refused: a technician cannot close; nothing is committed, nobody is told.
    let refused = world
        .service
        .change_status(&technician, id, to("CLOSED"))
        .await;
    assert!(refused.is_err());
    world.service.self_assign(&technician, id).await.unwrap();

    let seen = world.observed.seen();
    assert_eq!(
        seen,
        vec![
            (
                EventKind::StatusChanged,
                Some(Status::Draft),
                Some(Status::Submitted),
                Status::Submitted
            ),
            (
                EventKind::Assigned,
                Some(Status::Submitted),
                Some(Status::Assigned),
                Status::Assigned
            ),
        ]
    );
    assert_eq!(world.bus.published().len(), seen.len());
}
