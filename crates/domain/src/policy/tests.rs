//! Fixtures shared by the policy tests: an actor of any role related to a request of any
//! status by any relation. The exhaustive table is in `table`.

use super::*;
use crate::model::Status::*;
use uuid::Uuid;

mod actions;
mod table;
mod visibility;

/// How the actor stands to the request in a scene.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Requester,
    Assignee,
    ManagesProperty,
    None,
}

const RELATIONS: [Relation; 4] = [
    Relation::Requester,
    Relation::Assignee,
    Relation::ManagesProperty,
    Relation::None,
];

fn me() -> UserId {
    UserId(Uuid::from_u128(1))
}
fn a_customer() -> UserId {
    UserId(Uuid::from_u128(2))
}
fn another_technician() -> UserId {
    UserId(Uuid::from_u128(3))
}
fn the_property() -> PropertyId {
    PropertyId(Uuid::from_u128(10))
}
fn another_property() -> PropertyId {
    PropertyId(Uuid::from_u128(11))
}

/// An actor of `role` related to a `status` request by `relation`. Unless the actor is the
/// assignee, `held_by_someone_else` decides whether another technician holds the request.
fn scene(
    role: Role,
    relation: Relation,
    status: Status,
    held_by_someone_else: bool,
    rated: bool,
) -> (Actor, RequestFacts) {
    let managed = match relation {
        Relation::ManagesProperty => the_property(),
        _ => another_property(),
    };
    let actor = Actor {
        id: me(),
        role,
        property_ids: vec![managed],
    };
    let other_assignee = held_by_someone_else.then(another_technician);
    let (requester_id, assignee_id) = match relation {
        Relation::Requester => (me(), other_assignee),
        Relation::Assignee => (a_customer(), Some(me())),
        Relation::ManagesProperty | Relation::None => (a_customer(), other_assignee),
    };
    let req = RequestFacts {
        status,
        requester_id,
        assignee_id,
        property_id: the_property(),
        rated,
    };
    (actor, req)
}

/// The usual shape of data: a technician holds the request from ASSIGNED to CLOSED.
fn typical(role: Role, relation: Relation, status: Status) -> (Actor, RequestFacts) {
    let held = matches!(status, Assigned | InProgress | Completed | Closed);
    scene(role, relation, status, held, false)
}

fn attempt(
    role: Role,
    relation: Relation,
    status: Status,
    action: Action,
) -> Result<Status, Denied> {
    let (actor, req) = typical(role, relation, status);
    authorize(&actor, action, &req)
}

/// Every scene the table walks: each status × role × relation × holder × rated combination.
fn all_scenes() -> Vec<(Actor, RequestFacts, Role, Relation)> {
    let mut scenes = Vec::new();
    for status in Status::ALL {
        for role in Role::ALL {
            for relation in RELATIONS {
                // The assignee is the actor, so "someone else holds it" does not apply.
                let holders: &[bool] = if relation == Relation::Assignee {
                    &[false]
                } else {
                    &[false, true]
                };
                for &held in holders {
                    for rated in [false, true] {
                        let (actor, req) = scene(role, relation, status, held, rated);
                        scenes.push((actor, req, role, relation));
                    }
                }
            }
        }
    }
    scenes
}
