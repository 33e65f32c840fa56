//! Arabic text: titles and descriptions come back byte for byte through every way of reading
//! them, `q` finds them by any part, and the length limits count characters, not bytes.

use super::figures::assert_csv_matches_list;
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Place, urlencode};
use reqwest::Method;
use serde_json::{Value, json};

const TITLE: &str = "تسرّب مياه في سقف المطبخ";
const DESCRIPTION: &str =
    "الماءُ يتسرّب من السقف فوق حوض المطبخ منذ يومين، ويزداد ليلاً. 🚰 Flat ٣ — «عاجل»";

async fn found(app: &TestApp, token: &str, q: &str) -> Vec<String> {
    let rows = app.list_all(token, &format!("q={}", urlencode(q))).await;
    rows.iter()
        .map(|r| r["id"].as_str().unwrap().to_owned())
        .collect()
}

fn same_text(what: &str, got: &Value, want: &str) {
    let got = got.as_str().unwrap_or_else(|| panic!("{what}: {got}"));
    assert_eq!(got.as_bytes(), want.as_bytes(), "{what} changed: {got}");
}

db_test!(
    arabic_titles_and_descriptions_round_trip_byte_for_byte_and_are_found_by_q,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "PLUMBING").await,
        };
        let customer = app.person(&admin, "CUSTOMER", &[]).await;
        let extra = json!({"description": DESCRIPTION, "location": "الشقة ١٢، الدور الثالث"});
        let created = app.new_request(&customer.token, &place, TITLE, extra).await;
        let id = created["id"].as_str().unwrap().to_owned();
        let other = app
            .new_request(
                &customer.token,
                &place,
                "عطل في المكيف",
                json!({"description": "المكيف لا يبرّد منذ أمس."}),
            )
            .await;
        let other_id = other["id"].as_str().unwrap().to_owned();

        same_text("created title", &created["title"], TITLE);
        same_text("created description", &created["description"], DESCRIPTION);
        let path = format!("/api/v1/requests/{id}");
        for token in [&customer.token, &admin] {
            let detail = app.expect(Method::GET, &path, token, None, 200).await;
            same_text("detail title", &detail["title"], TITLE);
            same_text("detail description", &detail["description"], DESCRIPTION);
            same_text(
                "detail location",
                &detail["location"],
                "الشقة ١٢، الدور الثالث",
            );
            let listed = app.list_all(token, "").await;
            let row = listed.iter().find(|r| r["id"] == id.as_str()).unwrap();
            same_text("listed title", &row["title"], TITLE);
            same_text("listed description", &row["description"], DESCRIPTION);
        }
        // The export carries the same characters (it is compared with the list cell by cell).
        assert_eq!(assert_csv_matches_list(&app, &admin, "").await, 2);

        for q in [
            "المطبخ",
            "تسرّب",
            "ليلاً",
            "🚰",
            "«عاجل»",
            "flat",
            "FLAT ٣",
            created["reference"].as_str().unwrap(),
        ] {
            for token in [&customer.token, &admin] {
                assert_eq!(found(&app, token, q).await, vec![id.clone()], "q={q}");
            }
        }
        assert_eq!(found(&app, &admin, "المكيف").await, vec![other_id.clone()]);
        assert_eq!(found(&app, &admin, "منذ").await.len(), 2);
        assert!(found(&app, &admin, "كهرباء").await.is_empty());
        // Someone else's request is not found by its words.
        let stranger = app.person(&admin, "CUSTOMER", &[]).await;
        assert!(found(&app, &stranger.token, "المطبخ").await.is_empty());

        // An edit in Arabic is what q finds afterwards.
        let edit = json!({"title": "انسداد في مصرف الحمّام"});
        let edited = app
            .expect(Method::PATCH, &path, &customer.token, Some(&edit), 200)
            .await;
        same_text("edited title", &edited["title"], "انسداد في مصرف الحمّام");
        assert_eq!(found(&app, &admin, "الحمّام").await, vec![id.clone()]);
        assert!(found(&app, &admin, "مياه").await.is_empty());
    }
);

db_test!(
    arabic_length_limits_count_characters_and_a_5000_character_description_fits,
    |app: TestApp| async move {
        let admin = app.admin_token().await;
        let site = app.site(&admin, 1).await;
        let place = Place {
            building: site.buildings[0].clone(),
            category: app.category(&admin, "PLUMBING").await,
        };
        let letters = |n: usize| {
            "مرحبا بكم "
                .chars()
                .cycle()
                .take(n)
                .collect::<String>()
                .replace(' ', "ب")
        };
        let (title, description) = (letters(200), letters(5000));
        assert_eq!(description.len(), 10_000, "two bytes per letter");
        let created = app
            .new_request(&admin, &place, &title, json!({"description": description}))
            .await;
        same_text("long title", &created["title"], &title);
        same_text("long description", &created["description"], &description);

        let body = json!({
            "title": letters(201),
            "description": letters(5001),
            "categoryId": place.category,
            "buildingId": place.building,
        });
        let (status, answer) = app
            .authed(Method::POST, "/api/v1/requests", &admin, Some(&body))
            .await;
        assert_eq!(
            (status, answer["code"].as_str()),
            (400, Some("VALIDATION_ERROR")),
            "{answer}"
        );
        let mut fields: Vec<&str> = answer["details"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["field"].as_str().unwrap())
            .collect();
        fields.sort_unstable();
        assert_eq!(fields, ["description", "title"], "{answer}");
    }
);
