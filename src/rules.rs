//! Validation rules shared by the IVS constructs.

use crate::{Construct, Severity, Value};

/// Whether every character is a letter, digit, `-` or `_` (`^[a-zA-Z0-9-_]*$`).
pub(crate) fn is_resource_name(s: &str) -> bool {
    s.bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// Checks an optional literal name against the IVS name rules: the pattern (with the
/// CDK's message, prefixed by `prop`) and the 128-character limit of the schemas.
pub(crate) fn check_name(scope: &impl Construct, prop: &str, cfn_prop: &str, name: Option<&Value>) {
    let Some(Value::String(name)) = name else {
        return;
    };
    if !name.is_empty() && !is_resource_name(name) {
        scope.node().annotate(
            Severity::Error,
            "name-pattern",
            Some(cfn_prop),
            format!(
                "{prop} must contain only numbers, letters, hyphens and underscores, got: '{name}'"
            ),
        );
    }
    let len = name.chars().count();
    if len > 128 {
        scope.node().annotate(
            Severity::Error,
            "name-length",
            Some(cfn_prop),
            format!("{prop} must be at most 128 characters long, got: {len} characters"),
        );
    }
}
