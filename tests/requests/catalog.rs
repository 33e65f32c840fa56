//! Properties, buildings and categories: reads for every signed-in role, writes for the two
//! manager roles only, and 409 when deleting something still in use.

use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Place, unique};
use reqwest::Method;
use serde_json::json;

db_test!(
    every_signed_in_role_reads_the_catalog_and_only_managers_write_it,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let (property, building) = (&site.property, &site.buildings[0]);
        let plumbing = app.category(&admin, "PLUMBING").await;
        for role in [
            "SUPER_ADMIN",
            "MAINTENANCE_ADMIN",
            "BASMA_ADMIN",
            "TECHNICIAN",
            "CUSTOMER",
        ] {
            let user = app.person(&admin, role, &[]).await;
            let token = &user.token;
            let properties = app
                .expect(Method::GET, "/api/v1/properties", token, None, 200)
                .await;
            assert!(
                properties
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|p| p["id"] == *property),
                "{role}: {properties}"
            );
            let one = app
                .expect(
                    Method::GET,
                    &format!("/api/v1/properties/{property}"),
                    token,
                    None,
                    200,
                )
                .await;
            assert_eq!(one["buildings"][0]["id"], *building, "{role}: {one}");
            let buildings = format!("/api/v1/properties/{property}/buildings");
            let list = app.expect(Method::GET, &buildings, token, None, 200).await;
            assert_eq!(list.as_array().unwrap().len(), 1, "{role}: {list}");
            let categories = app
                .expect(Method::GET, "/api/v1/categories", token, None, 200)
                .await;
            assert!(
                categories.as_array().unwrap().len() >= 7,
                "{role}: {categories}"
            );

            let writes = [
                (
                    Method::POST,
                    "/api/v1/properties".to_owned(),
                    json!({"name": "N", "code": format!("X{}", unique()), "city": "Jeddah"}),
                ),
                (
                    Method::PATCH,
                    format!("/api/v1/properties/{property}"),
                    json!({"name": "Renamed"}),
                ),
                (
                    Method::DELETE,
                    format!("/api/v1/properties/{property}"),
                    json!({}),
                ),
                (
                    Method::POST,
                    buildings.clone(),
                    json!({"name": "N", "code": format!("X{}", unique())}),
                ),
                (
                    Method::PATCH,
                    format!("/api/v1/buildings/{building}"),
                    json!({"name": "Renamed"}),
                ),
                (
                    Method::DELETE,
                    format!("/api/v1/buildings/{building}"),
                    json!({}),
                ),
                (
                    Method::POST,
                    "/api/v1/categories".to_owned(),
                    json!({"code": format!("X{}", unique()), "nameAr": "فئة", "nameEn": "Category"}),
                ),
                (
                    Method::PATCH,
                    format!("/api/v1/categories/{plumbing}"),
                    json!({"nameEn": "Pipes"}),
                ),
            ];
            let manager = matches!(role, "SUPER_ADMIN" | "MAINTENANCE_ADMIN");
            for (method, path, body) in writes {
                if manager {
                    // Managers' writes are shown below; here only the refusals matter.
                    continue;
                }
                let (status, answer) = app.authed(method.clone(), &path, token, Some(&body)).await;
                assert_eq!(
                    (status, answer["code"].as_str()),
                    (403, Some("FORBIDDEN")),
                    "{role} {method} {path}: {answer}"
                );
            }
        }
        // Nothing the refused writes tried happened.
        let one = app
            .expect(
                Method::GET,
                &format!("/api/v1/properties/{property}"),
                &admin,
                None,
                200,
            )
            .await;
        assert_ne!(one["name"], "Renamed");
        assert_eq!(one["buildings"].as_array().unwrap().len(), 1, "{one}");
        assert_ne!(one["buildings"][0]["name"], "Renamed");
        let categories = app
            .expect(Method::GET, "/api/v1/categories", &admin, None, 200)
            .await;
        assert_eq!(categories.as_array().unwrap().len(), 7, "{categories}");
    }
);

db_test!(
    a_maintenance_admin_manages_the_catalog_and_deleting_what_is_in_use_is_409,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let manager = app.person(&admin, "MAINTENANCE_ADMIN", &[]).await;
        let token = &manager.token;
        let site = app.site(token, 2).await;
        let (used, empty) = (&site.buildings[0], &site.buildings[1]);
        let code = format!("C{}", unique());
        let body = json!({"code": code, "nameAr": "مصاعد", "nameEn": "Elevators"});
        let category = app
            .expect(Method::POST, "/api/v1/categories", token, Some(&body), 201)
            .await;
        assert_eq!(
            (category["code"].as_str(), category["active"].as_bool()),
            (Some(code.as_str()), Some(true))
        );
        let duplicate = app
            .authed(Method::POST, "/api/v1/categories", token, Some(&body))
            .await;
        assert_eq!(duplicate.0, 409, "{}", duplicate.1);

        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let place = Place {
            building: used.clone(),
            category: category["id"].as_str().unwrap().to_owned(),
        };
        app.new_request(&customer.token, &place, "Elevator stuck", json!({}))
            .await;

        let property = format!("/api/v1/properties/{}", site.property);
        let (status, answer) = app.authed(Method::DELETE, &property, token, None).await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (409, Some("CONFLICT")),
            "{answer}"
        );
        let (status, answer) = app
            .authed(
                Method::DELETE,
                &format!("/api/v1/buildings/{used}"),
                token,
                None,
            )
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (409, Some("CONFLICT")),
            "{answer}"
        );
        app.expect(
            Method::DELETE,
            &format!("/api/v1/buildings/{empty}"),
            token,
            None,
            200,
        )
        .await;
        let left = app.expect(Method::GET, &property, token, None, 200).await;
        let left: Vec<_> = left["buildings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b["id"].clone())
            .collect();
        assert_eq!(left, vec![json!(used)]);

        let renamed = app
            .expect(
                Method::PATCH,
                &property,
                token,
                Some(&json!({"name": "Renamed"})),
                200,
            )
            .await;
        assert_eq!(renamed["name"], "Renamed");
        let spare = app.site(token, 0).await;
        let spare = format!("/api/v1/properties/{}", spare.property);
        app.expect(Method::DELETE, &spare, token, None, 200).await;
        app.expect(Method::GET, &spare, token, None, 404).await;
    }
);
