//! The data everything else hangs on: properties and buildings, the seeded categories, and
//! users of every role with their links (managed properties, technician skills).

use super::SeedArgs;
use super::writer::insert_chunked;
use crate::accounts::{self, Role};
use anyhow::bail;
use basma_persistence::entities::{
    buildings, categories, properties, user_categories, user_properties, users,
};
use chrono::{DateTime, Duration, Utc};
use sea_orm::{DatabaseConnection, EntityTrait, IntoActiveModel, QueryOrder};
use uuid::Uuid;

const CITIES: [&str; 4] = ["Riyadh", "Jeddah", "Dammam", "Khobar"];

/// Properties, buildings and categories, by index.
pub struct Catalog {
    /// `(building id, its property id)`.
    pub buildings: Vec<(Uuid, Uuid)>,
    pub properties: Vec<Uuid>,
    /// `(category id, code)`, in code order.
    pub categories: Vec<(Uuid, String)>,
}

/// The seeded users' ids, by role.
pub struct People {
    pub customers: Vec<Uuid>,
    pub technicians: Vec<Uuid>,
    /// For each category (as indexed in [`Catalog::categories`]), the technicians skilled in it.
    pub skilled: Vec<Vec<usize>>,
    pub maintenance_admins: Vec<Uuid>,
    pub basma_admins: Vec<Uuid>,
    pub super_admins: Vec<Uuid>,
}

impl People {
    pub fn total(&self) -> usize {
        self.customers.len()
            + self.technicians.len()
            + self.maintenance_admins.len()
            + self.basma_admins.len()
            + self.super_admins.len()
    }
}

/// An id whose time part is `at`, like the server's `Uuid::now_v7()` would have given then.
pub fn id_at(at: DateTime<Utc>) -> Uuid {
    let secs = u64::try_from(at.timestamp()).unwrap_or(0);
    Uuid::new_v7(uuid::Timestamp::from_unix(
        uuid::NoContext,
        secs,
        at.timestamp_subsec_nanos(),
    ))
}

pub async fn seed_catalog(
    db: &DatabaseConnection,
    args: &SeedArgs,
    now: DateTime<Utc>,
) -> anyhow::Result<Catalog> {
    let created = now - Duration::days(400);
    let mut props = Vec::with_capacity(args.properties);
    for p in 0..args.properties.max(1) {
        props.push(properties::Model {
            id: id_at(created + Duration::seconds(p as i64)),
            name: format!("Basma Residence {}", p + 1),
            code: format!("P{:03}", p + 1),
            city: CITIES[p % CITIES.len()].to_owned(),
            address: Some(format!("{} King Fahd Road, block {}", 100 + p, p % 9 + 1)),
            created_at: created,
            updated_at: created,
        });
    }
    let per_property = args.buildings.max(1).div_ceil(props.len());
    let mut blds = Vec::with_capacity(args.buildings);
    for b in 0..args.buildings.max(1) {
        let property = &props[b / per_property];
        blds.push(buildings::Model {
            id: id_at(created + Duration::seconds(1000 + b as i64)),
            property_id: property.id,
            name: format!("Tower {}", b % per_property + 1),
            code: format!("B{:03}", b % per_property + 1),
            created_at: created,
            updated_at: created,
        });
    }
    let catalog = Catalog {
        properties: props.iter().map(|p| p.id).collect(),
        buildings: blds.iter().map(|b| (b.id, b.property_id)).collect(),
        categories: categories::Entity::find()
            .order_by_asc(categories::Column::Code)
            .all(db)
            .await?
            .into_iter()
            .map(|c| (c.id, c.code))
            .collect(),
    };
    if catalog.categories.is_empty() {
        bail!("no categories: the seed-categories migration did not run");
    }
    insert_chunked(db, props.into_iter().map(|m| m.into_active_model())).await?;
    insert_chunked(db, blds.into_iter().map(|m| m.into_active_model())).await?;
    Ok(catalog)
}

pub async fn seed_people(
    db: &DatabaseConnection,
    args: &SeedArgs,
    catalog: &Catalog,
    now: DateTime<Utc>,
) -> anyhow::Result<People> {
    let hash = accounts::password_hash(&args.pepper, args.bcrypt_cost)?;
    let joined = now - Duration::days(390);
    let mut rows = Vec::new();
    let mut make = |role: Role, count: usize| -> Vec<Uuid> {
        (0..count)
            .map(|i| {
                let at = joined + Duration::milliseconds(i as i64 * 100);
                let row = user_row(role, i, id_at(at), &hash, at);
                let id = row.id;
                rows.push(row);
                id
            })
            .collect()
    };
    let people_ids = (
        make(Role::SuperAdmin, args.super_admins.max(1)),
        make(Role::MaintenanceAdmin, args.maintenance_admins.max(1)),
        make(Role::BasmaAdmin, args.basma_admins),
        make(Role::Technician, args.technicians.max(1)),
        make(Role::Customer, args.customers.max(1)),
    );
    insert_chunked(db, rows.into_iter().map(|m| m.into_active_model())).await?;
    let (super_admins, maintenance_admins, basma_admins, technicians, customers) = people_ids;

    // Each BASMA_ADMIN manages one property, every third one a second as well.
    let props = catalog.properties.len();
    let mut managed = Vec::new();
    for (i, admin) in basma_admins.iter().enumerate() {
        let mut mine = vec![i % props];
        if i % 3 == 0 && props > 1 {
            mine.push((i + props / 2) % props);
        }
        mine.dedup();
        for p in mine {
            managed.push(user_properties::Model {
                user_id: *admin,
                property_id: catalog.properties[p],
            });
        }
    }
    insert_chunked(db, managed.into_iter().map(|m| m.into_active_model())).await?;

    // Each technician has two skills (three for every fourth one).
    let cats = catalog.categories.len();
    let mut skilled = vec![Vec::new(); cats];
    let mut skills = Vec::new();
    for (t, tech) in technicians.iter().enumerate() {
        let mut mine = vec![t % cats, (t + 3) % cats];
        if t % 4 == 0 {
            mine.push((t + 5) % cats);
        }
        mine.sort_unstable();
        mine.dedup();
        for c in mine {
            skilled[c].push(t);
            skills.push(user_categories::Model {
                user_id: *tech,
                category_id: catalog.categories[c].0,
            });
        }
    }
    insert_chunked(db, skills.into_iter().map(|m| m.into_active_model())).await?;
    Ok(People {
        customers,
        technicians,
        skilled,
        maintenance_admins,
        basma_admins,
        super_admins,
    })
}

fn user_row(role: Role, i: usize, id: Uuid, hash: &str, at: DateTime<Utc>) -> users::Model {
    let label = match role {
        Role::SuperAdmin => "Super Admin",
        Role::MaintenanceAdmin => "Maintenance Admin",
        Role::BasmaAdmin => "Property Manager",
        Role::Technician => "Technician",
        Role::Customer => "Tenant",
    };
    users::Model {
        id,
        name: format!("{label} {}", i + 1),
        email: accounts::email(role, i),
        // Unique when present; most customers leave it out.
        phone: (i.is_multiple_of(5) && role == Role::Customer).then(|| format!("+9665{i:08}")),
        password_hash: hash.to_owned(),
        role: role.as_str().to_owned(),
        active: true,
        locale: if i.is_multiple_of(3) { "en" } else { "ar" }.to_owned(),
        email_verified_at: Some(at),
        failed_logins: 0,
        first_failed_login_at: None,
        locked_until: None,
        created_at: at,
        updated_at: at,
    }
}
