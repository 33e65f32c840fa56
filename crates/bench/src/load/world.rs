//! What the simulated users share: signed-in accounts of every role, the catalogue, and the
//! requests each user works on, read from the database before a run starts (fixture
//! discovery is not what is measured).
//!
//! Writers never collide: a technician moves only requests assigned to them in the
//! "technician" categories, and each admin user owns one partition of the others (a
//! building × priority × category cell), so no two users change the same request and every
//! change is a legal transition (no 409s). Admins cycle their requests ASSIGNED → IN_PROGRESS
//! → COMPLETED → (reopen) IN_PROGRESS and reassign them between technicians, so their supply
//! never runs out however long the run.

use crate::accounts::Role;
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement, Value};
use std::collections::HashMap;
use std::sync::atomic::{AtomicUsize, Ordering};
use uuid::Uuid;

/// Categories technicians work on in the mix; admins work on the others.
pub const TECH_CATEGORIES: [&str; 3] = ["CLEANING", "EMERGENCY", "SECURITY"];

/// Priority ranks in the order admin partitions use them (densest first).
const RANKS: [i16; 4] = [2, 1, 3, 4];

/// One request a user knows about, with what the user last saw of it.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: Uuid,
    pub status: String,
    pub assignee: Option<Uuid>,
    /// Whether this user may move it along (a technician's requests in the technician
    /// categories, an admin's partition); the others are only read and commented on.
    pub movable: bool,
    pub category: Uuid,
    /// Filled in when an empty partition must create its own requests.
    pub building: Option<Uuid>,
}

/// A signed-in account.
#[derive(Debug, Clone)]
pub struct Account {
    pub token: String,
}

/// Everything a run's users draw on.
pub struct World {
    pub categories: Vec<Uuid>,
    pub admin_categories: Vec<Uuid>,
    pub buildings: Vec<(Uuid, Uuid)>,
    pub technicians: Vec<Uuid>,
    pub accounts: HashMap<Role, Vec<Account>>,
    /// Per account (customers, technicians, basma admins) or per partition (admins).
    pub items: HashMap<Role, Vec<Vec<Item>>>,
    /// Managed properties per basma-admin account.
    pub managed: Vec<Vec<Uuid>>,
    next: [AtomicUsize; 5],
}

/// A user's claim on the world: which account it signs in as and which items are its own.
pub struct Claim {
    pub slot: usize,
    pub account: Account,
    pub items: Vec<Item>,
    pub properties: Vec<Uuid>,
}

impl World {
    /// Hands the next user of `role` its account and items.
    pub fn claim(&self, role: Role) -> Option<Claim> {
        let slot = self.next[index(role)].fetch_add(1, Ordering::Relaxed);
        let accounts = self.accounts.get(&role).filter(|a| !a.is_empty())?;
        let account = accounts[slot % accounts.len()].clone();
        let items = self
            .items
            .get(&role)
            .and_then(|per| per.get(slot % per.len().max(1)))
            .cloned()
            .unwrap_or_default();
        let properties = match role {
            Role::BasmaAdmin => self.managed.get(slot % accounts.len()).cloned(),
            _ => None,
        };
        Some(Claim {
            slot,
            account,
            items,
            properties: properties.unwrap_or_default(),
        })
    }
}

fn index(role: Role) -> usize {
    match role {
        Role::SuperAdmin | Role::MaintenanceAdmin => 0,
        Role::BasmaAdmin => 1,
        Role::Technician => 2,
        Role::Customer => 3,
    }
}

/// How many users of each role a run starts.
pub type Census = HashMap<Role, usize>;

/// Reads the catalogue and each user's items for a run with `census` users.
///
/// # Errors
/// Database errors, or a database without the bench data set.
pub async fn build(
    db: &DatabaseConnection,
    census: &Census,
    accounts: HashMap<Role, Vec<Account>>,
    user_ids: &HashMap<Role, Vec<Uuid>>,
) -> anyhow::Result<World> {
    let rows = query(db, "SELECT id, code FROM categories ORDER BY code", vec![]).await?;
    let mut categories = Vec::new();
    let (mut tech_categories, mut admin_categories): (Vec<Uuid>, Vec<Uuid>) =
        (Vec::new(), Vec::new());
    for row in rows {
        let id: Uuid = row.try_get("", "id")?;
        let code: String = row.try_get("", "code")?;
        categories.push(id);
        if TECH_CATEGORIES.contains(&code.as_str()) {
            tech_categories.push(id);
        } else {
            admin_categories.push(id);
        }
    }
    let mut buildings: Vec<(Uuid, Uuid)> = Vec::new();
    for row in query(
        db,
        "SELECT id, property_id FROM buildings ORDER BY id",
        vec![],
    )
    .await?
    {
        buildings.push((row.try_get("", "id")?, row.try_get("", "property_id")?));
    }
    let technicians = ids(
        db,
        "SELECT id FROM users WHERE role = 'TECHNICIAN' AND active = ? ORDER BY email LIMIT 200",
        vec![true.into()],
    )
    .await?;
    anyhow::ensure!(
        !buildings.is_empty() && !technicians.is_empty() && !admin_categories.is_empty(),
        "the database holds no bench data set: run `basma-bench seed` first"
    );

    let mut items = HashMap::new();
    let of = |role: Role| user_ids.get(&role).cloned().unwrap_or_default();
    let mut per = Vec::new();
    for id in of(Role::Customer) {
        let sql = format!("{SELECT} WHERE requester_id = ? ORDER BY created_at DESC LIMIT 20");
        per.push(items_of(db, &sql, vec![id.into()]).await?);
    }
    items.insert(Role::Customer, per);

    // A technician reads, comments on and moves only its requests in the technician
    // categories. Admins move and reassign requests in the other categories, so a request
    // of those could be reassigned away from the technician between its list and its next
    // read, a 404 the load would have set up (seen at 100,000 requests on SQLite, where the
    // cells overlap more).
    let mut per = Vec::new();
    let sql = format!(
        "{SELECT} WHERE assignee_id = ? AND status IN ('ASSIGNED', 'IN_PROGRESS') \
         ORDER BY created_at DESC LIMIT 60"
    );
    for id in of(Role::Technician) {
        let mut mine = items_of(db, &sql, vec![id.into()]).await?;
        mine.retain(|item| tech_categories.contains(&item.category));
        for item in &mut mine {
            item.movable = true;
        }
        per.push(mine);
    }
    items.insert(Role::Technician, per);

    let admins = census.get(&Role::MaintenanceAdmin).copied().unwrap_or(0)
        + census.get(&Role::SuperAdmin).copied().unwrap_or(0);
    let mut per = Vec::new();
    let sql = format!(
        "{SELECT} WHERE building_id = ? AND priority_rank = ? AND category_id = ? \
         AND status IN ('ASSIGNED', 'IN_PROGRESS', 'COMPLETED') LIMIT 20"
    );
    for slot in 0..admins {
        let b = slot % buildings.len();
        let rank = RANKS[(slot / buildings.len()) % RANKS.len()];
        let cell = slot / (buildings.len() * RANKS.len());
        let category = admin_categories[cell % admin_categories.len()];
        let values = vec![buildings[b].0.into(), rank.into(), category.into()];
        let mut mine = items_of(db, &sql, values).await?;
        for item in &mut mine {
            item.movable = true;
        }
        if mine.is_empty() {
            // An empty cell: the user creates its own request at start.
            mine.push(Item {
                id: Uuid::nil(),
                status: String::new(),
                assignee: None,
                movable: true,
                category: Uuid::nil(),
                building: Some(buildings[b].0),
            });
        }
        per.push(mine);
    }
    items.insert(Role::MaintenanceAdmin, per.clone());
    items.insert(Role::SuperAdmin, per);

    let (mut managed, mut per) = (Vec::new(), Vec::new());
    for id in of(Role::BasmaAdmin) {
        let props = ids(
            db,
            "SELECT property_id AS id FROM user_properties WHERE user_id = ?",
            vec![id.into()],
        )
        .await?;
        let mut mine = Vec::new();
        if let Some(first) = props.first() {
            // Drafts are their requester's alone.
            let sql = format!(
                "{SELECT} WHERE property_id = ? AND status <> 'DRAFT' \
                 ORDER BY created_at DESC LIMIT 20"
            );
            mine = items_of(db, &sql, vec![(*first).into()]).await?;
        }
        managed.push(props);
        per.push(mine);
    }
    items.insert(Role::BasmaAdmin, per);

    Ok(World {
        categories,
        admin_categories,
        buildings,
        technicians,
        accounts,
        items,
        managed,
        next: Default::default(),
    })
}

const SELECT: &str = "SELECT id, status, assignee_id, category_id FROM maintenance_requests";

async fn query(
    db: &DatabaseConnection,
    sql: &str,
    values: Vec<Value>,
) -> anyhow::Result<Vec<sea_orm::QueryResult>> {
    let stmt = Statement::from_sql_and_values(db.get_database_backend(), sql, values);
    Ok(db.query_all_raw(stmt).await?)
}

async fn ids(db: &DatabaseConnection, sql: &str, values: Vec<Value>) -> anyhow::Result<Vec<Uuid>> {
    let rows = query(db, sql, values).await?;
    rows.iter()
        .map(|r| r.try_get("", "id").map_err(Into::into))
        .collect()
}

async fn items_of(
    db: &DatabaseConnection,
    sql: &str,
    values: Vec<Value>,
) -> anyhow::Result<Vec<Item>> {
    let rows = query(db, sql, values).await?;
    rows.iter()
        .map(|r| {
            Ok(Item {
                id: r.try_get("", "id")?,
                status: r.try_get("", "status")?,
                assignee: r.try_get("", "assignee_id")?,
                movable: false,
                category: r.try_get("", "category_id")?,
                building: None,
            })
        })
        .collect()
}
