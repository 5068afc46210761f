//! Typed CloudFormation values: literals and intrinsic functions.
//!
//! The JavaScript CDK encodes unresolved values as magic strings ("tokens"). Here a value
//! that CloudFormation will only know at deploy time is an explicit [`Value`] variant, so
//! a literal can be validated and an intrinsic can never be mistaken for text.

use indexmap::IndexMap;
use std::fmt;

use crate::tree::ElementRef;

/// A value of a CloudFormation property, output or parameter default.
///
/// Build literals with `From` (`"text".into()`, `true.into()`, `42.into()`), and
/// intrinsics with the constructors on [`Fn`] or the attribute getters of constructs
/// (`channel.channel_arn()`).
#[derive(Clone, PartialEq)]
#[non_exhaustive]
pub enum Value {
    /// JSON `null`; a property set to `Null` is left out of the template.
    Null,
    /// A boolean literal.
    Bool(bool),
    /// A number literal.
    Number(serde_json::Number),
    /// A string literal.
    String(String),
    /// A list.
    List(Vec<Value>),
    /// An object; keys keep their insertion order.
    Map(IndexMap<String, Value>),
    /// `{"Ref": <logical id>}` of an element of the construct tree.
    Ref(ElementRef),
    /// `{"Fn::GetAtt": [<logical id>, <attribute>]}` of a resource of the construct tree.
    GetAtt(ElementRef, String),
    /// `{"Ref": "<name>"}` by name: a pseudo parameter such as `AWS::Region`, or any
    /// logical ID written by hand.
    RefName(String),
    /// `{"Fn::Join": [delimiter, [parts]]}`, rendered minimally as the CDK does.
    Join(String, Vec<Value>),
    /// Any other intrinsic function, `{"Fn::<name>": argument}` (`ImportValue`,
    /// `Select`, `Split`, `Sub`, `Base64`, ...).
    Intrinsic(String, Box<Value>),
}

impl Value {
    /// Whether this value is known at synthesis time (contains no intrinsic).
    pub fn is_literal(&self) -> bool {
        match self {
            Value::Null | Value::Bool(_) | Value::Number(_) | Value::String(_) => true,
            Value::List(items) => items.iter().all(Value::is_literal),
            Value::Map(map) => map.values().all(Value::is_literal),
            _ => false,
        }
    }

    /// Whether this is `Null` (unset).
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// The string if this is a string literal.
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// Whether this value is an intrinsic function or reference (resolved at deploy time).
    pub fn is_intrinsic(&self) -> bool {
        matches!(
            self,
            Value::Ref(_)
                | Value::GetAtt(..)
                | Value::RefName(_)
                | Value::Join(..)
                | Value::Intrinsic(..)
        )
    }

    /// Concatenates values into one string value, as string interpolation does in the
    /// CDK: literals are merged, and a result with any intrinsic becomes an
    /// `Fn::Join` with an empty delimiter.
    ///
    /// ```
    /// use ivs_cdk_core::{Value, Fn};
    /// let url = Value::concat(["rtmps://".into(), Fn::ref_name("AWS::Region"), ":443/app/".into()]);
    /// assert!(url.is_intrinsic());
    /// assert_eq!(Value::concat(["a".into(), "b".into()]), Value::from("ab"));
    /// ```
    pub fn concat(parts: impl IntoIterator<Item = Value>) -> Value {
        Fn::join("", parts)
    }

    /// Visits this value and every value nested in it, depth first.
    pub fn walk<'a>(&'a self, f: &mut dyn FnMut(&'a Value)) {
        f(self);
        match self {
            Value::List(items) | Value::Join(_, items) => items.iter().for_each(|v| v.walk(f)),
            Value::Map(map) => map.values().for_each(|v| v.walk(f)),
            Value::Intrinsic(_, arg) => arg.walk(f),
            _ => {}
        }
    }

    /// Visits this value and every value nested in it, depth first, mutably.
    pub fn walk_mut(&mut self, f: &mut dyn FnMut(&mut Value)) {
        f(self);
        match self {
            Value::List(items) | Value::Join(_, items) => {
                items.iter_mut().for_each(|v| v.walk_mut(f))
            }
            Value::Map(map) => map.values_mut().for_each(|v| v.walk_mut(f)),
            Value::Intrinsic(_, arg) => arg.walk_mut(f),
            _ => {}
        }
    }

    /// A short description for error messages: the literal (never a private key), or the
    /// intrinsic's name.
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.to_string(),
            Value::String(s) if holds_private_key(s) => PRIVATE_KEY_REDACTED.into(),
            Value::String(s) => format!("'{s}'"),
            Value::List(_) => "a list".into(),
            Value::Map(_) => "an object".into(),
            Value::Ref(_) | Value::RefName(_) => "a Ref".into(),
            Value::GetAtt(..) => "an Fn::GetAtt".into(),
            Value::Join(..) => "an Fn::Join".into(),
            Value::Intrinsic(name, _) => format!("an Fn::{name}"),
        }
    }
}

/// What `Debug` and [`Value::describe`] show instead of a string holding a private key.
const PRIVATE_KEY_REDACTED: &str = "<a private key, not shown>";

/// Whether a string holds PEM private key material (`-----BEGIN ... PRIVATE KEY-----`),
/// which no `Debug` output or message may repeat.
pub(crate) fn holds_private_key(s: &str) -> bool {
    s.contains("PRIVATE KEY-----")
}

/// `message` with the body of every PEM private key in it replaced by a placeholder, so
/// that a rule quoting a value never repeats a key pasted by mistake. A bare mention of
/// a header (`-----BEGIN EC PRIVATE KEY-----` followed by punctuation) is kept.
pub(crate) fn redact_private_keys(message: String) -> String {
    const MARK: &str = "PRIVATE KEY-----";
    if !holds_private_key(&message) {
        return message;
    }
    let mut out = String::with_capacity(message.len());
    let mut rest = message.as_str();
    while let Some(i) = rest.find(MARK) {
        let header_end = i + MARK.len();
        let start = rest[..i].rfind("-----BEGIN").unwrap_or(i);
        let body_follows = rest[header_end..].chars().next().is_some_and(|c| {
            c.is_whitespace() || c == '\\' || c.is_ascii_alphanumeric() || c == '+' || c == '/'
        });
        if !body_follows {
            out.push_str(&rest[..header_end]);
            rest = &rest[header_end..];
            continue;
        }
        out.push_str(&rest[..start]);
        out.push_str(PRIVATE_KEY_REDACTED);
        let after = &rest[header_end..];
        rest = match after.find("-----END") {
            Some(j) => match after[j..].find(MARK) {
                Some(k) => &after[j + k + MARK.len()..],
                None => "",
            },
            None => "",
        };
    }
    out.push_str(rest);
    out
}

impl fmt::Debug for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("Null"),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Number(n) => write!(f, "{n}"),
            Value::String(s) if holds_private_key(s) => f.write_str(PRIVATE_KEY_REDACTED),
            Value::String(s) => write!(f, "{s:?}"),
            Value::List(l) => f.debug_list().entries(l).finish(),
            Value::Map(m) => f.debug_map().entries(m).finish(),
            Value::Ref(r) => write!(f, "Ref({r:?})"),
            Value::GetAtt(r, a) => write!(f, "GetAtt({r:?}, {a})"),
            Value::RefName(n) => write!(f, "Ref({n})"),
            Value::Join(d, parts) => f.debug_tuple("Join").field(d).field(parts).finish(),
            Value::Intrinsic(n, a) => write!(f, "Fn::{n}({a:?})"),
        }
    }
}

impl Default for Value {
    /// `Null`: unset.
    fn default() -> Self {
        Value::Null
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Self {
        Value::String(s.to_owned())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Self {
        Value::String(s)
    }
}
impl From<&String> for Value {
    fn from(s: &String) -> Self {
        Value::String(s.clone())
    }
}
impl From<bool> for Value {
    fn from(b: bool) -> Self {
        Value::Bool(b)
    }
}
macro_rules! from_int {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Self { Value::Number(n.into()) }
        }
    )*};
}
from_int!(i8, i16, i32, i64, u8, u16, u32, u64, usize, isize);
impl From<f64> for Value {
    /// A whole number is written without a fraction, as JavaScript writes it; a
    /// non-finite float (NaN, infinity) has no JSON form and becomes `Null`.
    fn from(n: f64) -> Self {
        match number_json(n) {
            serde_json::Value::Number(n) => Value::Number(n),
            _ => Value::Null,
        }
    }
}

/// A float as JSON the way JavaScript writes it: whole numbers without a fraction.
pub(crate) fn number_json(n: f64) -> serde_json::Value {
    const MAX_SAFE: f64 = 9_007_199_254_740_991.0;
    if n.fract() == 0.0 && n.abs() <= MAX_SAFE {
        return serde_json::Value::Number((n as i64).into());
    }
    serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
}
impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Self {
        Value::List(items.into_iter().map(Into::into).collect())
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Self {
        v.map_or(Value::Null, Into::into)
    }
}
impl From<serde_json::Value> for Value {
    fn from(v: serde_json::Value) -> Self {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(n),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(a) => Value::List(a.into_iter().map(Value::from).collect()),
            serde_json::Value::Object(o) => {
                Value::Map(o.into_iter().map(|(k, v)| (k, Value::from(v))).collect())
            }
        }
    }
}

/// Constructors for CloudFormation intrinsic functions (the CDK's `Fn` class).
#[derive(Debug)]
pub struct Fn;

impl Fn {
    /// `Fn::Join`: joins the values with a delimiter. Literal neighbours are merged and
    /// nested joins with the same delimiter are flattened, so an all-literal join is a
    /// plain string, exactly as the CDK renders it.
    pub fn join(delimiter: &str, parts: impl IntoIterator<Item = Value>) -> Value {
        let mut out: Vec<Value> = Vec::new();
        for part in parts {
            push_join_part(&mut out, delimiter, part);
        }
        match out.len() {
            0 => Value::String(String::new()),
            1 => out.pop().unwrap_or(Value::Null),
            _ => Value::Join(delimiter.to_owned(), out),
        }
    }

    /// `Fn::ImportValue` of an export name.
    pub fn import_value(name: impl Into<Value>) -> Value {
        Value::Intrinsic("ImportValue".into(), Box::new(name.into()))
    }

    /// `Fn::Select`: picks an element of a list. Literal lists are picked from at
    /// synthesis time, as the CDK does.
    pub fn select(index: usize, list: impl Into<Value>) -> Value {
        match list.into() {
            Value::List(items) if items.iter().all(Value::is_literal) && index < items.len() => {
                items.into_iter().nth(index).unwrap_or(Value::Null)
            }
            other => Value::Intrinsic(
                "Select".into(),
                Box::new(Value::List(vec![index.into(), other])),
            ),
        }
    }

    /// `Fn::Split`: splits a string. A literal string is split at synthesis time.
    pub fn split(delimiter: &str, source: impl Into<Value>) -> Value {
        match source.into() {
            Value::String(s) => Value::List(
                s.split(delimiter)
                    .map(|p| Value::String(p.into()))
                    .collect(),
            ),
            other => Value::Intrinsic(
                "Split".into(),
                Box::new(Value::List(vec![delimiter.into(), other])),
            ),
        }
    }

    /// `Fn::Sub` with a template string and optional variables.
    pub fn sub(template: &str, variables: Option<IndexMap<String, Value>>) -> Value {
        let arg = match variables {
            None => Value::String(template.into()),
            Some(vars) => Value::List(vec![template.into(), Value::Map(vars)]),
        };
        Value::Intrinsic("Sub".into(), Box::new(arg))
    }

    /// `Fn::Base64` of a value.
    pub fn base64(value: impl Into<Value>) -> Value {
        Value::Intrinsic("Base64".into(), Box::new(value.into()))
    }

    /// `{"Ref": name}` for a pseudo parameter or a hand-written logical ID.
    pub fn ref_name(name: &str) -> Value {
        Value::RefName(name.into())
    }
}

fn push_join_part(out: &mut Vec<Value>, delimiter: &str, part: Value) {
    // Literal numbers and booleans join as their text, as in the CDK.
    let part = match part {
        Value::Number(n) => Value::String(n.to_string()),
        Value::Bool(b) => Value::String(b.to_string()),
        other => other,
    };
    match part {
        Value::Join(d, inner) if d == delimiter => {
            for p in inner {
                push_join_part(out, delimiter, p);
            }
        }
        Value::String(s) => {
            if let Some(Value::String(prev)) = out.last_mut() {
                prev.push_str(delimiter);
                prev.push_str(&s);
            } else {
                out.push(Value::String(s));
            }
        }
        other => out.push(other),
    }
}

/// CloudFormation pseudo parameters (`AWS::Region` and friends).
#[derive(Debug)]
pub struct Aws;

impl Aws {
    /// `{"Ref": "AWS::AccountId"}`.
    pub fn account_id() -> Value {
        Fn::ref_name("AWS::AccountId")
    }
    /// `{"Ref": "AWS::Region"}`.
    pub fn region() -> Value {
        Fn::ref_name("AWS::Region")
    }
    /// `{"Ref": "AWS::Partition"}`.
    pub fn partition() -> Value {
        Fn::ref_name("AWS::Partition")
    }
    /// `{"Ref": "AWS::StackName"}`.
    pub fn stack_name() -> Value {
        Fn::ref_name("AWS::StackName")
    }
    /// `{"Ref": "AWS::StackId"}`.
    pub fn stack_id() -> Value {
        Fn::ref_name("AWS::StackId")
    }
    /// `{"Ref": "AWS::URLSuffix"}`.
    pub fn url_suffix() -> Value {
        Fn::ref_name("AWS::URLSuffix")
    }
    /// `{"Ref": "AWS::NoValue"}`: removes the property it is assigned to.
    pub fn no_value() -> Value {
        Fn::ref_name("AWS::NoValue")
    }
    /// `{"Ref": "AWS::NotificationARNs"}`.
    pub fn notification_arns() -> Value {
        Fn::ref_name("AWS::NotificationARNs")
    }
}

#[cfg(test)]
mod redaction_tests {
    use super::redact_private_keys;

    #[test]
    fn key_bodies_are_replaced_and_mentions_kept() {
        let key = "-----BEGIN EC PRIVATE KEY-----\nMHcCAQEE\n-----END EC PRIVATE KEY-----\n";
        assert_eq!(
            redact_private_keys(format!("got: '{key}' (rule)")),
            "got: '<a private key, not shown>\n' (rule)"
        );
        let mention = "it is a private key (-----BEGIN EC PRIVATE KEY-----); give the public key";
        assert_eq!(redact_private_keys(mention.into()), mention);
        assert_eq!(
            redact_private_keys("x -----BEGIN PRIVATE KEY-----\nMIG2 cut".into()),
            "x <a private key, not shown>"
        );
    }
}
