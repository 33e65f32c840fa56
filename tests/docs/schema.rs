//! A small, strict checker of JSON values against the document's schemas: enough of JSON
//! Schema for what utoipa writes (`$ref`, `allOf`, `oneOf`, `type` incl. `null`, `enum`,
//! `required`, `properties`, `items`, `additionalProperties`, `minimum`/`maximum`), plus one
//! rule JSON Schema leaves open: an object may carry no property its schema does not name,
//! so a field the server sends but the document forgets is caught too.

use serde_json::Value;

/// The schema of the answer `status` to `method path` (a path pattern), if documented as JSON.
pub fn response_schema(document: &Value, method: &str, path: &str, status: u16) -> Value {
    let op = &document["paths"][path][method.to_lowercase()];
    assert!(op.is_object(), "{method} {path} is not documented");
    let mut response = op["responses"][status.to_string()].clone();
    assert!(
        response.is_object(),
        "{method} {path} does not document {status}"
    );
    if let Some(reference) = response["$ref"].as_str() {
        response = resolve(document, reference).clone();
    }
    response["content"]["application/json"]["schema"].clone()
}

fn resolve<'d>(document: &'d Value, reference: &str) -> &'d Value {
    let pointer = reference.trim_start_matches('#');
    document
        .pointer(pointer)
        .unwrap_or_else(|| panic!("dangling {reference}"))
}

/// Every way `value` breaks `schema`, as `path: problem` lines (empty when it conforms).
pub fn check(document: &Value, schema: &Value, value: &Value) -> Vec<String> {
    let mut problems = Vec::new();
    walk(document, schema, value, "$", true, &mut problems);
    problems
}

/// `closed`: apply the no-unnamed-property rule here (off for the parts of an `allOf`, which
/// is checked as a whole).
fn walk(
    document: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    closed: bool,
    out: &mut Vec<String>,
) {
    if let Some(reference) = schema["$ref"].as_str() {
        return walk(
            document,
            resolve(document, reference),
            value,
            at,
            closed,
            out,
        );
    }
    if let Some(all) = schema["allOf"].as_array() {
        for part in all {
            walk(document, part, value, at, false, out);
        }
    } else if let Some(options) = schema["oneOf"].as_array().or(schema["anyOf"].as_array()) {
        if !options.iter().any(|o| check(document, o, value).is_empty()) {
            out.push(format!("{at}: matches none of {options:?}: {value}"));
        }
        return;
    } else if !leaf(document, schema, value, at, out) {
        return;
    }
    if closed {
        check_known_properties(document, schema, value, at, out);
    }
}

/// Type, enum, bounds, required, properties and items; false when the type is already wrong.
fn leaf(document: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) -> bool {
    if let Some(types) = types(schema)
        && !types.iter().any(|t| has_type(value, t))
    {
        out.push(format!("{at}: expected {types:?}, got {value}"));
        return false;
    }
    if let Some(allowed) = schema["enum"].as_array()
        && !allowed.contains(value)
    {
        out.push(format!("{at}: {value} is not one of {allowed:?}"));
    }
    if let (Some(n), Some(min)) = (value.as_f64(), schema["minimum"].as_f64())
        && n < min
    {
        out.push(format!("{at}: {n} < minimum {min}"));
    }
    if let (Some(n), Some(max)) = (value.as_f64(), schema["maximum"].as_f64())
        && n > max
    {
        out.push(format!("{at}: {n} > maximum {max}"));
    }
    if let Some(object) = value.as_object() {
        for name in schema["required"].as_array().into_iter().flatten() {
            let name = name.as_str().unwrap_or_default();
            if !object.contains_key(name) {
                out.push(format!("{at}: required {name} is missing"));
            }
        }
        for (name, field) in object {
            let sub = &schema["properties"][name];
            let sub = if sub.is_object() {
                sub
            } else {
                &schema["additionalProperties"]
            };
            if sub.is_object() {
                walk(document, sub, field, &format!("{at}.{name}"), true, out);
            }
        }
    }
    if let (Some(items), Some(array)) = (schema.get("items"), value.as_array()) {
        for (i, item) in array.iter().enumerate() {
            walk(document, items, item, &format!("{at}[{i}]"), true, out);
        }
    }
    true
}

/// Names every property an object carries that its schema (all `allOf` parts) leaves out.
fn check_known_properties(
    document: &Value,
    schema: &Value,
    value: &Value,
    at: &str,
    out: &mut Vec<String>,
) {
    let Some(object) = value.as_object() else {
        return;
    };
    if schema["additionalProperties"].is_object() {
        return;
    }
    let known = declared(document, schema);
    if known.is_empty() {
        return;
    }
    for name in object.keys() {
        if !known.contains(name) {
            out.push(format!("{at}.{name} is not documented"));
        }
    }
}

fn declared(document: &Value, schema: &Value) -> Vec<String> {
    if let Some(reference) = schema["$ref"].as_str() {
        return declared(document, resolve(document, reference));
    }
    let mut names: Vec<String> = schema["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    for part in schema["allOf"].as_array().into_iter().flatten() {
        names.extend(declared(document, part));
    }
    names
}

fn types(schema: &Value) -> Option<Vec<String>> {
    match &schema["type"] {
        Value::String(t) => Some(vec![t.clone()]),
        Value::Array(ts) => Some(
            ts.iter()
                .filter_map(|t| t.as_str().map(str::to_owned))
                .collect(),
        ),
        _ => None,
    }
}

fn has_type(value: &Value, t: &str) -> bool {
    match t {
        "null" => value.is_null(),
        "boolean" => value.is_boolean(),
        "integer" => value.is_i64() || value.is_u64(),
        "number" => value.is_number(),
        "string" => value.is_string(),
        "array" => value.is_array(),
        "object" => value.is_object(),
        _ => true,
    }
}

#[test]
fn the_checker_catches_wrong_types_missing_and_undocumented_fields() {
    let document = serde_json::json!({"components": {"schemas": {
        "Base": {"type": "object", "required": ["id"], "properties": {"id": {"type": "string"}}},
        "Both": {"allOf": [{"$ref": "#/components/schemas/Base"}, {"type": "object", "properties": {"n": {"type": ["integer", "null"], "minimum": 1}}}]},
    }}});
    let schema = serde_json::json!({"$ref": "#/components/schemas/Both"});
    assert!(
        check(
            &document,
            &schema,
            &serde_json::json!({"id": "x", "n": null})
        )
        .is_empty()
    );
    assert_eq!(
        check(&document, &schema, &serde_json::json!({"n": 2})).len(),
        1
    );
    assert_eq!(
        check(&document, &schema, &serde_json::json!({"id": 1})).len(),
        1
    );
    assert_eq!(
        check(&document, &schema, &serde_json::json!({"id": "x", "n": 0})).len(),
        1
    );
    assert_eq!(
        check(
            &document,
            &schema,
            &serde_json::json!({"id": "x", "extra": 1})
        )
        .len(),
        1
    );
}
