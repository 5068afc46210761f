//! CloudFormation elements: resources (the L1 layer's base), outputs, parameters,
//! conditions and rules.

use std::any::Any;
use std::fmt;

use indexmap::IndexMap;

use crate::error::Severity;
use crate::tags::{CfnTag, TagManager};
use crate::tree::{Construct, ElementRef, Node, NodeKind};
use crate::validate::Findings;
use crate::value::Value;

/// The typed properties of one CloudFormation resource type: what every L1 props
/// struct implements (the generated ones and hand-written ones alike).
pub trait CfnProps: Any {
    /// The CloudFormation type, e.g. `AWS::IVS::Channel`.
    fn cfn_type(&self) -> &'static str;
    /// Whether the type has a `Tags` property managed by [`Tags`](crate::Tags).
    fn taggable(&self) -> bool {
        false
    }
    /// Tags given in the props (applied with priority 50, below `Tags::of`).
    fn initial_tags(&self) -> Vec<CfnTag> {
        Vec::new()
    }
    /// The properties in template order, CloudFormation names, *without* `Tags`
    /// (rendered from the tag manager). Unset properties are left out.
    fn render(&self) -> IndexMap<String, Value>;
    /// Calls `f` with every property of [`render`](Self::render), in the same order,
    /// without building a map (generated types borrow their values). The default
    /// renders.
    fn for_each_property(&self, f: &mut dyn FnMut(&str, &Value)) {
        for (k, v) in &self.render() {
            f(k, v);
        }
    }
    /// Checks every constraint of the type's schema on the literal values.
    fn validate(&self, findings: &mut Findings) {
        let _ = findings;
    }
    /// Checks the final properties, after escape-hatch overrides were merged in
    /// (references appear in their JSON form, e.g. `{"Ref": "Id"}`). Called instead of
    /// [`validate`](Self::validate) for resources with overrides; the default checks the
    /// typed props only.
    fn validate_final(&self, properties: &Value, findings: &mut Findings) {
        let _ = properties;
        self.validate(findings);
    }
    /// Upcast for typed access through [`CfnResource::update_props`].
    fn as_any(&self) -> &dyn Any;
    /// Upcast for typed access through [`CfnResource::update_props`].
    fn as_any_mut(&mut self) -> &mut dyn Any;
}

/// Untyped properties: a CloudFormation type name and a property map.
#[derive(Debug, Clone, Default)]
pub struct RawProps {
    /// The CloudFormation type.
    pub cfn_type: String,
    /// The properties, in the order they will be rendered.
    pub properties: IndexMap<String, Value>,
}

impl CfnProps for RawProps {
    fn cfn_type(&self) -> &'static str {
        // Raw resources carry their type in the resource data instead.
        ""
    }
    fn render(&self) -> IndexMap<String, Value> {
        self.properties.clone()
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn Any {
        self
    }
}

/// What happens to a resource when it leaves the stack or is replaced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RemovalPolicy {
    /// Delete the resource (`Delete`).
    Destroy,
    /// Keep the resource in the account (`Retain`).
    Retain,
    /// Keep it, except when the creation itself failed (`RetainExceptOnCreate`).
    RetainOnUpdateOrDelete,
    /// Take a snapshot before deleting (`Snapshot`); not supported by IVS types.
    Snapshot,
}

impl RemovalPolicy {
    pub(crate) fn deletion_policy(self) -> &'static str {
        match self {
            RemovalPolicy::Destroy => "Delete",
            RemovalPolicy::Retain => "Retain",
            RemovalPolicy::RetainOnUpdateOrDelete => "RetainExceptOnCreate",
            RemovalPolicy::Snapshot => "Snapshot",
        }
    }
    pub(crate) fn update_replace_policy(self) -> &'static str {
        match self {
            RemovalPolicy::Destroy => "Delete",
            RemovalPolicy::Retain | RemovalPolicy::RetainOnUpdateOrDelete => "Retain",
            RemovalPolicy::Snapshot => "Snapshot",
        }
    }
}

pub(crate) struct ResourceData {
    pub cfn_type: std::borrow::Cow<'static, str>,
    pub props: Box<dyn CfnProps>,
    pub overrides: Vec<(Vec<String>, Option<Value>)>,
    pub depends_on: Vec<usize>,
    pub removal: Option<(RemovalPolicy, bool)>,
    pub condition: Option<ElementRef>,
    /// `Metadata` entries in insertion order (a list: most resources have none).
    pub metadata: Vec<(String, Value)>,
    pub creation_policy: Option<Box<Value>>,
    pub update_policy: Option<Box<Value>>,
    pub tags: Option<TagManager>,
}

pub(crate) struct OutputData {
    pub value: Option<Value>,
    pub description: Option<String>,
    pub export_name: Option<Value>,
    pub condition: Option<ElementRef>,
}

/// The settings of a [`CfnParameter`] (its entry in the template's `Parameters`).
#[derive(Debug, Clone, Default)]
pub struct CfnParameterProps {
    /// The parameter type; `String` when unset.
    pub r#type: Option<String>,
    /// The default value.
    pub default: Option<Value>,
    /// A regular expression the value must match.
    pub allowed_pattern: Option<String>,
    /// The values allowed.
    pub allowed_values: Option<Vec<String>>,
    /// The message shown when a constraint fails.
    pub constraint_description: Option<String>,
    /// A description.
    pub description: Option<String>,
    /// The longest string allowed.
    pub max_length: Option<u64>,
    /// The largest number allowed.
    pub max_value: Option<f64>,
    /// The shortest string allowed.
    pub min_length: Option<u64>,
    /// The smallest number allowed.
    pub min_value: Option<f64>,
    /// Whether CloudFormation masks the value in its console and API.
    pub no_echo: Option<bool>,
}

pub(crate) enum ElementKind {
    Resource(ResourceData),
    Output(OutputData),
    Parameter(CfnParameterProps),
    Condition(Value),
    Rule(Value),
}

pub(crate) struct ElementData {
    pub kind: ElementKind,
    pub logical_id_override: Option<String>,
}

fn add_element(scope: &impl Construct, id: &str, kind: ElementKind, fqn: &'static str) -> Node {
    let is_resource = matches!(kind, ElementKind::Resource(_));
    let node = scope.node().add_child(
        id,
        NodeKind::Element(Box::new(ElementData {
            kind,
            logical_id_override: None,
        })),
        fqn,
    );
    if node.stack().is_none() {
        let what = if is_resource { "resource" } else { "element" };
        node.annotate(
            Severity::Error,
            "outside-stack",
            None,
            format!(
                "the CloudFormation {what} '{}' is not inside any stack; create it under a Stack",
                node.path()
            ),
        );
    }
    node
}

/// A CloudFormation resource: the base of every L1 type, with the CDK's escape hatches.
///
/// Typed L1 types (`CfnChannel`, ...) dereference to this type. It can also declare a
/// resource of any type with untyped properties:
///
/// ```
/// use ivs_cdk_core::{App, CfnResource, Stack, Value};
/// use indexmap::IndexMap;
/// let app = App::new();
/// let stack = Stack::new(&app, "S");
/// let mut props = IndexMap::new();
/// props.insert("TopicName".to_owned(), Value::from("alerts"));
/// let topic = CfnResource::new(&stack, "Topic", "AWS::SNS::Topic", props);
/// topic.add_property_override("DisplayName", "Alerts");
/// ```
#[derive(Clone)]
pub struct CfnResource {
    node: Node,
}

impl fmt::Debug for CfnResource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CfnResource({:?})", self.node.path())
    }
}

impl Construct for CfnResource {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl CfnResource {
    /// A resource of any type with untyped properties.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        cfn_type: &str,
        properties: IndexMap<String, Value>,
    ) -> CfnResource {
        Self::with_props(
            scope,
            id,
            cfn_type.to_owned(),
            Box::new(RawProps {
                cfn_type: cfn_type.to_owned(),
                properties,
            }),
            "aws-cdk-lib.CfnResource",
        )
    }

    /// A resource with typed properties (what generated L1 constructors call).
    pub fn with_props(
        scope: &impl Construct,
        id: &str,
        cfn_type: impl Into<std::borrow::Cow<'static, str>>,
        props: Box<dyn CfnProps>,
        fqn: &'static str,
    ) -> CfnResource {
        let tags = if props.taggable() {
            let mut tm = TagManager::default();
            for t in props.initial_tags() {
                tm.set(t.key, Some(t.value), 50);
            }
            Some(tm)
        } else {
            None
        };
        let node = add_element(
            scope,
            id,
            ElementKind::Resource(ResourceData {
                cfn_type: cfn_type.into(),
                props,
                overrides: Vec::new(),
                depends_on: Vec::new(),
                removal: None,
                condition: None,
                metadata: Vec::new(),
                creation_policy: None,
                update_policy: None,
                tags,
            }),
            fqn,
        );
        CfnResource { node }
    }

    /// Wraps a node that is a resource (e.g. `channel.node().default_child()`).
    pub fn from_node(node: &Node) -> Option<CfnResource> {
        node.cfn_type().map(|_| CfnResource { node: node.clone() })
    }

    fn with_data<R>(&self, f: impl FnOnce(&mut ResourceData) -> R) -> R {
        let mut tree = self.node.borrow_mut();
        match tree.element_mut(self.node.id).map(|e| &mut e.kind) {
            Some(ElementKind::Resource(r)) => f(r),
            // A CfnResource handle is only ever made for resource nodes.
            _ => unreachable!("CfnResource handle on a node that is not a resource"),
        }
    }

    /// The CloudFormation type.
    pub fn cfn_type(&self) -> String {
        self.with_data(|r| r.cfn_type.to_string())
    }

    /// `{"Ref": <logical id>}`; for every IVS type this is the ARN.
    pub fn cfn_ref(&self) -> Value {
        self.node.ref_value()
    }

    /// `{"Fn::GetAtt": [<logical id>, attribute]}`.
    pub fn get_att(&self, attribute: &str) -> Value {
        Value::GetAtt(self.node.element_ref(), attribute.to_owned())
    }

    /// Reads or changes the typed props in place (the escape hatch for L2 constructs):
    /// returns `None` when the props are not of type `P`.
    pub fn update_props<P: CfnProps, R>(&self, f: impl FnOnce(&mut P) -> R) -> Option<R> {
        // The props are taken out of the tree while `f` runs, so that `f` may use other
        // constructs of the app (e.g. read an attribute) without a borrow conflict.
        let mut props: Box<dyn CfnProps> =
            self.with_data(|r| std::mem::replace(&mut r.props, Box::new(RawProps::default())));
        self.node.borrow_mut().updating += 1;
        let result = props.as_any_mut().downcast_mut::<P>().map(f);
        self.node.borrow_mut().updating -= 1;
        self.with_data(|r| r.props = props);
        result
    }

    /// Overrides a property by its dotted CloudFormation path (`Properties.` is
    /// implied), deep-merged over the rendered properties.
    pub fn add_property_override(&self, path: &str, value: impl Into<Value>) {
        self.add_override(&format!("Properties.{path}"), value);
    }

    /// Removes a property by its dotted path.
    pub fn add_property_deletion_override(&self, path: &str) {
        self.push_override(&format!("Properties.{path}"), None);
    }

    /// Overrides any part of the resource entry by dotted path (`Metadata.Note`,
    /// `DeletionPolicy`, `Properties.Name`). A literal dot in a key is written `\.`.
    pub fn add_override(&self, path: &str, value: impl Into<Value>) {
        self.push_override(path, Some(value.into()));
    }

    /// Removes any part of the resource entry by dotted path.
    pub fn add_deletion_override(&self, path: &str) {
        self.push_override(path, None);
    }

    fn push_override(&self, path: &str, value: Option<Value>) {
        let parts = split_override_path(path);
        self.with_data(|r| r.overrides.push((parts, value)));
    }

    /// Makes this resource depend on every resource in `target` (rendered as
    /// `DependsOn`; across stacks it becomes a stack dependency).
    pub fn add_dependency(&self, target: &impl Construct) {
        let target = target.node().id;
        self.with_data(|r| {
            if !r.depends_on.contains(&target) {
                r.depends_on.push(target)
            }
        });
    }

    /// Sets what happens to the resource when it is deleted or replaced.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.apply_removal_policy_with(policy, true);
    }

    /// Like [`apply_removal_policy`](Self::apply_removal_policy); with
    /// `apply_to_update_replace_policy: false` only `DeletionPolicy` is set.
    pub fn apply_removal_policy_with(&self, policy: RemovalPolicy, apply_to_update_replace: bool) {
        self.with_data(|r| r.removal = Some((policy, apply_to_update_replace)));
        if policy == RemovalPolicy::Snapshot && self.cfn_type().starts_with("AWS::IVS") {
            self.node.annotate(
                Severity::Warning,
                "snapshot-removal-policy",
                None,
                format!(
                    "{} does not support snapshots; the Snapshot removal policy will make CloudFormation fail to delete it. Use Retain or Destroy",
                    self.cfn_type()
                ),
            );
        }
    }

    /// Creates the resource only when the condition is true.
    pub fn set_condition(&self, condition: &CfnCondition) {
        let c = condition.node.element_ref();
        self.with_data(|r| r.condition = Some(c));
    }

    /// Adds an entry to the resource's `Metadata`.
    pub fn add_metadata(&self, key: &str, value: impl Into<Value>) {
        let v = value.into();
        self.with_data(|r| match r.metadata.iter_mut().find(|(k, _)| k == key) {
            Some(entry) => entry.1 = v,
            None => r.metadata.push((key.to_owned(), v)),
        });
    }

    /// Sets the `CreationPolicy`.
    pub fn set_creation_policy(&self, policy: impl Into<Value>) {
        let v = policy.into();
        self.with_data(|r| r.creation_policy = Some(Box::new(v)));
    }

    /// Sets the `UpdatePolicy`.
    pub fn set_update_policy(&self, policy: impl Into<Value>) {
        let v = policy.into();
        self.with_data(|r| r.update_policy = Some(Box::new(v)));
    }

    /// Replaces the computed logical ID with this one.
    pub fn override_logical_id(&self, logical_id: &str) {
        override_logical_id(&self.node, logical_id);
    }
}

fn override_logical_id(node: &Node, logical_id: &str) {
    if let Some(e) = node.borrow_mut().element_mut(node.id) {
        e.logical_id_override = Some(logical_id.to_owned());
    }
}

fn split_override_path(path: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut cur = String::new();
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'.') => {
                cur.push('.');
                chars.next();
            }
            '.' => parts.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    parts.push(cur);
    parts
}

/// The settings of a [`CfnOutput`].
#[derive(Debug, Clone, Default)]
pub struct CfnOutputProps {
    /// The value (required).
    pub value: Option<Value>,
    /// A description.
    pub description: Option<String>,
    /// The name to export the value under, for `Fn::ImportValue` in other stacks.
    pub export_name: Option<Value>,
    /// Output only when this condition is true.
    pub condition: Option<CfnCondition>,
}

/// A stack output (`Outputs` section).
///
/// ```
/// use ivs_cdk_core::{App, CfnOutput, CfnOutputProps, Stack};
/// let app = App::new();
/// let stack = Stack::new(&app, "S");
/// CfnOutput::new(&stack, "Greeting", CfnOutputProps { value: Some("hello".into()), ..Default::default() });
/// ```
#[derive(Clone, Debug)]
pub struct CfnOutput {
    node: Node,
}

impl Construct for CfnOutput {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl CfnOutput {
    /// A new output.
    pub fn new(scope: &impl Construct, id: &str, props: CfnOutputProps) -> CfnOutput {
        let has_value = !matches!(props.value, None | Some(Value::Null));
        let node = add_element(
            scope,
            id,
            ElementKind::Output(OutputData {
                value: props.value,
                description: props.description,
                export_name: props.export_name,
                condition: props.condition.map(|c| c.node.element_ref()),
            }),
            "aws-cdk-lib.CfnOutput",
        );
        if !has_value {
            node.annotate(
                Severity::Error,
                "output-value-required",
                Some("Value"),
                format!("the output '{}' has no value; give it a value", node.path()),
            );
        }
        CfnOutput { node }
    }

    /// Replaces the computed logical ID (the output's key) with this one.
    pub fn override_logical_id(&self, logical_id: &str) {
        override_logical_id(&self.node, logical_id);
    }

    /// `{"Fn::ImportValue": <export name>}` for use in another stack.
    pub fn import_value(&self) -> Value {
        let tree = self.node.borrow();
        match tree.element(self.node.id).map(|e| &e.kind) {
            Some(ElementKind::Output(o)) => match &o.export_name {
                Some(name) => crate::Fn::import_value(name.clone()),
                None => Value::Null,
            },
            _ => Value::Null,
        }
    }
}

/// A template parameter (`Parameters` section).
#[derive(Clone, Debug)]
pub struct CfnParameter {
    node: Node,
}

impl Construct for CfnParameter {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl CfnParameter {
    /// A new parameter.
    pub fn new(scope: &impl Construct, id: &str, props: CfnParameterProps) -> CfnParameter {
        let node = add_element(
            scope,
            id,
            ElementKind::Parameter(props),
            "aws-cdk-lib.CfnParameter",
        );
        CfnParameter { node }
    }

    /// The parameter's value as a string (`{"Ref": <logical id>}`).
    pub fn value_as_string(&self) -> Value {
        self.node.ref_value()
    }

    /// The parameter's value (`{"Ref": <logical id>}`), for numbers and lists too.
    pub fn value(&self) -> Value {
        self.node.ref_value()
    }
}

/// A template condition (`Conditions` section).
#[derive(Clone, Debug)]
pub struct CfnCondition {
    node: Node,
}

impl Construct for CfnCondition {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl CfnCondition {
    /// A new condition from its expression (e.g. an `Fn::Equals` intrinsic).
    pub fn new(scope: &impl Construct, id: &str, expression: Value) -> CfnCondition {
        let node = add_element(
            scope,
            id,
            ElementKind::Condition(expression),
            "aws-cdk-lib.CfnCondition",
        );
        CfnCondition { node }
    }
}

/// A template rule (`Rules` section), given as its whole JSON body.
#[derive(Clone, Debug)]
pub struct CfnRule {
    node: Node,
}

impl Construct for CfnRule {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl CfnRule {
    /// A new rule; `body` is the object with `RuleCondition` and `Assertions`.
    pub fn new(scope: &impl Construct, id: &str, body: Value) -> CfnRule {
        let node = add_element(scope, id, ElementKind::Rule(body), "aws-cdk-lib.CfnRule");
        CfnRule { node }
    }
}

#[cfg(test)]
mod tests {
    use super::split_override_path;

    #[test]
    fn override_paths_split_on_unescaped_dots() {
        assert_eq!(
            split_override_path("Metadata.Note"),
            vec!["Metadata", "Note"]
        );
        assert_eq!(split_override_path("A\\.B.C"), vec!["A.B", "C"]);
    }
}
