//! Table and column names. `DeriveIden` snake-cases them (`Users::Table` is `users`,
//! `Users::EmailVerifiedAt` is `email_verified_at`); the persistence entities use the same names.

use sea_orm_migration::prelude::*;

#[derive(DeriveIden, Clone, Copy)]
pub enum Users {
    Table,
    Id,
    Name,
    Email,
    Phone,
    PasswordHash,
    Role,
    Active,
    Locale,
    EmailVerifiedAt,
    FailedLogins,
    FirstFailedLoginAt,
    LockedUntil,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Sessions {
    Table,
    Id,
    UserId,
    FamilyId,
    RefreshHash,
    UserAgent,
    Ip,
    CreatedAt,
    LastUsedAt,
    ExpiresAt,
    RevokedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum SpentRefreshTokens {
    Table,
    Hash,
    SessionId,
    FamilyId,
    SpentAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum OneTimeTokens {
    Table,
    Id,
    UserId,
    Purpose,
    TokenHash,
    ExpiresAt,
    UsedAt,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum AuditLog {
    Table,
    Id,
    Action,
    ActorId,
    SubjectId,
    Ip,
    Detail,
    At,
    TargetType,
    TargetId,
    Changes,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Properties {
    Table,
    Id,
    Name,
    Code,
    City,
    Address,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Buildings {
    Table,
    Id,
    PropertyId,
    Name,
    Code,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Categories {
    Table,
    Id,
    Code,
    NameAr,
    NameEn,
    Active,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum UserProperties {
    Table,
    UserId,
    PropertyId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum UserCategories {
    Table,
    UserId,
    CategoryId,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum MaintenanceRequests {
    Table,
    Id,
    Reference,
    Title,
    Description,
    CategoryId,
    Priority,
    PriorityRank,
    Status,
    BuildingId,
    PropertyId,
    Location,
    RequesterId,
    AssigneeId,
    DueAt,
    SubmittedAt,
    AssignedAt,
    StartedAt,
    CompletedAt,
    ClosedAt,
    Reason,
    Rating,
    Feedback,
    Version,
    CreatedAt,
    UpdatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum RequestEvents {
    Table,
    Seq,
    RequestId,
    Kind,
    ActorId,
    FromStatus,
    ToStatus,
    TechnicianId,
    Note,
    CommentId,
    Internal,
    At,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum Comments {
    Table,
    Id,
    RequestId,
    AuthorId,
    Body,
    Internal,
    CreatedAt,
}

#[derive(DeriveIden, Clone, Copy)]
pub enum ReferenceCounters {
    Table,
    Year,
    LastNumber,
}
