//! The lifecycle and role matrix over HTTP: every (status, role, relation, operation) cell
//! gets the answer the domain's policy gives (see `oracle`), and every success leaves the
//! new status and exactly one timeline entry of the right kind.

use super::oracle::{Expected, OPS, Op, event_kind, expected};
use basma_domain::lifecycle::Action;
use basma_domain::model::Status;
use basma_domain::policy::{Actor, RequestFacts, allowed_actions, can_view};
use basma_e2e::db_test;
use basma_e2e::harness::TestApp;
use basma_e2e::harness::fixtures::{Person, Place};
use futures_util::StreamExt;
use futures_util::future::join_all;
use reqwest::Method;
use serde_json::Value;
use std::time::Instant;

/// How the actor stands to the request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    Requester,
    /// TECHNICIAN only.
    Assignee,
    /// BASMA_ADMIN only.
    ManagesProperty,
    None,
}

/// Everybody in the scenario: the manager who sets requests up, the customer and technician
/// who own and hold requests the actor has nothing to do with, the technician assignments
/// go to, and the actors.
struct Cast {
    admin: String,
    owner: Person,
    worker: Person,
    spare: Person,
    place: Place,
    players: Vec<(Person, Relation)>,
}

async fn cast(app: &TestApp) -> Cast {
    let admin = app.admin_token().await;
    let site = app.site(&admin, 1).await;
    let elsewhere = app.site(&admin, 1).await;
    let place = Place {
        building: site.buildings[0].clone(),
        category: app.category(&admin, "PLUMBING").await,
    };
    let super_admin = app.person(&admin, "SUPER_ADMIN", &[]).await;
    let maintenance = app.person(&admin, "MAINTENANCE_ADMIN", &[]).await;
    let basma = app
        .person(&admin, "BASMA_ADMIN", &[&elsewhere.property])
        .await;
    let manager = app.person(&admin, "BASMA_ADMIN", &[&site.property]).await;
    let technician = app.person(&admin, "TECHNICIAN", &[]).await;
    let customer = app.person(&admin, "CUSTOMER", &[]).await;
    use Relation::*;
    let players = vec![
        (super_admin.clone(), Requester),
        (super_admin, None),
        (maintenance.clone(), Requester),
        (maintenance, None),
        (basma.clone(), Requester),
        (basma, None),
        (manager, ManagesProperty),
        (technician.clone(), Requester),
        (technician.clone(), Assignee),
        (technician, None),
        (customer.clone(), Requester),
        (customer, None),
    ];
    Cast {
        owner: app.person(&admin, "CUSTOMER", &[]).await,
        worker: app.person(&admin, "TECHNICIAN", &[]).await,
        spare: app.person(&admin, "TECHNICIAN", &[]).await,
        admin,
        place,
        players,
    }
}

/// Whether a request in `status` has a technician (REJECTED ones are rejected while ASSIGNED).
fn held(status: Status) -> bool {
    !matches!(
        status,
        Status::Draft | Status::Submitted | Status::Cancelled
    )
}

/// One (status, actor, relation): the request and the people around it.
struct Scene<'a> {
    app: &'a TestApp,
    cast: &'a Cast,
    status: Status,
    player: &'a Person,
    relation: Relation,
}

impl Scene<'_> {
    fn requester(&self) -> &Person {
        if self.relation == Relation::Requester {
            self.player
        } else {
            &self.cast.owner
        }
    }

    fn label(&self, op: Op) -> String {
        format!(
            "{} {} {:?} {op:?}",
            self.status.as_str(),
            self.player.role,
            self.relation
        )
    }

    /// Who reads the request to check it: its author while a draft (nobody else sees it).
    fn reader(&self) -> &str {
        if self.status == Status::Draft {
            &self.requester().token
        } else {
            &self.cast.admin
        }
    }

    /// A new request of this scene, and the facts the policy judges it by.
    async fn request(&self) -> (String, RequestFacts) {
        let assignee = match self.relation {
            Relation::Assignee => &self.player.id,
            _ => &self.cast.worker.id,
        };
        let status = self.status.as_str();
        let requester = &self.requester().token;
        let created = self
            .app
            .request_in(
                &self.cast.admin,
                requester,
                &self.cast.place,
                status,
                Some(assignee),
            )
            .await;
        let facts = RequestFacts {
            status: self.status,
            requester_id: self.requester().id.parse().unwrap(),
            assignee_id: created["assigneeId"].as_str().map(|a| a.parse().unwrap()),
            property_id: created["propertyId"].as_str().unwrap().parse().unwrap(),
            rated: false,
        };
        (created["id"].as_str().unwrap().to_owned(), facts)
    }

    async fn send(&self, op: Op, id: &str) -> (u16, Value) {
        let (method, path, body) = op.request(id, self.status, &self.cast.spare.id);
        let body = (!body.is_null()).then_some(body);
        let token = &self.player.token;
        self.app.authed(method, &path, token, body.as_ref()).await
    }

    /// Runs every operation; refusals on one shared request, successes on fresh ones.
    /// Returns how many cells succeeded, how many were refused, and what went wrong.
    async fn run(&self) -> (usize, usize, Vec<String>) {
        let (shared, facts) = self.request().await;
        let actor = self.player.actor();
        let before = self.app.events_of(self.reader(), &shared).await;
        let version = self.version(&shared).await;
        let mut failures = self.check_detail(&shared, &actor, &facts).await;
        let expectations: Vec<_> = OPS
            .iter()
            .map(|&op| (op, expected(op, &actor, &facts)))
            .collect();
        let done = expectations
            .iter()
            .filter(|(_, e)| matches!(e, Expected::Done { .. }))
            .count();
        let cells = expectations.into_iter().map(|(op, expected)| {
            let shared = &shared;
            async move {
                let result = match expected {
                    Expected::Done { action, to } => self.succeed(op, action, to).await,
                    Expected::Refused {
                        status,
                        code,
                        allowed,
                    } => {
                        let (got, body) = self.send(op, shared).await;
                        let ok = got == status
                            && body["code"] == code
                            && allowed.is_none_or(|a| {
                                body["details"][0]["allowed"] == serde_json::json!(a)
                            });
                        if ok {
                            Ok(())
                        } else {
                            Err(format!("want {status} {code}, got {got} {body}"))
                        }
                    }
                };
                result.map_err(|e| format!("{}: {e}", self.label(op)))
            }
        });
        failures.extend(join_all(cells).await.into_iter().filter_map(Result::err));
        let after = self.app.events_of(self.reader(), &shared).await;
        if after.len() != before.len() || self.version(&shared).await != version {
            failures.push(format!(
                "{}: refusals changed the request",
                self.label(Op::Edit)
            ));
        }
        (done, OPS.len() - done, failures)
    }

    async fn version(&self, id: &str) -> Value {
        let path = format!("/api/v1/requests/{id}");
        self.app
            .expect(Method::GET, &path, self.reader(), None, 200)
            .await["version"]
            .clone()
    }

    /// `GET /{id}` as the actor: 404 unless they may see it, else their allowed actions.
    async fn check_detail(&self, id: &str, actor: &Actor, facts: &RequestFacts) -> Vec<String> {
        let path = format!("/api/v1/requests/{id}");
        let (status, body) = self
            .app
            .authed(Method::GET, &path, &self.player.token, None)
            .await;
        let want: Vec<&str> = allowed_actions(actor, facts)
            .iter()
            .map(|a| a.as_str())
            .collect();
        let ok = if can_view(actor, facts) {
            status == 200 && body["data"]["allowedActions"] == serde_json::json!(want)
        } else {
            status == 404
        };
        if ok {
            vec![]
        } else {
            vec![format!(
                "{}: detail {status} {body}, want {want:?}",
                self.label(Op::Edit)
            )]
        }
    }

    /// A cell the actor may take: on a fresh request, the answer, the new state and the one
    /// new timeline entry.
    async fn succeed(&self, op: Op, action: Action, to: Status) -> Result<(), String> {
        let (id, facts) = self.request().await;
        let before = self.app.events_of(self.reader(), &id).await;
        let (got, body) = self.send(op, &id).await;
        let want = if op.created() { 201 } else { 200 };
        if got != want {
            return Err(format!("want {want} ({action}), got {got} {body}"));
        }
        let path = format!("/api/v1/requests/{id}");
        let Some(kind) = event_kind(action) else {
            for token in [self.reader(), &self.requester().token, &self.cast.admin] {
                let (status, _) = self.app.authed(Method::GET, &path, token, None).await;
                if status != 404 {
                    return Err(format!("deleted draft still answers {status}"));
                }
            }
            return Ok(());
        };
        let now = self
            .app
            .expect(Method::GET, &path, self.reader(), None, 200)
            .await;
        if now["status"] != to.as_str() {
            return Err(format!("want status {}, got {now}", to.as_str()));
        }
        let me = &self.player.id;
        let assignee = match action {
            Action::Assign | Action::Reassign => Some(Some(&self.cast.spare.id)),
            Action::SelfAssign => Some(Some(me)),
            Action::Unassign => Some(None),
            _ => None,
        };
        if let Some(assignee) = assignee
            && now["assigneeId"].as_str() != assignee.map(String::as_str)
        {
            return Err(format!("want assignee {assignee:?}, got {now}"));
        }
        let after = self.app.events_of(self.reader(), &id).await;
        let new: Vec<_> = after.iter().filter(|e| !before.contains(e)).collect();
        let [event] = new.as_slice() else {
            return Err(format!("want one new event, got {new:?}"));
        };
        let moved = from_to(action, facts.status, to);
        let right = event["kind"] == kind
            && event["actorId"] == me.as_str()
            && event["internal"] == (action == Action::CommentInternal)
            && moved.is_none_or(|(f, t)| event["fromStatus"] == f && event["toStatus"] == t);
        if !right {
            return Err(format!(
                "want a {kind} event by {me} ({moved:?}), got {event}"
            ));
        }
        if action == Action::Rate {
            let rated = RequestFacts {
                rated: true,
                ..facts
            };
            let Expected::Refused { status, code, .. } = expected(op, &self.player.actor(), &rated)
            else {
                return Err("a second rating is allowed by the policy".into());
            };
            let (got, body) = self.send(op, &id).await;
            if (got, body["code"].as_str()) != (status, Some(code)) {
                return Err(format!(
                    "second rating: want {status} {code}, got {got} {body}"
                ));
            }
        }
        Ok(())
    }
}

/// The statuses a transition's event records.
fn from_to(action: Action, from: Status, to: Status) -> Option<(&'static str, &'static str)> {
    match action {
        Action::Edit | Action::Comment | Action::CommentInternal | Action::Rate => None,
        _ => Some((from.as_str(), to.as_str())),
    }
}

db_test!(
    every_status_role_relation_and_action_gets_the_policys_answer_over_http,
    |app: TestApp| async move {
        let started = Instant::now();
        let cast = cast(&app).await;
        let mut scenes = Vec::new();
        for status in Status::ALL {
            for (player, relation) in &cast.players {
                if *relation == Relation::Assignee && !held(status) {
                    continue;
                }
                let scene = Scene {
                    app: &app,
                    cast: &cast,
                    status,
                    player,
                    relation: *relation,
                };
                scenes.push(scene);
            }
        }
        let results: Vec<_> = futures_util::stream::iter(scenes.iter().map(Scene::run))
            .buffer_unordered(8)
            .collect()
            .await;
        let done: usize = results.iter().map(|(n, _, _)| n).sum();
        let refused: usize = results.iter().map(|(_, n, _)| n).sum();
        let failures: Vec<_> = results.into_iter().flat_map(|(_, _, f)| f).collect();
        eprintln!(
            "lifecycle matrix on {:?}: {} scenes, {} cells ({done} allowed, {refused} refused), \
             {} failures, {:.1?}",
            app.backend,
            scenes.len(),
            done + refused,
            failures.len(),
            started.elapsed()
        );
        assert!(
            failures.is_empty(),
            "{} cells failed:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
);
