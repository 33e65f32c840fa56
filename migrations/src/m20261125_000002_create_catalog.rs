//! The catalogue: properties and their buildings, request categories, and the two link
//! tables that hang them on users (managed properties of a BASMA_ADMIN, skills of a
//! TECHNICIAN). Links restrict deletes, so a property a manager still manages is "in use".

use crate::columns::*;
use crate::idents::{Buildings, Categories, Properties, UserCategories, UserProperties, Users};
use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_database_backend();

        manager
            .create_table(
                Table::create()
                    .table(Properties::Table)
                    .col(uuid_pk(Properties::Id))
                    .col(string_col(Properties::Name, 150))
                    .col(string_col(Properties::Code, 32))
                    .col(string_col(Properties::City, 150))
                    .col(string_null(Properties::Address, 300))
                    .col(ts(db, Properties::CreatedAt))
                    .col(ts(db, Properties::UpdatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_properties_code",
                Properties::Table,
                vec![Properties::Code],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_properties_name",
                Properties::Table,
                vec![Properties::Name],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Buildings::Table)
                    .col(uuid_pk(Buildings::Id))
                    .col(uuid_col(Buildings::PropertyId))
                    .col(string_col(Buildings::Name, 150))
                    .col(string_col(Buildings::Code, 32))
                    .col(ts(db, Buildings::CreatedAt))
                    .col(ts(db, Buildings::UpdatedAt))
                    .foreign_key(&mut fk(
                        "fk_buildings_property",
                        (Buildings::Table, Buildings::PropertyId),
                        (Properties::Table, Properties::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        // Also the index the foreign key uses to find a property's buildings.
        manager
            .create_index(unique(
                "ux_buildings_property_code",
                Buildings::Table,
                vec![Buildings::PropertyId, Buildings::Code],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Categories::Table)
                    .col(uuid_pk(Categories::Id))
                    .col(string_col(Categories::Code, 32))
                    .col(string_col(Categories::NameAr, 150))
                    .col(string_col(Categories::NameEn, 150))
                    .col(bool_col(Categories::Active))
                    .col(ts(db, Categories::CreatedAt))
                    .col(ts(db, Categories::UpdatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_categories_code",
                Categories::Table,
                vec![Categories::Code],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserProperties::Table)
                    .col(uuid_col(UserProperties::UserId))
                    .col(uuid_col(UserProperties::PropertyId))
                    .primary_key(
                        Index::create()
                            .col(UserProperties::UserId)
                            .col(UserProperties::PropertyId),
                    )
                    .foreign_key(&mut fk(
                        "fk_user_properties_user",
                        (UserProperties::Table, UserProperties::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_user_properties_property",
                        (UserProperties::Table, UserProperties::PropertyId),
                        (Properties::Table, Properties::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_user_properties_property",
                UserProperties::Table,
                vec![UserProperties::PropertyId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(UserCategories::Table)
                    .col(uuid_col(UserCategories::UserId))
                    .col(uuid_col(UserCategories::CategoryId))
                    .primary_key(
                        Index::create()
                            .col(UserCategories::UserId)
                            .col(UserCategories::CategoryId),
                    )
                    .foreign_key(&mut fk(
                        "fk_user_categories_user",
                        (UserCategories::Table, UserCategories::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .foreign_key(&mut fk(
                        "fk_user_categories_category",
                        (UserCategories::Table, UserCategories::CategoryId),
                        (Categories::Table, Categories::Id),
                        ForeignKeyAction::Restrict,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_user_categories_category",
                UserCategories::Table,
                vec![UserCategories::CategoryId],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .drop_table(Table::drop().table(UserCategories::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(UserProperties::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Categories::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Buildings::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Properties::Table).take())
            .await
    }
}
