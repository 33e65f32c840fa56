//! Accounts and everything that authenticates them: users, login sessions with their spent
//! refresh-token hashes, one-time tokens, and the security audit log.

use crate::columns::*;
use crate::idents::{AuditLog, OneTimeTokens, Sessions, SpentRefreshTokens, Users};
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
                    .table(Users::Table)
                    .col(uuid_pk(Users::Id))
                    .col(string_col(Users::Name, 200))
                    // Stored lower-cased by the adapter: the unique index is then
                    // case-insensitive on every backend and collation.
                    .col(string_col(Users::Email, 254))
                    .col(string_null(Users::Phone, 32))
                    .col(string_col(Users::PasswordHash, 255))
                    .col(string_col(Users::Role, 32))
                    .col(bool_col(Users::Active))
                    .col(string_col(Users::Locale, 8))
                    .col(ts_null(db, Users::EmailVerifiedAt))
                    .col(
                        ColumnDef::new(Users::FailedLogins)
                            .integer()
                            .not_null()
                            .default(0),
                    )
                    .col(ts_null(db, Users::FirstFailedLoginAt))
                    .col(ts_null(db, Users::LockedUntil))
                    .col(ts(db, Users::CreatedAt))
                    .col(ts(db, Users::UpdatedAt))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique("ux_users_email", Users::Table, vec![Users::Email]))
            .await?;
        // NULLs never collide in a unique index (both backends), so phone stays optional.
        manager
            .create_index(unique("ux_users_phone", Users::Table, vec![Users::Phone]))
            .await?;
        manager
            .create_index(index(
                "ix_users_role_active_created",
                Users::Table,
                vec![Users::Role, Users::Active, Users::CreatedAt, Users::Id],
            ))
            .await?;
        // The unfiltered users list pages newest first.
        manager
            .create_index(index(
                "ix_users_created",
                Users::Table,
                vec![Users::CreatedAt, Users::Id],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(Sessions::Table)
                    .col(uuid_pk(Sessions::Id))
                    .col(uuid_col(Sessions::UserId))
                    .col(uuid_col(Sessions::FamilyId))
                    // Hex SHA-256 of the current refresh token; the token itself is never stored.
                    .col(string_col(Sessions::RefreshHash, 64))
                    .col(string_null(Sessions::UserAgent, 512))
                    .col(string_null(Sessions::Ip, 64))
                    .col(ts(db, Sessions::CreatedAt))
                    .col(ts(db, Sessions::LastUsedAt))
                    .col(ts(db, Sessions::ExpiresAt))
                    .col(ts_null(db, Sessions::RevokedAt))
                    .foreign_key(&mut fk(
                        "fk_sessions_user",
                        (Sessions::Table, Sessions::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_sessions_refresh_hash",
                Sessions::Table,
                vec![Sessions::RefreshHash],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_sessions_user_created",
                Sessions::Table,
                vec![Sessions::UserId, Sessions::CreatedAt],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_sessions_family",
                Sessions::Table,
                vec![Sessions::FamilyId],
            ))
            .await?;

        // Every refresh hash a session rotated away from: presenting one again is reuse, and
        // the lookup must find it however many rotations ago it was spent.
        manager
            .create_table(
                Table::create()
                    .table(SpentRefreshTokens::Table)
                    .col(
                        string_col(SpentRefreshTokens::Hash, 64)
                            .primary_key()
                            .take(),
                    )
                    .col(uuid_col(SpentRefreshTokens::SessionId))
                    .col(uuid_col(SpentRefreshTokens::FamilyId))
                    .col(ts(db, SpentRefreshTokens::SpentAt))
                    .foreign_key(&mut fk(
                        "fk_spent_refresh_tokens_session",
                        (SpentRefreshTokens::Table, SpentRefreshTokens::SessionId),
                        (Sessions::Table, Sessions::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_spent_refresh_tokens_session",
                SpentRefreshTokens::Table,
                vec![SpentRefreshTokens::SessionId],
            ))
            .await?;

        manager
            .create_table(
                Table::create()
                    .table(OneTimeTokens::Table)
                    .col(uuid_pk(OneTimeTokens::Id))
                    .col(uuid_col(OneTimeTokens::UserId))
                    .col(string_col(OneTimeTokens::Purpose, 32))
                    .col(string_col(OneTimeTokens::TokenHash, 64))
                    .col(ts(db, OneTimeTokens::ExpiresAt))
                    .col(ts_null(db, OneTimeTokens::UsedAt))
                    .col(ts(db, OneTimeTokens::CreatedAt))
                    .foreign_key(&mut fk(
                        "fk_one_time_tokens_user",
                        (OneTimeTokens::Table, OneTimeTokens::UserId),
                        (Users::Table, Users::Id),
                        ForeignKeyAction::Cascade,
                    ))
                    .take(),
            )
            .await?;
        manager
            .create_index(unique(
                "ux_one_time_tokens_hash",
                OneTimeTokens::Table,
                vec![OneTimeTokens::TokenHash],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_one_time_tokens_user",
                OneTimeTokens::Table,
                vec![OneTimeTokens::UserId],
            ))
            .await?;

        // No foreign keys: an audit entry must be writable for an unknown actor (a failed
        // login) and must outlive anything it mentions.
        manager
            .create_table(
                Table::create()
                    .table(AuditLog::Table)
                    .col(uuid_pk(AuditLog::Id))
                    .col(string_col(AuditLog::Action, 64))
                    .col(uuid_null(AuditLog::ActorId))
                    .col(uuid_null(AuditLog::SubjectId))
                    .col(string_null(AuditLog::Ip, 64))
                    .col(text_null(AuditLog::Detail))
                    .col(ts(db, AuditLog::At))
                    .take(),
            )
            .await?;
        manager
            .create_index(index(
                "ix_audit_log_at",
                AuditLog::Table,
                vec![AuditLog::At],
            ))
            .await?;
        manager
            .create_index(index(
                "ix_audit_log_subject_at",
                AuditLog::Table,
                vec![AuditLog::SubjectId, AuditLog::At],
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // Children first, so foreign keys never block the drop.
        manager
            .drop_table(Table::drop().table(AuditLog::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(OneTimeTokens::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(SpentRefreshTokens::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Sessions::Table).take())
            .await?;
        manager
            .drop_table(Table::drop().table(Users::Table).take())
            .await
    }
}
