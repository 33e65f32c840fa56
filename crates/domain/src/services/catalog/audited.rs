//! The catalogue fields the audit log records, by their API names, and the diff of two
//! snapshots of them.

use crate::model::{AuditValue, Building, Category, ChangeSet, Property};

/// The audited fields of a property, by API name.
pub(super) fn property_fields(p: &Property) -> [(&'static str, AuditValue); 4] {
    [
        ("name", (&p.name).into()),
        ("code", (&p.code).into()),
        ("city", (&p.city).into()),
        ("address", p.address.as_ref().into()),
    ]
}

pub(super) fn building_fields(b: &Building) -> [(&'static str, AuditValue); 3] {
    [
        ("propertyId", b.property_id.to_string().as_str().into()),
        ("name", (&b.name).into()),
        ("code", (&b.code).into()),
    ]
}

pub(super) fn category_fields(c: &Category) -> [(&'static str, AuditValue); 4] {
    [
        ("code", (&c.code).into()),
        ("nameAr", (&c.name_ar).into()),
        ("nameEn", (&c.name_en).into()),
        ("active", c.active.into()),
    ]
}

/// The fields whose value differs between `old` and `new`.
pub(super) fn diff<const N: usize>(
    old: [(&str, AuditValue); N],
    new: [(&str, AuditValue); N],
) -> ChangeSet {
    let mut set = ChangeSet::default();
    for ((field, old), (_, new)) in old.into_iter().zip(new) {
        set.diff(field, old, new);
    }
    set
}
