//! Visibility: for every role, what it may not see is absent from every list (whatever the
//! filter, `requesterId` and `q` included), from `total`, from the reports and the CSV.

use super::world::{Keep, World, facts, ids, world};
use basma_domain::policy::can_view;
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Person, urlencode};
use chrono::{DateTime, Duration, SecondsFormat, Utc};
use reqwest::Method;
use serde_json::Value;

fn field(name: &'static str, value: String) -> Keep<'static> {
    Box::new(move |r: &Value| r[name].as_str() == Some(value.as_str()))
}

fn text_has(r: &Value, q: &str) -> bool {
    ["title", "description", "reference"].iter().any(|f| {
        r[*f]
            .as_str()
            .unwrap()
            .to_lowercase()
            .contains(&q.to_lowercase())
    })
}

/// Every filter of SPEC §5 with the rows it keeps, for `viewer` (a customer's `requesterId`
/// is ignored: they only ever see their own).
fn filters(w: &World, viewer: &Person) -> Vec<(String, Keep<'static>)> {
    let mut out: Vec<(String, Keep)> = vec![("".into(), Box::new(|_: &Value| true))];
    for status in [
        "DRAFT",
        "SUBMITTED",
        "ASSIGNED",
        "IN_PROGRESS",
        "COMPLETED",
        "CLOSED",
        "REJECTED",
        "CANCELLED",
    ] {
        out.push((format!("status={status}"), field("status", status.into())));
    }
    let two = |r: &Value| matches!(r["status"].as_str(), Some("SUBMITTED" | "CLOSED"));
    out.push(("status=SUBMITTED,CLOSED".into(), Box::new(two)));
    out.push(("status=SUBMITTED&status=CLOSED".into(), Box::new(two)));
    for priority in ["LOW", "MEDIUM", "HIGH", "URGENT"] {
        out.push((
            format!("priority={priority}"),
            field("priority", priority.into()),
        ));
    }
    for category in &w.categories {
        out.push((
            format!("categoryId={category}"),
            field("categoryId", category.clone()),
        ));
    }
    for (property, building) in [&w.managed, &w.other] {
        out.push((
            format!("propertyId={property}"),
            field("propertyId", property.clone()),
        ));
        out.push((
            format!("buildingId={building}"),
            field("buildingId", building.clone()),
        ));
    }
    for person in &w.viewers {
        out.push((
            format!("assigneeId={}", person.id),
            field("assigneeId", person.id.clone()),
        ));
        let keep = if viewer.role == "CUSTOMER" {
            Box::new(|_: &Value| true) as Keep
        } else {
            field("requesterId", person.id.clone())
        };
        out.push((format!("requesterId={}", person.id), keep));
    }
    for r in &w.requests {
        let title = r["title"].as_str().unwrap();
        let marker = title.split(' ').next().unwrap().to_owned();
        let reference = r["reference"].as_str().unwrap().to_owned();
        for q in [marker.to_lowercase(), marker, reference] {
            let query = q.clone();
            out.push((
                format!("q={}", urlencode(&q)),
                Box::new(move |r: &Value| text_has(r, &query)),
            ));
        }
    }
    out.push((
        "q=DRIPPING".into(),
        Box::new(|r: &Value| text_has(r, "dripping")),
    ));
    let now = Utc::now();
    let at = |t: DateTime<Utc>| urlencode(&t.to_rfc3339_opts(SecondsFormat::Secs, true));
    let (before, after) = (now - Duration::hours(1), now + Duration::hours(1));
    out.push((
        format!("createdFrom={}&createdTo={}", at(before), at(after)),
        Box::new(|_: &Value| true),
    ));
    out.push((
        format!("createdTo={}", at(before)),
        Box::new(|_: &Value| false),
    ));
    let overdue = move |r: &Value| {
        let due = r["dueAt"]
            .as_str()
            .map(|d| d.parse::<DateTime<Utc>>().unwrap());
        let open = !matches!(
            r["status"].as_str(),
            Some("DRAFT" | "CLOSED" | "REJECTED" | "CANCELLED")
        );
        open && due.is_some_and(|d| d < now)
    };
    out.push(("overdue=true".into(), Box::new(overdue)));
    let available = |r: &Value| r["status"] == "SUBMITTED" && r["assigneeId"].is_null();
    out.push(("available=true".into(), Box::new(available)));
    for sort in [
        "createdAt",
        "-createdAt",
        "-priority",
        "dueAt",
        "-updatedAt",
    ] {
        out.push((format!("sort={sort}"), Box::new(|_: &Value| true)));
    }
    out
}

db_test!(
    requests_a_role_may_not_see_are_absent_from_every_list_whatever_the_filter,
    |app: TestApp| async move {
        let w = world(&app).await;
        let mut failures = Vec::new();
        let mut queries = 0;
        for viewer in &w.viewers {
            // Everything they may see, through small pages.
            let all = app.list_all(&viewer.token, "limit=3").await;
            if ids(&all) != w.visible(viewer, |_| true) || all.len() != ids(&all).len() {
                failures.push(format!("{} paged: {:?}", viewer.role, ids(&all)));
            }
            for (query, keep) in filters(&w, viewer) {
                queries += 1;
                let path = format!("/api/v1/requests?limit=100&includeTotal=true&{query}");
                let (status, page) = app.authed(Method::GET, &path, &viewer.token, None).await;
                let got = ids(page["data"].as_array().map_or(&[][..], Vec::as_slice));
                let want = w.visible(viewer, &keep);
                if status != 200 || got != want || page["total"] != want.len() {
                    failures.push(format!(
                        "{} {query}: {status} total {} got {got:?} want {want:?}",
                        viewer.role, page["total"]
                    ));
                }
            }
        }
        eprintln!("visibility on {:?}: {queries} filtered lists", app.backend);
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
);

/// The ids in a CSV export, after checking its header.
fn csv_ids(text: &str) -> Vec<String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id", "{header:?}");
    let mut ids: Vec<String> = reader.records().map(|r| r.unwrap()[0].to_owned()).collect();
    ids.sort();
    ids
}

db_test!(
    reports_and_csv_cover_only_what_the_reader_may_see_and_refuse_technicians_and_customers,
    |app: TestApp| async move {
        let w = world(&app).await;
        let other = w.other.0.clone();
        for viewer in &w.viewers {
            let queries = [
                (String::new(), None),
                (format!("propertyId={other}"), Some(other.clone())),
            ];
            for (query, property) in queries {
                let in_scope = |r: &Value| property.as_ref().is_none_or(|p| r["propertyId"] == *p);
                let want = w.visible(viewer, in_scope);
                let path = format!("/api/v1/reports/summary?{query}");
                let (status, summary) = app.authed(Method::GET, &path, &viewer.token, None).await;
                let csv = app
                    .request(
                        Method::GET,
                        &format!("/api/v1/reports/requests.csv?{query}"),
                    )
                    .bearer_auth(&viewer.token)
                    .send()
                    .await
                    .unwrap();
                let csv_status = csv.status().as_u16();
                if matches!(viewer.role, "TECHNICIAN" | "CUSTOMER") {
                    assert_eq!(
                        (status, summary["code"].as_str()),
                        (403, Some("FORBIDDEN")),
                        "{summary}"
                    );
                    assert_eq!(csv_status, 403, "{} csv", viewer.role);
                    continue;
                }
                assert_eq!(status, 200, "{} {query}: {summary}", viewer.role);
                let data = &summary["data"];
                // Reports count submitted work only: never a draft, not even the reader's.
                let counted = w.visible(viewer, |r| in_scope(r) && r["status"] != "DRAFT");
                assert_eq!(
                    data["total"],
                    counted.len(),
                    "{} {query}: {data}",
                    viewer.role
                );
                let actor = viewer.actor();
                for entry in data["byStatus"].as_array().unwrap() {
                    let n = w
                        .requests
                        .iter()
                        .filter(|r| {
                            can_view(&actor, &facts(r))
                                && in_scope(r)
                                && r["status"] != "DRAFT"
                                && r["status"] == entry["key"]
                        })
                        .count();
                    assert_eq!(entry["count"], n, "{} {query}: {entry}", viewer.role);
                }
                assert_eq!(csv_status, 200, "{} csv {query}", viewer.role);
                let text = csv.text().await.unwrap();
                assert_eq!(csv_ids(&text), want, "{} csv {query}:\n{text}", viewer.role);
            }
        }
    }
);
