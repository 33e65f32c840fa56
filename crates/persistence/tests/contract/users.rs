//! `SqlUserRepository` against the `UserStore, CredentialStore` contract.

use crate::support::{new_user, now};
use basma_domain::model::{
    CategoryId, Email, PersonName, Phone, Property, PropertyId, Role, UserChanges, UserFilter,
};
use basma_domain::ports::{
    CatalogLookup, ConflictOn, CredentialStore, Cursor, PropertyStore, RepoError, UserStore,
};
use basma_persistence::{SqlCatalog, SqlUserRepository};
use chrono::Duration;

fn repo(db: &crate::support::TestDb) -> SqlUserRepository {
    SqlUserRepository::new(db.store.connection().clone())
}

async fn property(db: &crate::support::TestDb, code: &str) -> PropertyId {
    let catalog = SqlCatalog::new(db.store.connection().clone());
    let property = Property {
        id: PropertyId::new(),
        name: format!("Tower {code}"),
        code: code.into(),
        city: "Riyadh".into(),
        address: None,
        created_at: now(),
        updated_at: now(),
    };
    catalog.create_property(property).await.unwrap().id
}

async fn first_category(db: &crate::support::TestDb) -> CategoryId {
    let catalog = SqlCatalog::new(db.store.connection().clone());
    catalog.list_categories().await.unwrap()[0].id
}

contract! {
    fn a_created_user_reads_back_with_its_properties_and_skills(db) {
        let users = repo(db);
        let p1 = property(db, "P1").await;
        let p2 = property(db, "P2").await;
        let cat = first_category(db).await;
        let mut new = new_user("Admin@Example.com", Role::BasmaAdmin);
        new.phone = Some(Phone::parse("+966 50 123 4567").unwrap());
        new.property_ids = vec![p2, p1, p2];
        new.category_ids = vec![cat];
        let created = users.create(new.clone()).await.unwrap();
        let mut expected_properties = vec![p1, p2];
        expected_properties.sort();
        assert_eq!(created.property_ids, expected_properties);
        assert_eq!(created.email, "admin@example.com");
        assert_eq!(created.created_at, new.now);
        assert!(created.active);
        let read = users.get(created.id).await.unwrap();
        assert_eq!(read, created);
        let creds = users.find_credentials(&Email::parse("ADMIN@example.com").unwrap()).await.unwrap().unwrap();
        assert_eq!(creds.user.id, created.id);
        assert_eq!(creds.password_hash, "$2b$10$hash");
        assert!(users.find_credentials(&Email::parse("nobody@example.com").unwrap()).await.unwrap().is_none());
        assert_eq!(users.get(basma_domain::model::UserId::new()).await, Err(RepoError::NotFound));
    }

    fn the_same_email_in_another_case_is_a_conflict_on_email(db) {
        let users = repo(db);
        users.create(new_user("ali@example.com", Role::Customer)).await.unwrap();
        let again = users.create(new_user("ALI@Example.COM", Role::Customer)).await;
        assert_eq!(again.unwrap_err(), RepoError::Conflict(ConflictOn::Email));
    }

    fn a_taken_phone_is_a_conflict_on_phone(db) {
        let users = repo(db);
        let mut first = new_user("one@example.com", Role::Customer);
        first.phone = Some(Phone::parse("+966501234567").unwrap());
        users.create(first).await.unwrap();
        let mut second = new_user("two@example.com", Role::Customer);
        second.phone = Some(Phone::parse("+966 50 123 4567").unwrap());
        assert_eq!(users.create(second).await.unwrap_err(), RepoError::Conflict(ConflictOn::Phone));
        // Phoneless users never collide with each other.
        users.create(new_user("three@example.com", Role::Customer)).await.unwrap();
        let fourth = users.create(new_user("four@example.com", Role::Customer)).await.unwrap();
        let taken = UserChanges { phone: Some(Some(Phone::parse("+966501234567").unwrap())), ..Default::default() };
        assert_eq!(users.update(fourth.id, taken, now()).await.unwrap_err(), RepoError::Conflict(ConflictOn::Phone));
    }

    fn unknown_property_or_category_ids_are_a_conflict_on_reference(db) {
        let users = repo(db);
        let mut new = new_user("x@example.com", Role::BasmaAdmin);
        new.property_ids = vec![PropertyId::new()];
        assert_eq!(users.create(new).await.unwrap_err(), RepoError::Conflict(ConflictOn::Reference));
        // Nothing of the failed account was kept.
        users.create(new_user("x@example.com", Role::Customer)).await.unwrap();
        let tech = users.create(new_user("t@example.com", Role::Technician)).await.unwrap();
        let bad = UserChanges { category_ids: Some(vec![CategoryId::new()]), ..Default::default() };
        assert_eq!(users.update(tech.id, bad, now()).await.unwrap_err(), RepoError::Conflict(ConflictOn::Reference));
    }

    fn an_update_changes_only_what_it_names_and_replaces_the_sets(db) {
        let users = repo(db);
        let p1 = property(db, "P1").await;
        let p2 = property(db, "P2").await;
        let mut new = new_user("m@example.com", Role::BasmaAdmin);
        new.property_ids = vec![p1];
        let user = users.create(new).await.unwrap();
        let later = now() + Duration::seconds(5);
        let changes = UserChanges {
            name: Some(PersonName::parse("Renamed").unwrap()),
            role: Some(Role::MaintenanceAdmin),
            active: Some(false),
            property_ids: Some(vec![p2]),
            ..Default::default()
        };
        let updated = users.update(user.id, changes, later).await.unwrap();
        assert_eq!(updated.name, "Renamed");
        assert_eq!(updated.role, Role::MaintenanceAdmin);
        assert!(!updated.active);
        assert_eq!(updated.property_ids, vec![p2]);
        assert_eq!(updated.email, user.email);
        assert_eq!(updated.updated_at, later);
        assert_eq!(users.get(user.id).await.unwrap(), updated);
        let missing = users.update(basma_domain::model::UserId::new(), UserChanges::default(), now()).await;
        assert_eq!(missing.unwrap_err(), RepoError::NotFound);
    }

    fn password_and_verification_updates_need_an_existing_user(db) {
        let users = repo(db);
        let user = users.create(new_user("v@example.com", Role::Customer)).await.unwrap();
        let at = now();
        users.mark_email_verified(user.id, at).await.unwrap();
        users.set_password_hash(user.id, "$2b$new", at).await.unwrap();
        let creds = users.find_credentials(&Email::parse("v@example.com").unwrap()).await.unwrap().unwrap();
        assert_eq!(creds.user.email_verified_at, Some(at));
        assert_eq!(creds.password_hash, "$2b$new");
        let ghost = basma_domain::model::UserId::new();
        assert_eq!(users.mark_email_verified(ghost, at).await, Err(RepoError::NotFound));
        assert_eq!(users.set_password_hash(ghost, "h", at).await, Err(RepoError::NotFound));
        assert_eq!(users.reset_failed_logins(ghost).await, Err(RepoError::NotFound));
    }

    fn failed_logins_count_in_the_window_and_lock_at_the_limit(db) {
        let users = repo(db);
        let user = users.create(new_user("f@example.com", Role::Customer)).await.unwrap();
        let start = now();
        let window = Duration::minutes(15);
        let mut last = None;
        for i in 0..5 {
            let at = start + Duration::seconds(i);
            let locked_until = at + window;
            let updated = users.record_failed_login(user.id, at, at - window, 5, locked_until).await.unwrap();
            assert_eq!(updated.failed_logins, u32::try_from(i + 1).unwrap());
            assert_eq!(updated.first_failed_login_at, Some(start));
            if i < 4 {
                assert_eq!(updated.locked_until, None, "locked after {} failures", i + 1);
            }
            last = Some(updated);
        }
        let locked = last.unwrap();
        assert_eq!(locked.locked_until, Some(start + Duration::seconds(4) + window));

        // A failure after the window starts a new count (the old lock stays as it was).
        let much_later = start + Duration::minutes(40);
        let restarted = users
            .record_failed_login(user.id, much_later, much_later - window, 5, much_later + window)
            .await
            .unwrap();
        assert_eq!(restarted.failed_logins, 1);
        assert_eq!(restarted.first_failed_login_at, Some(much_later));
        assert_eq!(restarted.locked_until, locked.locked_until);

        users.reset_failed_logins(user.id).await.unwrap();
        let cleared = users.get(user.id).await.unwrap();
        assert_eq!((cleared.failed_logins, cleared.first_failed_login_at, cleared.locked_until), (0, None, None));
        let ghost = basma_domain::model::UserId::new();
        let missing = users.record_failed_login(ghost, start, start, 5, start).await;
        assert_eq!(missing.unwrap_err(), RepoError::NotFound);
    }

    fn concurrent_failed_logins_are_all_counted(db) {
        let users = repo(db);
        let user = users.create(new_user("race@example.com", Role::Customer)).await.unwrap();
        let at = now();
        let tasks: Vec<_> = (0..6)
            .map(|_| {
                let users = users.clone();
                tokio::spawn(async move {
                    users.record_failed_login(user.id, at, at - Duration::minutes(15), 100, at).await
                })
            })
            .collect();
        for task in tasks {
            task.await.unwrap().unwrap();
        }
        assert_eq!(users.get(user.id).await.unwrap().failed_logins, 6);
    }

    fn only_active_super_admins_are_counted(db) {
        let users = repo(db);
        assert_eq!(users.count_active_super_admins().await.unwrap(), 0);
        let a = users.create(new_user("a@example.com", Role::SuperAdmin)).await.unwrap();
        users.create(new_user("b@example.com", Role::SuperAdmin)).await.unwrap();
        users.create(new_user("c@example.com", Role::MaintenanceAdmin)).await.unwrap();
        assert_eq!(users.count_active_super_admins().await.unwrap(), 2);
        let off = UserChanges { active: Some(false), ..Default::default() };
        users.update(a.id, off, now()).await.unwrap();
        assert_eq!(users.count_active_super_admins().await.unwrap(), 1);
    }

    fn the_last_active_super_admin_can_be_neither_demoted_nor_deactivated(db) {
        let users = repo(db);
        let a = users.create(new_user("a@example.com", Role::SuperAdmin)).await.unwrap();
        let b = users.create(new_user("b@example.com", Role::SuperAdmin)).await.unwrap();
        let off = || UserChanges { active: Some(false), ..Default::default() };
        let demote = || UserChanges { role: Some(Role::Customer), ..Default::default() };
        users.update(a.id, demote(), now()).await.unwrap();
        let refused = |r: Result<_, RepoError>| matches!(r, Err(RepoError::Conflict(ConflictOn::LastSuperAdmin)));
        assert!(refused(users.update(b.id, off(), now()).await));
        assert!(refused(users.update(b.id, demote(), now()).await));
        // Other changes to the last one, and changes to others, still go through.
        let rename = UserChanges { name: Some(PersonName::parse("B").unwrap()), ..Default::default() };
        users.update(b.id, rename, now()).await.unwrap();
        users.update(a.id, off(), now()).await.unwrap();
        assert_eq!(users.count_active_super_admins().await.unwrap(), 1);
    }

    fn phone_taken_sees_other_accounts_phones(db) {
        let users = repo(db);
        let mut new = new_user("p@example.com", Role::Customer);
        new.phone = Some(Phone::parse("+966501234567").unwrap());
        users.create(new).await.unwrap();
        assert!(users.phone_taken(&Phone::parse("+966 50 123 4567").unwrap()).await.unwrap());
        assert!(!users.phone_taken(&Phone::parse("+966507654321").unwrap()).await.unwrap());
    }

    fn the_list_pages_newest_first_and_filters(db) {
        let users = repo(db);
        let base = now();
        let mut created = Vec::new();
        for i in 0..7 {
            let role = if i % 2 == 0 { Role::Technician } else { Role::Customer };
            let mut new = new_user(&format!("user{i}@example.com"), role);
            // Two users share a timestamp, so the id must break the tie.
            new.now = base + Duration::seconds(i.min(5));
            created.push(users.create(new).await.unwrap());
        }
        let mut expected: Vec<_> = created.iter().map(|u| (u.created_at, u.id)).collect();
        expected.sort();
        expected.reverse();

        let mut seen = Vec::new();
        let mut cursor = None;
        loop {
            let page = users.list(UserFilter::default(), cursor.clone(), 3).await.unwrap();
            assert!(page.items.len() <= 3);
            seen.extend(page.items.iter().map(|u| (u.created_at, u.id)));
            match page.next_cursor {
                Some(next) => {
                    assert!(Cursor::decode(&next).is_some());
                    cursor = Some(next);
                }
                None => break,
            }
        }
        assert_eq!(seen, expected);

        let techs = users.list(UserFilter { role: Some(Role::Technician), ..Default::default() }, None, 100).await.unwrap();
        assert_eq!(techs.items.len(), 4);
        assert!(techs.items.iter().all(|u| u.role == Role::Technician));
        assert_eq!(techs.next_cursor, None);

        let off = UserChanges { active: Some(false), ..Default::default() };
        users.update(created[0].id, off, now()).await.unwrap();
        let inactive = users.list(UserFilter { active: Some(false), ..Default::default() }, None, 100).await.unwrap();
        assert_eq!(inactive.items.iter().map(|u| u.id).collect::<Vec<_>>(), vec![created[0].id]);

        let q = users.list(UserFilter { q: Some("USER3@".into()), ..Default::default() }, None, 100).await.unwrap();
        assert_eq!(q.items.iter().map(|u| u.id).collect::<Vec<_>>(), vec![created[3].id]);
        let by_name = users.list(UserFilter { q: Some("test u".into()), ..Default::default() }, None, 100).await.unwrap();
        assert_eq!(by_name.items.len(), 7);
        let wildcard = users.list(UserFilter { q: Some("%".into()), ..Default::default() }, None, 100).await.unwrap();
        assert!(wildcard.items.is_empty());

        let foreign = Cursor::new("not-a-time", uuid::Uuid::now_v7()).encode();
        let page = users.list(UserFilter::default(), Some(foreign), 10).await.unwrap();
        assert!(page.items.is_empty() && page.next_cursor.is_none());
    }
}
