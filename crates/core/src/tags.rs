//! Tags as the CDK applies them: `Tags::of(scope).add(key, value)` reaches every
//! taggable resource below the scope (and stacks), with priorities and type filters.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::tree::{Construct, NodeId};
use crate::value::Value;

/// A tag as given in L1 props.
#[derive(Debug, Clone, PartialEq)]
pub struct CfnTag {
    /// The key.
    pub key: String,
    /// The value.
    pub value: Value,
}

impl CfnTag {
    /// A tag.
    pub fn new(key: impl Into<String>, value: impl Into<Value>) -> Self {
        CfnTag {
            key: key.into(),
            value: value.into(),
        }
    }
}

/// Options of a tag operation.
#[derive(Debug, Clone, Default)]
pub struct TagProps {
    /// Priority; a tag is set when its priority is at least the one already set for
    /// the key. Default 100 for `add`, 200 for `remove`; tags in L1 props have 50.
    pub priority: Option<u32>,
    /// Only resources of these CloudFormation types (all when empty).
    pub include_resource_types: Vec<String>,
    /// Never resources of these CloudFormation types.
    pub exclude_resource_types: Vec<String>,
}

#[derive(Debug, Clone)]
pub(crate) struct TagOp {
    pub scope: NodeId,
    pub key: String,
    pub value: Option<Value>,
    pub priority: u32,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
}

impl TagOp {
    pub fn applies_to(&self, cfn_type: &str) -> bool {
        if self.exclude.iter().any(|t| t == cfn_type) {
            return false;
        }
        self.include.is_empty() || self.include.iter().any(|t| t == cfn_type)
    }
}

/// The tags of one resource or stack, with the priority that set each key.
#[derive(Debug, Clone, Default)]
pub(crate) struct TagManager {
    tags: HashMap<String, (Option<Value>, u32)>,
}

impl TagManager {
    pub fn set(&mut self, key: String, value: Option<Value>, priority: u32) {
        // Tag values are strings: the CDK writes `42` as `"42"`.
        let value = value.map(|v| match v {
            Value::Number(n) => Value::String(n.to_string()),
            Value::Bool(b) => Value::String(b.to_string()),
            other => other,
        });
        if let Some((_, p)) = self.tags.get(&key) {
            if priority < *p {
                return;
            }
        }
        self.tags.insert(key, (value, priority));
    }

    /// The tags in the order the CDK renders them: by key, in ICU collation order.
    pub fn sorted(&self) -> Vec<(&str, &Value)> {
        let mut out: Vec<(&str, &Value)> = self
            .tags
            .iter()
            .filter_map(|(k, (v, _))| v.as_ref().map(|v| (k.as_str(), v)))
            .collect();
        out.sort_by(|a, b| locale_compare(a.0, b.0));
        out
    }

    pub fn is_empty(&self) -> bool {
        self.tags.values().all(|(v, _)| v.is_none())
    }
}

/// Applies tags to a scope: the CDK's `Tags.of(scope)`.
///
/// ```
/// use ivs_cdk_core::{App, Stack, Tags};
/// let app = App::new();
/// let stack = Stack::new(&app, "S");
/// Tags::of(&stack).add("Project", "video");
/// ```
#[derive(Debug)]
pub struct Tags {
    node: crate::tree::Node,
}

impl Tags {
    /// The tag operations for every taggable resource (and stack) at or below `scope`.
    pub fn of(scope: &impl Construct) -> Tags {
        Tags {
            node: scope.node().clone(),
        }
    }

    /// Adds a tag with priority 100.
    pub fn add(&self, key: &str, value: impl Into<Value>) {
        self.add_with(key, value, TagProps::default());
    }

    /// Adds a tag with explicit options.
    pub fn add_with(&self, key: &str, value: impl Into<Value>, props: TagProps) {
        self.push(
            key,
            Some(value.into()),
            props.priority.unwrap_or(100),
            props,
        );
    }

    /// Removes a tag (priority 200, so an `add` with a lower priority cannot bring it back).
    pub fn remove(&self, key: &str) {
        self.remove_with(key, TagProps::default());
    }

    /// Removes a tag with explicit options.
    pub fn remove_with(&self, key: &str, props: TagProps) {
        self.push(key, None, props.priority.unwrap_or(200), props);
    }

    fn push(&self, key: &str, value: Option<Value>, priority: u32, props: TagProps) {
        let scope = self.node.id;
        self.node.borrow_mut().tag_ops.push(TagOp {
            scope,
            key: key.to_owned(),
            value,
            priority,
            include: props.include_resource_types,
            exclude: props.exclude_resource_types,
        });
    }
}

/// The most tags a resource may have.
pub const MAX_TAGS: usize = 50;

/// Checks the final tags of a resource against what AWS accepts: at most 50 tags,
/// keys of 1 to 128 characters, values of at most 256 characters (errors), and no key
/// with the `aws:` prefix AWS reserves for itself (a warning: the AWS CDK writes such a
/// tag without complaint, and CloudFormation refuses it at deploy time).
///
/// ```
/// use ivs_cdk_core::{check_tags, Severity, Value};
/// let v = Value::from("x");
/// let found = check_tags([("aws:owner", &v)]);
/// assert_eq!(found[0].rule, "tag-aws-prefix");
/// assert_eq!(found[0].severity, Severity::Warning);
/// ```
pub fn check_tags<'a>(
    tags: impl IntoIterator<Item = (&'a str, &'a Value)>,
) -> Vec<crate::validate::Finding> {
    use crate::error::Severity;
    let mut out = Vec::new();
    let mut push = |severity, rule: &str, message: String| {
        out.push(crate::validate::Finding {
            severity,
            property: Some("Tags".into()),
            rule: rule.into(),
            message,
        })
    };
    let mut count = 0;
    for (key, value) in tags {
        count += 1;
        let len = key.chars().count();
        if len == 0 || len > 128 {
            push(
                Severity::Error,
                "tag-key-length",
                format!("tag key '{key}' is {len} characters long; a tag key must be 1 to 128 characters"),
            );
        }
        if key.starts_with("aws:") {
            push(
                Severity::Warning,
                "tag-aws-prefix",
                format!("tag key '{key}' starts with 'aws:', a prefix AWS reserves for its own tags; CloudFormation refuses such keys at deploy time, so rename the tag"),
            );
        }
        if let Value::String(v) = value {
            let vlen = v.chars().count();
            if vlen > 256 {
                push(
                    Severity::Error,
                    "tag-value-length",
                    format!("the value of tag '{key}' is {vlen} characters long; a tag value must be at most 256 characters"),
                );
            }
        }
    }
    if count > MAX_TAGS {
        push(
            Severity::Error,
            "tag-count",
            format!("the resource has {count} tags; a resource can have at most {MAX_TAGS}"),
        );
    }
    out
}

/// The base letter of a Latin-1 accented letter (`é` → `e`), for collation.
fn latin1_base(c: char) -> Option<char> {
    let base = match c.to_lowercase().next().unwrap_or(c) {
        'à'..='æ' => 'a',
        'ç' => 'c',
        'è'..='ë' => 'e',
        'ì'..='ï' => 'i',
        'ð' => 'd',
        'ñ' => 'n',
        'ò'..='ö' | 'ø' => 'o',
        'ù'..='ü' => 'u',
        'ý' | 'ÿ' => 'y',
        'þ' => 't',
        'ß' => 's',
        _ => return None,
    };
    Some(base)
}

/// The primary weight of a character in the ICU root collation (CLDR order:
/// whitespace, punctuation, symbols, digits, letters; accented Latin-1 letters weigh as
/// their base letter); `None` for ignorable controls.
fn primary(c: char) -> Option<u32> {
    const ORDER: &str = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$0123456789";
    let letter = |b: char| 1000 + (b.to_ascii_lowercase() as u32 - 'a' as u32);
    if c.is_ascii_alphabetic() {
        return Some(letter(c));
    }
    if let Some(base) = latin1_base(c) {
        return Some(letter(base));
    }
    if c.is_ascii_control() {
        return None;
    }
    if let Some(i) = ORDER.find(c) {
        return Some(100 + i as u32);
    }
    // Other characters: after every letter above, in code point order.
    Some(10_000 + c as u32)
}

/// Compares two strings as JavaScript's `String.prototype.localeCompare` does in the
/// root locale for the characters that appear in tag keys: punctuation before digits
/// before letters; letters case- and accent-insensitively first, then unaccented before
/// accented, then lowercase before uppercase.
pub fn locale_compare(a: &str, b: &str) -> Ordering {
    let weighed = |s: &str| {
        s.chars()
            .filter(|c| primary(*c).is_some())
            .collect::<Vec<char>>()
    };
    let (wa, wb) = (weighed(a), weighed(b));
    let primary_order = wa
        .iter()
        .map(|c| primary(*c))
        .cmp(wb.iter().map(|c| primary(*c)));
    let accents = |w: &[char]| {
        w.iter()
            .map(|c| latin1_base(*c).is_some())
            .collect::<Vec<bool>>()
    };
    let cases = |w: &[char]| w.iter().map(|c| c.is_uppercase()).collect::<Vec<bool>>();
    primary_order
        .then_with(|| accents(&wa).cmp(&accents(&wb)))
        .then_with(|| cases(&wa).cmp(&cases(&wb)))
        .then_with(|| a.cmp(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_sort_like_javascript_locale_compare() {
        let mut keys = vec![
            "Z", "B", "b", "aB", "ab", "aa", "a:b", "a-b", "a_b", "A", "a", "1", "_x",
        ];
        keys.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            keys,
            vec!["_x", "1", "a", "A", "a_b", "a-b", "a:b", "aa", "ab", "aB", "b", "B", "Z"]
        );
        let mut keys = vec![
            "Team",
            "Project",
            "NotOnKeys",
            "CostCenter",
            "aws:reserved",
            "App",
        ];
        keys.sort_by(|a, b| locale_compare(a, b));
        assert_eq!(
            keys,
            vec![
                "App",
                "aws:reserved",
                "CostCenter",
                "NotOnKeys",
                "Project",
                "Team"
            ]
        );
    }

    #[test]
    fn lower_priority_does_not_override() {
        let mut tm = TagManager::default();
        tm.set("k".into(), Some("high".into()), 200);
        tm.set("k".into(), Some("low".into()), 100);
        assert_eq!(tm.sorted()[0].1, &Value::from("high"));
        tm.set("k".into(), None, 200);
        assert!(tm.is_empty());
    }
}
