//! Who sees what (one request and lists), internal comments, and the administrative rights
//! outside requests.

use super::*;
use crate::model::{BuildingId, CategoryId, Priority, RequestId};

#[test]
fn visibility_maps_each_role_to_its_list_rule() {
    let actor = |role| Actor {
        id: me(),
        role,
        property_ids: vec![the_property()],
    };
    let viewer = me();
    assert_eq!(
        visibility(&actor(Role::SuperAdmin)),
        Visibility::Everything { viewer }
    );
    assert_eq!(
        visibility(&actor(Role::MaintenanceAdmin)),
        Visibility::Everything { viewer }
    );
    assert_eq!(
        visibility(&actor(Role::BasmaAdmin)),
        Visibility::Properties {
            viewer,
            property_ids: vec![the_property()]
        }
    );
    assert_eq!(
        visibility(&actor(Role::Technician)),
        Visibility::Technician { viewer }
    );
    assert_eq!(
        visibility(&actor(Role::Customer)),
        Visibility::Own { viewer }
    );
}

/// What the SQL of each [`Visibility`] selects, as its rustdoc describes it.
fn selects(visibility: &Visibility, req: &RequestFacts) -> bool {
    let (viewer, rule) = match visibility {
        Visibility::Everything { viewer } => (viewer, true),
        Visibility::Properties {
            viewer,
            property_ids,
        } => (viewer, property_ids.contains(&req.property_id)),
        Visibility::Technician { viewer } => (
            viewer,
            req.assignee_id == Some(*viewer)
                || (req.status == Submitted && req.assignee_id.is_none()),
        ),
        Visibility::Own { viewer } => (viewer, false),
    };
    req.requester_id == *viewer || (req.status != Draft && rule)
}

#[test]
fn can_view_agrees_with_the_list_visibility_in_every_scene() {
    for (actor, req, ..) in all_scenes() {
        assert_eq!(
            can_view(&actor, &req),
            selects(&visibility(&actor), &req),
            "{actor:?} {req:?}"
        );
    }
}

#[test]
fn internal_comments_are_shown_to_staff_who_can_see_the_request() {
    for (actor, req, role, _) in all_scenes() {
        let expected = role != Role::Customer && can_view(&actor, &req);
        assert_eq!(
            may_see_internal(&actor, &req),
            expected,
            "{actor:?} {req:?}"
        );
    }
    let (customer, own) = typical(Role::Customer, Relation::Requester, Submitted);
    assert!(!may_see_internal(&customer, &own));
}

#[test]
fn only_super_admin_manages_users_and_maintenance_admin_reads_technicians() {
    for role in Role::ALL {
        let actor = Actor {
            id: me(),
            role,
            property_ids: vec![],
        };
        assert_eq!(
            may_manage_users(&actor),
            role == Role::SuperAdmin,
            "{role:?}"
        );
        for target in Role::ALL {
            let expected = role == Role::SuperAdmin
                || (role == Role::MaintenanceAdmin && target == Role::Technician);
            assert_eq!(
                may_read_user(&actor, target),
                expected,
                "{role:?} reads {target:?}"
            );
        }
    }
}

#[test]
fn catalog_is_managed_by_admins_and_reports_are_read_by_managers_of_any_kind() {
    let expectations = [
        (Role::SuperAdmin, true, true),
        (Role::MaintenanceAdmin, true, true),
        (Role::BasmaAdmin, false, true),
        (Role::Technician, false, false),
        (Role::Customer, false, false),
    ];
    for (role, catalog, reports) in expectations {
        let actor = Actor {
            id: me(),
            role,
            property_ids: vec![],
        };
        assert_eq!(may_manage_catalog(&actor), catalog, "{role:?}");
        assert_eq!(may_read_reports(&actor), reports, "{role:?}");
    }
}

#[test]
fn request_facts_are_taken_from_a_stored_request() {
    let now = chrono::Utc::now();
    let stored = MaintenanceRequest {
        id: RequestId::new(),
        reference: "MR-2026-000001".into(),
        title: "Leaking tap".into(),
        description: "The kitchen tap drips all night.".into(),
        category_id: CategoryId::new(),
        priority: Priority::High,
        status: Completed,
        building_id: BuildingId::new(),
        property_id: the_property(),
        location: None,
        requester_id: a_customer(),
        assignee_id: Some(another_technician()),
        due_at: None,
        submitted_at: None,
        assigned_at: None,
        started_at: None,
        completed_at: None,
        closed_at: None,
        reason: None,
        rating: Some(4),
        feedback: None,
        version: 3,
        created_at: now,
        updated_at: now,
    };
    let facts = RequestFacts::from(&stored);
    assert_eq!(
        facts,
        RequestFacts {
            status: Completed,
            requester_id: a_customer(),
            assignee_id: Some(another_technician()),
            property_id: the_property(),
            rated: true,
        }
    );
}

#[test]
fn only_a_super_admin_reads_the_server_stats() {
    for (role, expected) in [
        (Role::SuperAdmin, true),
        (Role::MaintenanceAdmin, false),
        (Role::BasmaAdmin, false),
        (Role::Technician, false),
        (Role::Customer, false),
    ] {
        let actor = Actor {
            id: me(),
            role,
            property_ids: vec![],
        };
        assert_eq!(may_read_server_stats(&actor), expected, "{role:?}");
    }
}
