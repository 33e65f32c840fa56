//! Listing and reading accounts, and display names.

use super::*;

#[tokio::test]
async fn a_maintenance_admin_lists_and_reads_technicians_only() {
    let mut m = Mocks::new();
    m.users
        .expect_list()
        .withf(|filter, _, _| filter.role == Some(Role::Technician))
        .times(1)
        .returning(|_, _, _| {
            Ok(Page {
                items: Vec::new(),
                next_cursor: None,
                total: None,
            })
        });
    let customer = account(Role::Customer);
    let read = customer.clone();
    m.users.expect_get().returning(move |_| Ok(read.clone()));
    let service = m.service();
    let admin = actor(Role::MaintenanceAdmin);
    service
        .list(&admin, UserFilter::default(), None, 20)
        .await
        .unwrap();
    let others = UserFilter {
        role: Some(Role::Customer),
        ..UserFilter::default()
    };
    let page = service.list(&admin, others, None, 20).await.unwrap();
    assert!(page.items.is_empty());
    let err = service.get(&admin, customer.id).await.unwrap_err();
    assert!(matches!(err, UserAdminError::NotFound), "{err:?}");
    let err = service
        .list(&actor(Role::Customer), UserFilter::default(), None, 20)
        .await
        .unwrap_err();
    assert!(matches!(err, UserAdminError::Forbidden), "{err:?}");
}

#[tokio::test]
async fn display_names_come_from_the_directory() {
    let mut m = Mocks::new();
    let id = UserId::new();
    m.directory
        .expect_display_names()
        .returning(move |ids| Ok(ids.iter().map(|i| (*i, "Sami".to_owned())).collect()));
    let names = m.service().display_names(&[id]).await.unwrap();
    assert_eq!(names, vec![(id, "Sami".to_owned())]);
}
