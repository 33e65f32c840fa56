//! The catalogue ports (`PropertyStore`, `BuildingStore`, `CategoryStore`, `CatalogLookup`)
//! on every backend, fakes included: unique codes, unknown ids, and deletes refused while
//! something still refers to the row. That a manager's link keeps a property stays SQL-only:
//! the link lives in the users' store, which has no in-memory adapter.

use crate::support::{TestDb, new_user, now};
use basma_domain::model::{Building, BuildingId, Category, CategoryId, Property, PropertyId, Role};
use basma_domain::ports::{ConflictOn, PropertyStore, RepoError, UserStore};
use basma_persistence::{SqlCatalog, SqlUserRepository};
use chrono::Duration;

fn catalog(db: &TestDb) -> SqlCatalog {
    SqlCatalog::new(db.store.connection().clone())
}

fn property(code: &str, name: &str) -> Property {
    Property {
        id: PropertyId::new(),
        name: name.into(),
        code: code.into(),
        city: "Jeddah".into(),
        address: Some("شارع التحلية".into()),
        created_at: now(),
        updated_at: now(),
    }
}

fn building(property_id: PropertyId, code: &str) -> Building {
    Building {
        id: BuildingId::new(),
        property_id,
        name: format!("Building {code}"),
        code: code.into(),
        created_at: now(),
        updated_at: now(),
    }
}

port_contract! {
    fn property_codes_are_unique(ports) {
        let catalog = &ports.catalog;
        let a = catalog.create_property(property("RUH-1", "برج الرياض")).await.unwrap();
        assert_eq!(catalog.get_property(a.id).await.unwrap(), a);
        let dup = catalog.create_property(property("RUH-1", "Other")).await;
        assert_eq!(dup.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        let b = catalog.create_property(property("RUH-2", "Another")).await.unwrap();
        let clash = Property { code: "RUH-1".into(), ..b.clone() };
        assert_eq!(catalog.update_property(clash).await.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        let renamed = Property { name: "Renamed".into(), updated_at: now() + Duration::seconds(3), ..b.clone() };
        assert_eq!(catalog.update_property(renamed.clone()).await.unwrap(), renamed);
        let ghost = property("GHOST", "Ghost");
        assert_eq!(catalog.update_property(ghost.clone()).await.unwrap_err(), RepoError::NotFound);
        assert_eq!(catalog.get_property(ghost.id).await.unwrap_err(), RepoError::NotFound);
        let names: Vec<_> = catalog.list_properties().await.unwrap().into_iter().map(|p| p.name).collect();
        assert_eq!(names, vec!["Renamed".to_string(), "برج الرياض".to_string()], "{}", ports.backend);
    }

    fn building_codes_are_unique_within_a_property_only(ports) {
        let catalog = &ports.catalog;
        let p1 = catalog.create_property(property("P1", "One")).await.unwrap();
        let p2 = catalog.create_property(property("P2", "Two")).await.unwrap();
        let a = catalog.create_building(building(p1.id, "A")).await.unwrap();
        assert_eq!(catalog.get_building(a.id).await.unwrap(), a);
        assert_eq!(catalog.create_building(building(p1.id, "A")).await.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        catalog.create_building(building(p2.id, "A")).await.unwrap();
        let b = catalog.create_building(building(p1.id, "B")).await.unwrap();
        let clash = Building { code: "A".into(), ..b.clone() };
        assert_eq!(catalog.update_building(clash).await.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        let renamed = Building { name: "Bee".into(), ..b.clone() };
        assert_eq!(catalog.update_building(renamed.clone()).await.unwrap(), renamed);
        assert_eq!(catalog.list_buildings(p1.id).await.unwrap().len(), 2);
        let orphan = building(PropertyId::new(), "Z");
        assert_eq!(catalog.create_building(orphan.clone()).await.unwrap_err(), RepoError::NotFound);
        assert_eq!(catalog.update_building(orphan.clone()).await.unwrap_err(), RepoError::NotFound);
        assert_eq!(catalog.get_building(orphan.id).await.unwrap_err(), RepoError::NotFound);
    }

    fn a_property_with_buildings_cannot_be_deleted(ports) {
        let catalog = &ports.catalog;
        let p = catalog.create_property(property("USED", "Used")).await.unwrap();
        let b = catalog.create_building(building(p.id, "A")).await.unwrap();
        assert_eq!(catalog.delete_property(p.id).await.unwrap_err(), RepoError::Conflict(ConflictOn::InUse));
        catalog.delete_building(b.id).await.unwrap();
        assert_eq!(catalog.delete_building(b.id).await.unwrap_err(), RepoError::NotFound);
        catalog.delete_property(p.id).await.unwrap();
        assert_eq!(catalog.delete_property(p.id).await.unwrap_err(), RepoError::NotFound);
    }

    fn category_codes_are_unique_and_updates_keep_them_so(ports) {
        let catalog = &ports.catalog;
        let seeded = catalog.list_categories().await.unwrap().len();
        let new = Category {
            id: CategoryId::new(),
            code: "PAINTING".into(),
            name_ar: "الدهان".into(),
            name_en: "Painting".into(),
            active: true,
            created_at: now(),
            updated_at: now(),
        };
        let created = catalog.create_category(new.clone()).await.unwrap();
        assert_eq!(catalog.get_category(created.id).await.unwrap(), created);
        let dup = Category { id: CategoryId::new(), ..new.clone() };
        assert_eq!(catalog.create_category(dup).await.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        let plumbing = Category { code: "PLUMBING".into(), ..created.clone() };
        assert_eq!(catalog.update_category(plumbing).await.unwrap_err(), RepoError::Conflict(ConflictOn::Code));
        let off = Category { active: false, name_en: "Paint".into(), ..created.clone() };
        assert_eq!(catalog.update_category(off.clone()).await.unwrap(), off);
        let ghost = Category { id: CategoryId::new(), code: "GHOST".into(), ..created };
        assert_eq!(catalog.update_category(ghost.clone()).await.unwrap_err(), RepoError::NotFound);
        assert_eq!(catalog.get_category(ghost.id).await.unwrap_err(), RepoError::NotFound);
        let all = catalog.list_categories().await.unwrap();
        assert_eq!(all.len(), seeded + 1);
        assert!(all.windows(2).all(|w| w[0].code < w[1].code));
    }
}

contract! {
    fn a_property_a_manager_manages_cannot_be_deleted(db) {
        let catalog = catalog(db);
        let p = catalog.create_property(property("USED", "Used")).await.unwrap();
        let users = SqlUserRepository::new(db.store.connection().clone());
        let mut admin = new_user("ba@example.com", Role::BasmaAdmin);
        admin.property_ids = vec![p.id];
        users.create(admin).await.unwrap();
        assert_eq!(catalog.delete_property(p.id).await.unwrap_err(), RepoError::Conflict(ConflictOn::InUse));

        let free = catalog.create_property(property("FREE", "Free")).await.unwrap();
        catalog.delete_property(free.id).await.unwrap();
        assert_eq!(catalog.delete_property(free.id).await.unwrap_err(), RepoError::NotFound);
    }
}
