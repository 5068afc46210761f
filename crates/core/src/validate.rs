//! Collecting validation findings with the property they concern.

use crate::error::Severity;

/// One finding of a validator, before it is tied to a construct path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// How serious it is.
    pub severity: Severity,
    /// The CloudFormation property path, e.g. `MultitrackInputConfiguration.Policy`.
    pub property: Option<String>,
    /// A stable rule identifier, e.g. `pattern`.
    pub rule: String,
    /// The message: what was wrong, the value (never a secret), what is allowed.
    pub message: String,
}

/// Where validators put what they find. Property paths nest with
/// [`Findings::nested`].
#[derive(Debug, Default)]
pub struct Findings {
    items: Vec<Finding>,
    prefix: Vec<String>,
}

impl Findings {
    /// An empty collection.
    pub fn new() -> Self {
        Self::default()
    }

    fn property_path(&self, property: &str) -> Option<String> {
        let mut parts: Vec<&str> = self.prefix.iter().map(String::as_str).collect();
        if !property.is_empty() {
            parts.push(property);
        }
        if parts.is_empty() {
            None
        } else {
            Some(parts.join("."))
        }
    }

    /// Records a finding about `property` (relative to the current nesting; empty for
    /// the resource as a whole).
    pub fn push(
        &mut self,
        severity: Severity,
        property: &str,
        rule: &str,
        message: impl Into<String>,
    ) {
        let property = self.property_path(property);
        self.items.push(Finding {
            severity,
            property,
            rule: rule.to_owned(),
            message: message.into(),
        });
    }

    /// Records an error.
    pub fn error(&mut self, property: &str, rule: &str, message: impl Into<String>) {
        self.push(Severity::Error, property, rule, message);
    }

    /// Records a warning.
    pub fn warning(&mut self, property: &str, rule: &str, message: impl Into<String>) {
        self.push(Severity::Warning, property, rule, message);
    }

    /// Runs `f` with property paths nested under `segment` (`Video`, `Storage[1]`).
    pub fn nested(&mut self, segment: &str, f: impl FnOnce(&mut Findings)) {
        self.prefix.push(segment.to_owned());
        f(self);
        self.prefix.pop();
    }

    /// Everything found so far.
    pub fn items(&self) -> &[Finding] {
        &self.items
    }

    /// Takes everything found.
    pub fn into_items(self) -> Vec<Finding> {
        self.items
    }

    /// Whether an error was found.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|f| f.severity == Severity::Error)
    }
}
