//! Authentication before the upgrade and who receives which event.

use super::scene::{QUIET, Scene, WAIT, request_ids, socket};
use basma_e2e::db_test;
use basma_e2e::harness::ws::WsClient;
use basma_e2e::harness::{TestApp, json};

db_test!(
    a_missing_or_bad_token_is_refused_with_401_before_the_upgrade,
    |app: TestApp| async move {
        assert_eq!(WsClient::connect(&app.address, None).await.err(), Some(401));
        assert_eq!(
            WsClient::connect(&app.address, Some("not-a-token"))
                .await
                .err(),
            Some(401)
        );
        let (status, body) = json(app.get("/ws").await).await;
        assert_eq!(
            (status, body["code"].as_str()),
            (401, Some("UNAUTHENTICATED"))
        );
    }
);

db_test!(
    the_welcome_carries_the_user_and_role_also_with_a_query_token,
    |app: TestApp| async move {
        let (id, token) = app.user_with_role("TECHNICIAN").await;
        let mut ws = WsClient::connect_with_query(&app.address, &token)
            .await
            .expect("upgrade");
        let welcome = ws.next_json(WAIT).await.expect("welcome");
        assert_eq!(welcome["type"], "welcome");
        assert_eq!(welcome["data"]["userId"], id.as_str());
        assert_eq!(welcome["data"]["role"], "TECHNICIAN");
        assert_eq!(welcome["data"]["heartbeatSeconds"], 30);
    }
);

db_test!(
    a_customer_never_receives_another_customers_events,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (_, alice) = app.user_with_role("CUSTOMER").await;
        let (_, bob) = app.user_with_role("CUSTOMER").await;
        let mut bob_ws = socket(&app, &bob).await;
        let mut alice_ws = socket(&app, &alice).await;
        let mine = scene.request(&app, &alice, false).await;
        let got = alice_ws
            .next_of("request.created", WAIT)
            .await
            .expect("alice sees her request");
        assert_eq!(got["data"]["requestId"], mine["id"]);
        assert!(
            got["id"].as_i64().unwrap() > 0,
            "id is the stored sequence number"
        );
        assert!(bob_ws.request_events(QUIET).await.is_empty());
    }
);

db_test!(
    a_technician_receives_new_available_requests_then_only_their_own,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (tech_id, tech) = app.user_with_role("TECHNICIAN").await;
        let (other_id, _) = app.user_with_role("TECHNICIAN").await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let mut ws = socket(&app, &tech).await;
        let first = scene.request(&app, &customer, false).await;
        let created = ws
            .next_of("request.created", WAIT)
            .await
            .expect("a newly available request");
        assert_eq!(created["data"]["requestId"], first["id"]);
        // Taken by another technician: this one is told it is gone, then hears no more of it.
        scene
            .assign(&app, first["id"].as_str().unwrap(), &other_id)
            .await;
        scene
            .comment(&app, &scene.admin, first["id"].as_str().unwrap(), false)
            .await;
        let second = scene.request(&app, &customer, false).await;
        scene
            .assign(&app, second["id"].as_str().unwrap(), &tech_id)
            .await;
        scene
            .comment(&app, &scene.admin, second["id"].as_str().unwrap(), false)
            .await;
        let events = ws.request_events(QUIET).await;
        let comments: Vec<_> = events
            .iter()
            .filter(|e| e["type"] == "request.comment_added")
            .collect();
        assert_eq!(comments.len(), 1, "{events:?}");
        assert_eq!(comments[0]["data"]["requestId"], second["id"]);
    }
);

db_test!(
    a_property_manager_receives_only_their_properties,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (_, manager) = scene.property_manager(&app).await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let mut ws = socket(&app, &manager).await;
        let inside = scene.request(&app, &customer, false).await;
        let _outside = scene.request(&app, &customer, true).await;
        let events = ws.request_events(QUIET).await;
        assert_eq!(
            request_ids(&events),
            vec![inside["id"].as_str().unwrap().to_owned()]
        );
    }
);

db_test!(
    an_internal_comment_reaches_staff_sockets_and_no_customer_socket,
    |app: TestApp| async move {
        let scene = Scene::new(&app).await;
        let (tech_id, tech) = app.user_with_role("TECHNICIAN").await;
        let (_, customer) = app.user_with_role("CUSTOMER").await;
        let request = scene.request(&app, &customer, false).await;
        let id = request["id"].as_str().unwrap();
        scene.assign(&app, id, &tech_id).await;
        let mut staff = socket(&app, &tech).await;
        let mut requester = socket(&app, &customer).await;
        scene.comment(&app, &scene.admin, id, true).await;
        let seen = staff
            .next_of("request.comment_added", WAIT)
            .await
            .expect("staff sees it");
        assert_eq!(seen["data"]["internal"], true);
        assert!(requester.request_events(QUIET).await.is_empty());
        scene.comment(&app, &scene.admin, id, false).await;
        let public = requester
            .next_of("request.comment_added", WAIT)
            .await
            .expect("public comment");
        assert_eq!(public["data"]["internal"], false);
    }
);
