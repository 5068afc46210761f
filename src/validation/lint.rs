//! Checks the IVS and IVSChat resources of any CloudFormation template.

use indexmap::IndexMap;
use serde_json::Value as Json;

use super::engine::validate_resource;
use crate::{Findings, Severity, Value};

/// One problem found in a template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LintFinding {
    /// The template section: `Resources`, `Outputs`, ...
    pub section: String,
    /// The logical ID of the resource (or output) concerned.
    pub logical_id: String,
    /// The resource type, e.g. `AWS::IVS::Channel` (empty outside `Resources`).
    pub resource_type: String,
    /// How serious it is.
    pub severity: Severity,
    /// The property path inside the resource, e.g. `DestinationConfiguration.S3.BucketName`.
    pub property: Option<String>,
    /// The stable rule id (see [`crate::validation`]).
    pub rule: String,
    /// What is wrong, the value, and what is allowed.
    pub message: String,
}

/// Whether the linter checks resources of this type.
fn in_scope(type_name: &str) -> bool {
    type_name.starts_with("AWS::IVS::") || type_name.starts_with("AWS::IVSChat::")
}

/// Checks every `AWS::IVS::*` and `AWS::IVSChat::*` resource of a template (parsed
/// from JSON, or from YAML with the short-form tags turned into their long form):
/// the schema's constraints, unknown and read-only properties, missing required
/// properties, the IVS rules the schemas cannot express, and `Fn::GetAtt` of an
/// attribute the type does not have.
///
/// # Errors
///
/// When the document is not a template: not an object, or without a `Resources`
/// object.
pub fn lint_template(template: &Json) -> Result<Vec<LintFinding>, String> {
    let Some(root) = template.as_object() else {
        return Err("the document is not a CloudFormation template (not an object)".into());
    };
    let Some(resources) = root.get("Resources").and_then(Json::as_object) else {
        return Err("the document is not a CloudFormation template (no Resources object)".into());
    };
    let mut out = Vec::new();
    let mut types: IndexMap<&str, &str> = IndexMap::new();
    for (id, resource) in resources {
        if let Some(t) = resource.get("Type").and_then(Json::as_str) {
            types.insert(id.as_str(), t);
        }
    }
    for (id, resource) in resources {
        let Some(type_name) = resource.get("Type").and_then(Json::as_str) else {
            continue;
        };
        if !in_scope(type_name) {
            continue;
        }
        let push = |out: &mut Vec<LintFinding>, findings: Findings| {
            out.extend(findings.into_items().into_iter().map(|f| LintFinding {
                section: "Resources".into(),
                logical_id: id.clone(),
                resource_type: type_name.to_owned(),
                severity: f.severity,
                property: f.property,
                rule: f.rule,
                message: f.message,
            }));
        };
        let Some(schema) = crate::cfn::schema(type_name) else {
            let known: Vec<&str> = crate::cfn::SCHEMAS
                .iter()
                .map(|s| s.type_name)
                .filter(|t| in_scope(t))
                .collect();
            let mut f = Findings::new();
            f.error(
                "",
                "resource-type",
                format!(
                    "{type_name} is not a known resource type: use one of {}",
                    known.join(", ")
                ),
            );
            push(&mut out, f);
            continue;
        };
        let properties = match resource.get("Properties") {
            None => Value::Null,
            Some(p) => Value::from(p.clone()),
        };
        let mut f = Findings::new();
        validate_resource(schema, &properties, &mut f);
        semantic_findings(type_name, &properties, &mut f);
        push(&mut out, f);
    }
    for (section, body) in root {
        let Some(entries) = body.as_object() else {
            continue;
        };
        if !matches!(section.as_str(), "Resources" | "Outputs" | "Conditions") {
            continue;
        }
        for (id, entry) in entries {
            let mut sink = Vec::new();
            check_get_atts(entry, "", &types, &mut sink);
            for (property, message) in sink {
                out.push(LintFinding {
                    section: section.clone(),
                    logical_id: id.clone(),
                    resource_type: entry
                        .get("Type")
                        .and_then(Json::as_str)
                        .filter(|_| section == "Resources")
                        .unwrap_or("")
                        .to_owned(),
                    severity: Severity::Error,
                    property: Some(property),
                    rule: "get-att".into(),
                    message,
                });
            }
        }
    }
    Ok(out)
}

/// The rules that the schemas cannot express, run on the literal properties of one
/// resource of a template: [`crate::rules::check_resource_properties`] (the same
/// rules the constructs apply: P-384 public key PEM, preset without an ADVANCED type,
/// multitrack on STANDARD with `FRAGMENTED_MP4`, a non-empty `CUSTOM` rendition
/// list), plus the policy and maximum resolution that enabled multitrack input needs.
///
/// `findings` holds the schema findings of the resource; a rule that says again what
/// the schema check already said about a property is left out (one problem, one
/// message), as are the tag rules the schema tables cover. Public key material that
/// is only damaged (bad base64 or DER, as in a shortened sample) is a warning here:
/// the template may hold a placeholder.
pub fn semantic_findings(type_name: &str, properties: &Value, findings: &mut Findings) {
    let mut extra = Findings::new();
    crate::rules::check_resource_properties(type_name, properties, &mut extra);
    if type_name == "AWS::IVS::Channel" {
        multitrack_required(properties, &mut extra);
    }
    for f in extra.into_items() {
        let property = f.property.clone().unwrap_or_default();
        let said = findings
            .items()
            .iter()
            .any(|g| g.property == f.property && (g.rule == f.rule || g.severity == f.severity));
        let covered = match f.rule.as_str() {
            "tag-key-length" | "tag-value-length" | "tag-aws-prefix" => true,
            "tag-count" => findings.items().iter().any(|g| g.rule == "max-items"),
            _ => false,
        };
        if said || covered {
            continue;
        }
        let severity = match f.rule.as_str() {
            "public-key-base64" | "public-key-der" | "public-key-point" => Severity::Warning,
            _ => f.severity,
        };
        findings.push(severity, &property, &f.rule, f.message);
    }
}

/// Enabled multitrack input needs `Policy` and `MaximumResolution` (the schema says so
/// in words only).
fn multitrack_required(properties: &Value, findings: &mut Findings) {
    let Value::Map(props) = properties else {
        return;
    };
    let Some(Value::Map(m)) = props.get("MultitrackInputConfiguration") else {
        return;
    };
    let enabled = match m.get("Enabled") {
        Some(Value::Bool(b)) => *b,
        Some(Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    };
    if !enabled {
        return;
    }
    for name in ["MaximumResolution", "Policy"] {
        if matches!(m.get(name), None | Some(Value::Null)) {
            let path = format!("MultitrackInputConfiguration.{name}");
            findings.error(
                &path,
                "multitrack-required",
                format!("{path} is required when multitrack input is enabled: set it"),
            );
        }
    }
}

/// Finds `Fn::GetAtt` (both forms) and `${Res.Attr}` in `Fn::Sub` of an attribute
/// that an IVS resource of the template does not have.
fn check_get_atts(
    value: &Json,
    path: &str,
    types: &IndexMap<&str, &str>,
    sink: &mut Vec<(String, String)>,
) {
    match value {
        Json::Object(m) => {
            if m.len() == 1 {
                if let Some(arg) = m.get("Fn::GetAtt") {
                    let target = match arg {
                        Json::Array(a) if a.len() == 2 => a[0]
                            .as_str()
                            .zip(a[1].as_str())
                            .map(|(r, t)| (r.to_owned(), t.to_owned())),
                        Json::String(s) => {
                            s.split_once('.').map(|(r, t)| (r.to_owned(), t.to_owned()))
                        }
                        _ => None,
                    };
                    if let Some((resource, attribute)) = target {
                        check_attribute(&resource, &attribute, path, types, sink);
                    }
                    return;
                }
                if let Some(arg) = m.get("Fn::Sub") {
                    let text = match arg {
                        Json::String(s) => Some(s.as_str()),
                        Json::Array(a) => a.first().and_then(Json::as_str),
                        _ => None,
                    };
                    for (resource, attribute) in text.map(sub_references).unwrap_or_default() {
                        check_attribute(&resource, &attribute, path, types, sink);
                    }
                }
            }
            for (k, v) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                check_get_atts(v, &p, types, sink);
            }
        }
        Json::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                check_get_atts(v, &format!("{path}[{i}]"), types, sink);
            }
        }
        _ => {}
    }
}

/// The `Resource.Attribute` references of an `Fn::Sub` string (`${X.Y}`, not `${!X}`).
fn sub_references(text: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else { break };
        let inner = &after[..end];
        if !inner.starts_with('!') {
            if let Some((r, a)) = inner.split_once('.') {
                out.push((r.to_owned(), a.to_owned()));
            }
        }
        rest = &after[end..];
    }
    out
}

fn check_attribute(
    resource: &str,
    attribute: &str,
    path: &str,
    types: &IndexMap<&str, &str>,
    sink: &mut Vec<(String, String)>,
) {
    let Some(type_name) = types.get(resource) else {
        return;
    };
    let Some(schema) = crate::cfn::schema(type_name).filter(|_| in_scope(type_name)) else {
        return;
    };
    if !schema.attributes.contains(&attribute) {
        sink.push((
            path.to_owned(),
            format!(
                "Fn::GetAtt {resource}.{attribute}: {type_name} has no attribute {attribute}; use one of {}",
                schema.attributes.join(", ")
            ),
        ));
    }
}
