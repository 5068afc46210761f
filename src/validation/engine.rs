//! Checks a property tree against a constraint table.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use ::regex::Regex;
use indexmap::IndexMap;

use super::schema::{Kind, Pattern, ResourceSchema, Schema};
use crate::{CfnTag, Findings, Value};

/// Checks the rendered properties of typed props (unset ones are `Null`), with the
/// tags given in the props in place of the tag placeholder.
pub fn validate_props(
    resource: &ResourceSchema,
    mut rendered: IndexMap<String, Value>,
    tags: Option<&[CfnTag]>,
    findings: &mut Findings,
) {
    if let (Some(prop), Some(tags)) = (resource.tag_property, tags) {
        let list = tags
            .iter()
            .map(|t| {
                let mut m = IndexMap::new();
                m.insert("Key".to_owned(), Value::from(t.key.as_str()));
                m.insert("Value".to_owned(), t.value.clone());
                Value::Map(m)
            })
            .collect();
        rendered.insert(prop.to_owned(), Value::List(list));
    }
    validate_final(resource, &Value::Map(rendered), findings);
}

/// Checks typed props: like [`validate_props`], but copies only the properties that are
/// set (most are not), instead of rendering every one.
pub fn validate_typed(
    resource: &ResourceSchema,
    props: &dyn crate::CfnProps,
    tags: Option<&[CfnTag]>,
    findings: &mut Findings,
) {
    let mut set = IndexMap::new();
    props.for_each_property(&mut |k, v| {
        if !matches!(v, Value::Null) {
            set.insert(k.to_owned(), v.clone());
        }
    });
    validate_props(resource, set, tags, findings);
}

/// Checks the final `Properties` of a resource: every schema constraint, then the IVS
/// rules beyond the schemas (public key material, multitrack, ...).
pub fn validate_final(resource: &ResourceSchema, properties: &Value, findings: &mut Findings) {
    validate_resource(resource, properties, findings);
    // Tags are checked by the schema above and, on the final tags (`Tags::of` included),
    // by the core: the IVS rules' own tag checks would only repeat them.
    let mut semantic = Findings::new();
    crate::rules::check_resource_properties(resource.type_name, properties, &mut semantic);
    for f in semantic.into_items() {
        if !f.rule.starts_with("tag-") {
            findings.push(
                f.severity,
                f.property.as_deref().unwrap_or(""),
                &f.rule,
                f.message,
            );
        }
    }
}

/// Checks the `Properties` of a resource (`Null` when the resource has none).
pub fn validate_resource(resource: &ResourceSchema, properties: &Value, findings: &mut Findings) {
    let empty = Value::Map(IndexMap::new());
    let properties = if matches!(properties, Value::Null) {
        &empty
    } else {
        properties
    };
    let mut walker = Walker {
        findings,
        owner: resource.type_name,
    };
    walker.check(resource.properties, properties, "");
    if let (Some(prop), Value::Map(m)) = (resource.tag_property, properties) {
        if let Some(Value::List(tags)) = m.get(prop) {
            for (i, tag) in tags.iter().enumerate() {
                let key = match tag {
                    Value::Map(t) => t.get("Key").and_then(Value::as_str),
                    _ => None,
                };
                if let Some(key) = key.filter(|k| k.to_ascii_lowercase().starts_with("aws:")) {
                    // Reported on the tag property, as the construct-level tag rule
                    // does, so that one problem gives one message.
                    walker.findings.warning(
                        prop,
                        "tag-aws-prefix",
                        format!(
                            "{prop}[{i}].Key {} starts with 'aws:', a prefix AWS reserves for its own tags: CloudFormation may refuse it; choose a key without it",
                            describe(&Value::from(key))
                        ),
                    );
                }
            }
        }
    }
}

/// Checks one value against a schema; `path` is its property path (empty for the
/// root), used in the findings.
pub fn validate_value(schema: &Schema, value: &Value, path: &str, findings: &mut Findings) {
    Walker {
        findings,
        owner: "the resource",
    }
    .check(schema, value, path);
}

struct Walker<'a> {
    findings: &'a mut Findings,
    owner: &'static str,
}

/// Whether CloudFormation resolves the value at deploy time: a reference or an
/// intrinsic function, typed or written as JSON.
pub(crate) fn is_intrinsic(value: &Value) -> bool {
    if value.is_intrinsic() {
        return true;
    }
    match value {
        Value::Map(m) if m.len() == 1 => m
            .keys()
            .next()
            .is_some_and(|k| k == "Ref" || k == "Condition" || k.starts_with("Fn::")),
        _ => false,
    }
}

/// A value for a message: strings quoted (long ones shortened), others described.
pub(crate) fn describe(value: &Value) -> String {
    match value {
        // A private key is never quoted, not even cut short: its first bytes are secret.
        Value::String(s) if s.contains("PRIVATE KEY") => "<a private key, not shown>".into(),
        Value::String(s) if s.chars().count() > 64 => {
            let head: String = s.chars().take(60).collect();
            format!("'{head}...'")
        }
        other => other.describe(),
    }
}

fn number(n: f64) -> String {
    format!("{n}")
}

fn range(min: Option<f64>, max: Option<f64>, unit: &str) -> String {
    match (min, max) {
        (Some(a), Some(b)) => format!("{} to {}{unit}", number(a), number(b)),
        (Some(a), None) => format!("at least {}{unit}", number(a)),
        (None, Some(b)) => format!("at most {}{unit}", number(b)),
        (None, None) => format!("any{unit}"),
    }
}

fn join(path: &str, name: &str) -> String {
    if path.is_empty() {
        name.to_owned()
    } else {
        format!("{path}.{name}")
    }
}

fn subject(path: &str) -> &str {
    if path.is_empty() {
        "the value"
    } else {
        path
    }
}

/// The compiled pattern, compiled once per process. The patterns come from the generated
/// schema tables, a fixed set, so each compiled one lives as long as the process; a
/// shared `&Regex` keeps its match caches warm, where a clone would start cold.
fn regex(pattern: &Pattern) -> Option<&'static Regex> {
    type Cache = HashMap<&'static str, Option<&'static Regex>>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap_or_else(|e| e.into_inner());
    *cache.entry(pattern.regex).or_insert_with(|| {
        Regex::new(pattern.regex)
            .ok()
            .map(|r| &*Box::leak(Box::new(r)))
    })
}

impl Walker<'_> {
    fn error(&mut self, path: &str, rule: &str, message: String) {
        self.findings.error(path, rule, message);
    }

    fn check(&mut self, schema: &Schema, value: &Value, path: &str) {
        if matches!(value, Value::Null) || is_intrinsic(value) {
            return;
        }
        match schema.kind {
            Kind::Any => {}
            Kind::String => match value {
                Value::String(s) => self.check_string(schema, value, s, path),
                Value::Number(n) => self.check_string(schema, value, &n.to_string(), path),
                Value::Bool(b) => self.check_string(schema, value, &b.to_string(), path),
                _ => self.type_error(value, path, "string", "use a string"),
            },
            Kind::Integer | Kind::Number => {
                let integer = schema.kind == Kind::Integer;
                let n = match value {
                    Value::Number(n) => n.as_f64(),
                    Value::String(s) => s.trim().parse::<f64>().ok().filter(|n| n.is_finite()),
                    _ => None,
                };
                match n {
                    Some(n) if !integer || n.fract() == 0.0 => self.check_number(schema, n, path),
                    _ if integer => self.type_error(value, path, "integer", "use a whole number"),
                    _ => self.type_error(value, path, "number", "use a number"),
                }
            }
            Kind::Boolean => {
                let ok = match value {
                    Value::Bool(_) => true,
                    Value::String(s) => {
                        s.eq_ignore_ascii_case("true") || s.eq_ignore_ascii_case("false")
                    }
                    _ => false,
                };
                if !ok {
                    self.type_error(value, path, "boolean", "use true or false");
                }
            }
            Kind::Array => match value {
                Value::List(items) => self.check_list(schema, items, path),
                _ => self.type_error(value, path, "array", "use a list"),
            },
            Kind::Object => match value {
                Value::Map(m) => self.check_object(schema, m, path),
                _ => self.type_error(value, path, "object", "use an object of properties"),
            },
        }
    }

    fn type_error(&mut self, value: &Value, path: &str, ty: &str, fix: &str) {
        self.error(
            path,
            "type",
            format!(
                "{} {} is not of type {ty}: {fix}",
                subject(path),
                describe(value)
            ),
        );
    }

    fn check_string(&mut self, schema: &Schema, value: &Value, s: &str, path: &str) {
        let shown = describe(value);
        let who = subject(path);
        if !schema.enum_values.is_empty() && !schema.enum_values.contains(&s) {
            let mut allowed: Vec<String> = schema
                .enum_values
                .iter()
                .map(|v| {
                    if v.is_empty() {
                        "'' (empty)".to_owned()
                    } else {
                        (*v).to_owned()
                    }
                })
                .collect();
            allowed.sort();
            self.error(
                path,
                "enum",
                format!("{who} {shown} is not one of {}", allowed.join(", ")),
            );
            // The other checks say less than this one.
            return;
        }
        if let Some(c) = schema.const_value {
            if s != c {
                self.error(path, "const", format!("{who} {shown} must be '{c}'"));
            }
        }
        let len = s.chars().count() as u64;
        let (min, max) = (schema.min_length, schema.max_length);
        let allowed = range(min.map(|n| n as f64), max.map(|n| n as f64), " characters");
        if let Some(min) = min.filter(|&m| len < m) {
            self.error(
                path,
                "min-length",
                format!("{who} {shown} is shorter than {min} characters: use {allowed}"),
            );
        }
        if let Some(max) = max.filter(|&m| len > m) {
            self.error(
                path,
                "max-length",
                format!("{who} {shown} is {len} characters long, more than {max}: use {allowed}"),
            );
        }
        if let Some(pattern) = &schema.pattern {
            if let Some(re) = regex(pattern) {
                if !re.is_match(s) {
                    self.error(
                        path,
                        "pattern",
                        format!(
                            "{who} {shown} does not match {}: {}",
                            pattern.source, pattern.hint
                        ),
                    );
                }
            }
        }
    }

    fn check_number(&mut self, schema: &Schema, n: f64, path: &str) {
        let who = subject(path);
        let allowed = range(schema.minimum, schema.maximum, "");
        if let Some(min) = schema.minimum.filter(|&m| n < m) {
            self.error(
                path,
                "minimum",
                format!(
                    "{who} {} is less than the minimum of {}: use {allowed}",
                    number(n),
                    number(min)
                ),
            );
        }
        if let Some(max) = schema.maximum.filter(|&m| n > m) {
            self.error(
                path,
                "maximum",
                format!(
                    "{who} {} is greater than the maximum of {}: use {allowed}",
                    number(n),
                    number(max)
                ),
            );
        }
    }

    fn check_list(&mut self, schema: &Schema, items: &[Value], path: &str) {
        let who = subject(path);
        let n = items.len() as u64;
        let allowed = range(
            schema.min_items.map(|n| n as f64),
            schema.max_items.map(|n| n as f64),
            " items",
        );
        if let Some(min) = schema.min_items.filter(|&m| n < m) {
            self.error(
                path,
                "min-items",
                format!("{who} has {n} items, fewer than {min}: give {allowed}"),
            );
        }
        if let Some(max) = schema.max_items.filter(|&m| n > m) {
            self.error(
                path,
                "max-items",
                format!("{who} has {n} items, more than {max}: give {allowed}"),
            );
        }
        if schema.unique_items {
            for (j, item) in items.iter().enumerate() {
                if is_intrinsic(item) {
                    continue;
                }
                if let Some(i) = items[..j].iter().position(|earlier| earlier == item) {
                    self.error(
                        &format!("{path}[{j}]"),
                        "unique-items",
                        format!(
                            "{path}[{j}] {} repeats {path}[{i}]: list each item once",
                            describe(item)
                        ),
                    );
                }
            }
        }
        if let Some(item_schema) = schema.items {
            for (i, item) in items.iter().enumerate() {
                self.check(item_schema, item, &format!("{path}[{i}]"));
            }
        }
    }

    fn check_object(&mut self, schema: &Schema, map: &IndexMap<String, Value>, path: &str) {
        for name in schema.required {
            let missing = match map.get(*name) {
                None | Some(Value::Null) => true,
                Some(Value::Map(m)) => {
                    m.len() == 1 && m.get("Ref").and_then(Value::as_str) == Some("AWS::NoValue")
                }
                Some(Value::RefName(n)) => n == "AWS::NoValue",
                _ => false,
            };
            if missing {
                let p = join(path, name);
                self.error(
                    &p,
                    "required",
                    format!("{p} is required but not set: set it"),
                );
            }
        }
        for (name, value) in map {
            let p = join(path, name);
            if let Some(s) = schema.property(name) {
                self.check(s, value, &p);
            } else if schema.read_only.contains(&name.as_str()) {
                if !matches!(value, Value::Null) {
                    self.error(
                        &p,
                        "read-only-property",
                        format!("{p} is read-only (an attribute for Fn::GetAtt) and cannot be set: remove it"),
                    );
                }
            } else if !schema.additional_properties && !matches!(value, Value::Null) {
                let owner = if path.is_empty() {
                    self.owner.to_owned()
                } else {
                    path.to_owned()
                };
                let suggestion = schema
                    .properties
                    .iter()
                    .find(|q| q.name.eq_ignore_ascii_case(name))
                    .map(|q| format!("did you mean {}? ", q.name))
                    .unwrap_or_default();
                let names: Vec<&str> = schema.properties.iter().map(|q| q.name).collect();
                self.error(
                    &p,
                    "additional-property",
                    format!(
                        "{name} is not a property of {owner}: {suggestion}use one of {}",
                        names.join(", ")
                    ),
                );
            }
        }
    }
}
