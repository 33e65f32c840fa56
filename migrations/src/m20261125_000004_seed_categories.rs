//! Seeds the seven categories every installation starts with. The rows are copied from
//! `basma_domain::model::SEEDED_CATEGORIES` rather than imported, so the schema crate does not
//! depend on the domain (and a later edit there cannot rewrite history here).

use crate::idents::Categories;
use chrono::{SubsecRound, Utc};
use sea_orm_migration::prelude::*;
use uuid::Uuid;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (code, Arabic name, English name).
const SEEDED: [(&str, &str, &str); 7] = [
    ("PLUMBING", "السباكة", "Plumbing"),
    ("ELECTRICAL", "الكهرباء", "Electrical"),
    ("HVAC", "التكييف والتهوية", "HVAC"),
    ("STRUCTURAL", "الأعمال الإنشائية", "Structural"),
    ("SECURITY", "الأمن والسلامة", "Security"),
    ("CLEANING", "النظافة", "Cleaning"),
    ("EMERGENCY", "الطوارئ", "Emergency"),
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Microseconds, like every time the adapters write, so both backends store the same.
        let now = Utc::now().trunc_subsecs(6);
        let mut insert = Query::insert();
        insert.into_table(Categories::Table).columns([
            Categories::Id,
            Categories::Code,
            Categories::NameAr,
            Categories::NameEn,
            Categories::Active,
            Categories::CreatedAt,
            Categories::UpdatedAt,
        ]);
        for (code, ar, en) in SEEDED {
            insert
                .values([
                    Uuid::now_v7().into(),
                    code.into(),
                    ar.into(),
                    en.into(),
                    true.into(),
                    now.into(),
                    now.into(),
                ])
                .map_err(|e| DbErr::Migration(format!("seed categories: {e}")))?;
        }
        manager.get_connection().execute(&insert).await.map(|_| ())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let delete = Query::delete()
            .from_table(Categories::Table)
            .and_where(Expr::col(Categories::Code).is_in(SEEDED.map(|(code, _, _)| code)))
            .take();
        manager.get_connection().execute(&delete).await.map(|_| ())
    }
}
