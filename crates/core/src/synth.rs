//! Synthesis: prepare (tags, cross-stack references, synthesizer elements) → validate
//! → resolve → render. Everything happens in memory; [`crate::assembly`] writes it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

use crate::app::{PATH_METADATA_CONTEXT, STACK_RESOURCE_LIMIT_CONTEXT, STRICT_CONTEXT};
use crate::element::{CfnParameterProps, ElementKind};
use crate::error::{Error, Problem, Severity};
use crate::json::JsonWriter;
use crate::names;
use crate::stack::Synthesizer;
use crate::tags::{locale_compare, TagManager};
use crate::tree::{ElementRef, Node, NodeId, NodeKind, Tree};
use crate::value::Value;

/// The cloud-assembly schema version written to every manifest.
pub const ASSEMBLY_VERSION: &str = "55.0.0";
/// The oldest `cdk` CLI that reads the assembly (as `aws-cdk-lib` 2.276.0 writes it).
pub const MINIMUM_CLI_VERSION: &str = "2.1148.2";
const QUALIFIER: &str = "hnb659fds";
const BOOTSTRAP_VERSION: u32 = 6;
const LOOKUP_ROLE_BOOTSTRAP_VERSION: u32 = 8;
const DEFAULT_RESOURCE_LIMIT: u64 = 500;

/// One rendered stack of a [`RenderedAssembly`].
#[derive(Debug, Clone)]
pub struct RenderedStack {
    /// The artifact id (`cdk ls` shows it; the template file is `<id>.template.json`).
    pub artifact_id: String,
    /// The CloudFormation stack name.
    pub stack_name: String,
    /// The construct path of the stack.
    pub display_name: String,
    /// `aws://<account>/<region>` with `unknown-account` / `unknown-region`.
    pub environment: String,
    /// The template file's exact bytes.
    pub template: String,
    /// The asset manifest's bytes (not for the legacy synthesizer).
    pub assets: Option<String>,
    /// The stack artifact for `manifest.json`.
    pub artifact: Json,
    /// The asset-manifest artifact for `manifest.json`.
    pub assets_artifact: Option<Json>,
    /// The metadata file's bytes (`<id>.metadata.json`).
    pub metadata: String,
    /// Number of resources in the template.
    pub resource_count: usize,
    /// Number of outputs in the template.
    pub output_count: usize,
}

/// A whole cloud assembly rendered in memory.
#[derive(Debug, Clone)]
pub struct RenderedAssembly {
    /// The stacks, in construct-tree order.
    pub stacks: Vec<RenderedStack>,
    /// `manifest.json`.
    pub manifest: String,
    /// `tree.json`.
    pub tree: String,
    /// Warnings and infos of the app (errors make synthesis fail instead).
    pub warnings: Vec<Problem>,
}

/// What a successful [`App::synth`](crate::App::synth) wrote.
#[derive(Debug, Clone)]
pub struct Assembly {
    /// The folder written.
    pub outdir: PathBuf,
    /// One summary per stack.
    pub stacks: Vec<StackSummary>,
    /// Warnings and infos (also written to the stacks' metadata for the `cdk` CLI).
    pub warnings: Vec<Problem>,
}

/// A stack of a written [`Assembly`].
#[derive(Debug, Clone)]
pub struct StackSummary {
    /// The artifact id.
    pub artifact_id: String,
    /// The CloudFormation stack name.
    pub stack_name: String,
    /// The template file name inside the output folder.
    pub template_file: String,
    /// Number of resources.
    pub resource_count: usize,
    /// Number of outputs.
    pub output_count: usize,
}

impl Assembly {
    /// A short human-readable summary: stacks, resources and outputs per stack,
    /// warnings, and the output folder.
    pub fn report(&self) -> String {
        let mut out = String::new();
        for s in &self.stacks {
            out.push_str(&format!(
                "stack {}: {} resource{}, {} output{} -> {}\n",
                s.artifact_id,
                s.resource_count,
                if s.resource_count == 1 { "" } else { "s" },
                s.output_count,
                if s.output_count == 1 { "" } else { "s" },
                s.template_file
            ));
        }
        for w in &self.warnings {
            let label = if w.severity == Severity::Warning {
                "warning"
            } else {
                "info"
            };
            out.push_str(&format!("{label}: {w}\n"));
        }
        out.push_str(&format!(
            "cloud assembly written to {}\n",
            self.outdir.display()
        ));
        out
    }
}

impl RenderedAssembly {
    /// Writes the assembly into `outdir` atomically (see [`App::synth`](crate::App::synth)).
    pub fn write_to(&self, outdir: &std::path::Path) -> Result<Assembly, Error> {
        crate::assembly::write(outdir, self)?;
        Ok(self.summary(outdir.to_path_buf()))
    }

    pub(crate) fn summary(&self, outdir: PathBuf) -> Assembly {
        Assembly {
            outdir,
            stacks: self
                .stacks
                .iter()
                .map(|s| StackSummary {
                    artifact_id: s.artifact_id.clone(),
                    stack_name: s.stack_name.clone(),
                    template_file: format!("{}.template.json", s.artifact_id),
                    resource_count: s.resource_count,
                    output_count: s.output_count,
                })
                .collect(),
            warnings: self.warnings.clone(),
        }
    }
}

/// Serializes JSON as `JSON.stringify(value, null, indent)` does.
pub(crate) fn to_json(value: &Json, indent: &[u8]) -> String {
    use serde::Serialize;
    let mut buf = Vec::with_capacity(1024);
    let fmt = serde_json::ser::PrettyFormatter::with_indent(indent);
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    // Serializing a `serde_json::Value` into memory cannot fail.
    let _ = value.serialize(&mut ser);
    String::from_utf8(buf).unwrap_or_default()
}

/// A map keyed by node index, stored densely (node ids are small consecutive numbers).
struct NodeMap<V>(Vec<Option<V>>);

impl<V> Default for NodeMap<V> {
    fn default() -> Self {
        NodeMap(Vec::new())
    }
}

impl<V> NodeMap<V> {
    fn get(&self, n: &NodeId) -> Option<&V> {
        self.0.get(*n).and_then(Option::as_ref)
    }
    fn insert(&mut self, n: NodeId, v: V) {
        if self.0.len() <= n {
            self.0.resize_with(n + 1, || None);
        }
        self.0[n] = Some(v);
    }
}

enum Target<'c> {
    Local(&'c str),
    Import(&'c str),
    Missing,
}

struct Ctx {
    app_id: u64,
    lids: NodeMap<String>,
    /// (producer element, attribute or None for Ref) → export name.
    exports: HashMap<(NodeId, Option<String>), String>,
    problems: Vec<Problem>,
}

pub(crate) fn synthesize(root: &Node) -> Result<RenderedAssembly, Error> {
    let mut tree = root.borrow_mut();
    tree.locked = true;
    let tree: &mut Tree = &mut tree;

    let stacks: Vec<NodeId> = tree
        .dfs(0)
        .into_iter()
        .filter(|n| matches!(tree.nodes[*n].kind, NodeKind::Stack(_)))
        .collect();

    // Render the typed props once; validation, reference scanning and rendering use it.
    let mut props: NodeMap<IndexMap<String, Value>> = NodeMap::default();
    let mut overrides_values: NodeMap<Vec<Value>> = NodeMap::default();
    for n in tree.dfs(0) {
        if let Some(e) = tree.element(n) {
            if let ElementKind::Resource(r) = &e.kind {
                props.insert(n, r.props.render());
                let ov: Vec<Value> = r.overrides.iter().filter_map(|(_, v)| v.clone()).collect();
                if !ov.is_empty() {
                    overrides_values.insert(n, ov);
                }
            }
        }
    }

    let tags = apply_tags(tree);

    // Cross-stack references become exports in the producer and imports in the consumer.
    let mut ctx = Ctx {
        app_id: tree.app_id,
        lids: NodeMap::default(),
        exports: HashMap::new(),
        problems: Vec::new(),
    };
    let mut stack_deps: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for &s in &stacks {
        let deps = tree
            .stack_data(s)
            .map(|d| d.dependencies.clone())
            .unwrap_or_default();
        stack_deps.insert(s, deps);
    }
    create_exports(
        tree,
        &stacks,
        &props,
        &overrides_values,
        &tags,
        &mut ctx,
        &mut stack_deps,
    );
    add_synthesizer_elements(tree, &stacks);

    // Logical IDs.
    for &s in &stacks {
        let mut seen: HashMap<String, NodeId> = HashMap::new();
        for n in stack_elements(tree, s) {
            let lid = match tree.element(n).and_then(|e| e.logical_id_override.clone()) {
                Some(o) => {
                    if !names::is_valid_logical_id(&o) {
                        tree.annotate(
                            n,
                            Severity::Error,
                            "logical-id-pattern",
                            None,
                            format!("the logical ID '{o}' is invalid: it must be 1 to 255 letters and digits (^[A-Za-z0-9]{{1,255}}$)"),
                        );
                    }
                    o
                }
                None => {
                    let ids = tree.ids_below(s, n);
                    match names::make_unique_id(&ids) {
                        Ok(l) => l,
                        Err(_) => {
                            tree.annotate(n, Severity::Error, "logical-id-empty", None, "cannot make a logical ID: every id on the path below the stack is 'Default'".into());
                            String::new()
                        }
                    }
                }
            };
            if lid.is_empty() {
                continue;
            }
            if let Some(prev) = seen.get(&lid) {
                let prev_path = tree.nodes[*prev].path.clone();
                let path = tree.nodes[n].path.clone();
                tree.annotate(
                    n,
                    Severity::Error,
                    "duplicate-logical-id",
                    None,
                    format!("'{path}' and '{prev_path}' both have the logical ID '{lid}'; give one of them another id or logical ID"),
                );
            } else {
                seen.insert(lid.clone(), n);
            }
            ctx.lids.insert(n, lid);
        }
    }

    // Validation of typed props and per-stack limits.
    validate(tree, &stacks, &stack_deps);

    // Render templates (resolution problems are collected too).
    let path_metadata = tree.context_flag(PATH_METADATA_CONTEXT);
    let mut templates = Vec::new();
    for &s in &stacks {
        templates.push(render_template(
            tree,
            s,
            &props,
            &tags,
            &mut ctx,
            path_metadata,
        ));
    }
    for p in std::mem::take(&mut ctx.problems) {
        let node = tree
            .nodes
            .iter()
            .position(|d| d.path == p.path && d.attached)
            .unwrap_or(0);
        tree.annotate(node, p.severity, &p.rule, p.property.as_deref(), p.message);
    }

    let strict = tree.context_flag(STRICT_CONTEXT);
    let all = tree.problems(0);
    let errors: Vec<Problem> = all
        .iter()
        .filter(|p| p.severity == Severity::Error || (strict && p.severity == Severity::Warning))
        .cloned()
        .map(|mut p| {
            p.severity = Severity::Error;
            p
        })
        .collect();
    if !errors.is_empty() {
        return Err(Error::invalid(errors));
    }
    let warnings: Vec<Problem> = all
        .into_iter()
        .filter(|p| p.severity != Severity::Error)
        .collect();

    let mut rendered = Vec::new();
    for (i, &s) in stacks.iter().enumerate() {
        let (template, resource_count, output_count) = std::mem::take(&mut templates[i]);
        rendered.push(render_stack_artifacts(
            tree,
            s,
            template,
            resource_count,
            output_count,
            &stack_deps,
            &tags,
            &ctx,
        ));
    }
    let manifest = render_manifest(&rendered);
    let tree_json = render_tree(tree, &ctx);
    Ok(RenderedAssembly {
        stacks: rendered,
        manifest,
        tree: tree_json,
        warnings,
    })
}

/// The elements of a stack in depth-first pre-order, not entering nested stacks.
fn stack_elements(tree: &Tree, stack: NodeId) -> Vec<NodeId> {
    let mut out = Vec::new();
    let mut todo = vec![stack];
    while let Some(n) = todo.pop() {
        if n != stack && matches!(tree.nodes[n].kind, NodeKind::Stack(_)) {
            continue;
        }
        if tree.element(n).is_some() {
            out.push(n);
        }
        for c in tree.nodes[n].children.iter().rev() {
            todo.push(*c);
        }
    }
    out
}

/// Applies `Tags::of` operations; returns the final tags of every taggable resource and
/// every stack.
fn apply_tags(tree: &Tree) -> NodeMap<TagManager> {
    let mut by_scope: HashMap<NodeId, Vec<usize>> = HashMap::new();
    for (i, op) in tree.tag_ops.iter().enumerate() {
        by_scope.entry(op.scope).or_default().push(i);
    }
    let mut out = NodeMap::default();
    // Iterative DFS keeping the operations active on the current path.
    let mut active: Vec<usize> = Vec::new();
    let mut todo: Vec<(NodeId, bool)> = vec![(0, true)];
    let mut marks: Vec<usize> = Vec::new();
    while let Some((n, enter)) = todo.pop() {
        if !enter {
            let len = marks.pop().unwrap_or(0);
            active.truncate(len);
            continue;
        }
        marks.push(active.len());
        if let Some(ops) = by_scope.get(&n) {
            active.extend(ops.iter().copied());
        }
        let target = match &tree.nodes[n].kind {
            NodeKind::Stack(_) => Some(("aws:cdk:stack".to_owned(), TagManager::default())),
            NodeKind::Element(e) => match &e.kind {
                ElementKind::Resource(r) => r.tags.clone().map(|t| (r.cfn_type.clone(), t)),
                _ => None,
            },
            _ => None,
        };
        if let Some((cfn_type, mut tm)) = target {
            for &i in &active {
                let op = &tree.tag_ops[i];
                if op.applies_to(&cfn_type) {
                    tm.set(op.key.clone(), op.value.clone(), op.priority);
                }
            }
            out.insert(n, tm);
        }
        todo.push((n, false));
        for c in tree.nodes[n].children.iter().rev() {
            todo.push((*c, true));
        }
    }
    out
}

fn element_values<'a>(
    tree: &'a Tree,
    n: NodeId,
    props: &'a NodeMap<IndexMap<String, Value>>,
    overrides: &'a NodeMap<Vec<Value>>,
    tags: &'a NodeMap<TagManager>,
) -> Vec<&'a Value> {
    let mut out: Vec<&Value> = Vec::new();
    match tree.element(n).map(|e| &e.kind) {
        Some(ElementKind::Resource(r)) => {
            if let Some(p) = props.get(&n) {
                out.extend(p.values());
            }
            if let Some(o) = overrides.get(&n) {
                out.extend(o.iter());
            }
            out.extend(r.metadata.values());
            if let Some(tm) = tags.get(&n) {
                out.extend(tm.sorted().into_iter().map(|(_, v)| v));
            }
        }
        Some(ElementKind::Output(o)) => {
            out.extend(o.value.iter());
            out.extend(o.export_name.iter());
        }
        Some(ElementKind::Parameter(p)) => out.extend(p.default.iter()),
        Some(ElementKind::Condition(v)) | Some(ElementKind::Rule(v)) => out.push(v),
        None => {}
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn create_exports(
    tree: &mut Tree,
    stacks: &[NodeId],
    props: &NodeMap<IndexMap<String, Value>>,
    overrides: &NodeMap<Vec<Value>>,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    stack_deps: &mut HashMap<NodeId, Vec<NodeId>>,
) {
    // Collect (consumer stack, consumer element, target element, attribute).
    let mut refs: Vec<(NodeId, NodeId, NodeId, Option<String>)> = Vec::new();
    let mut foreign: Vec<NodeId> = Vec::new();
    for &s in stacks {
        for n in stack_elements(tree, s) {
            for v in element_values(tree, n, props, overrides, tags) {
                v.walk(&mut |x| {
                    let (r, attr) = match x {
                        Value::Ref(r) => (r, None),
                        Value::GetAtt(r, a) => (r, Some(a.clone())),
                        _ => return,
                    };
                    if r.app != ctx.app_id {
                        foreign.push(n);
                        return;
                    }
                    if let Some(target_stack) = tree.nodes.get(r.node).and_then(|d| d.stack) {
                        if target_stack != s {
                            refs.push((s, n, r.node, attr));
                        }
                    }
                });
            }
        }
    }
    for n in foreign {
        tree.annotate(
            n,
            Severity::Error,
            "cross-app-reference",
            None,
            format!(
                "'{}' uses a value of a construct from another App; references work only between stacks of the same app",
                tree.nodes[n].path
            ),
        );
    }
    for (consumer_stack, consumer, target, attr) in refs {
        let producer_stack = match tree.nodes[target].stack {
            Some(p) => p,
            None => continue,
        };
        let (penv, cenv) = match (
            tree.stack_data(producer_stack),
            tree.stack_data(consumer_stack),
        ) {
            (Some(p), Some(c)) => (p.env.clone(), c.env.clone()),
            _ => continue,
        };
        let differs =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
        if differs(&penv.region, &cenv.region) || differs(&penv.account, &cenv.account) {
            let msg = format!(
                "'{}' references '{}' of stack '{}', which is in another environment; cross-environment references are not supported, pass the value in another way (e.g. a parameter)",
                tree.nodes[consumer].path, tree.nodes[target].path, tree.nodes[producer_stack].path
            );
            tree.annotate(
                consumer,
                Severity::Error,
                "cross-environment-reference",
                None,
                msg,
            );
            continue;
        }
        let deps = stack_deps.entry(consumer_stack).or_default();
        if !deps.contains(&producer_stack) {
            deps.push(producer_stack);
        }
        let key = (target, attr.clone());
        if ctx.exports.contains_key(&key) {
            continue;
        }
        let Some(target_lid) = producer_lid(tree, producer_stack, target) else {
            continue;
        };
        let exported = match &attr {
            None => json!({ "Ref": target_lid }),
            Some(a) => json!({ "Fn::GetAtt": [target_lid, a] }),
        };
        let output_id = format!(
            "Output{}",
            serde_json::to_string(&exported).unwrap_or_default()
        );
        let local = names::make_unique_id(&["Exports", &output_id]).unwrap_or_default();
        let stack_name = tree
            .stack_data(producer_stack)
            .map(|d| d.stack_name.clone())
            .unwrap_or_default();
        let prefix = format!("{stack_name}:");
        let keep = 255usize.saturating_sub(prefix.len());
        let local_part = if local.len() > keep {
            &local[local.len() - keep..]
        } else {
            &local[..]
        };
        let export_name = format!("{prefix}{local_part}");
        let was_locked = tree.locked;
        tree.locked = false;
        let exports_group = match tree
            .child_index
            .get(&(producer_stack, "Exports".to_owned()))
        {
            Some(g) => *g,
            None => tree.add(
                producer_stack,
                "Exports",
                NodeKind::Plain,
                "constructs.Construct",
            ),
        };
        let value = match &attr {
            None => Value::Ref(ElementRef {
                app: ctx.app_id,
                node: target,
            }),
            Some(a) => Value::GetAtt(
                ElementRef {
                    app: ctx.app_id,
                    node: target,
                },
                a.clone(),
            ),
        };
        tree.add(
            exports_group,
            &output_id,
            NodeKind::Element(Box::new(crate::element::ElementData {
                kind: ElementKind::Output(crate::element::OutputData {
                    value: Some(value),
                    description: None,
                    export_name: Some(Value::String(export_name.clone())),
                    condition: None,
                }),
                logical_id_override: None,
            })),
            "aws-cdk-lib.CfnOutput",
        );
        tree.locked = was_locked;
        ctx.exports.insert(key, export_name);
    }
}

fn producer_lid(tree: &Tree, stack: NodeId, target: NodeId) -> Option<String> {
    if let Some(o) = tree
        .element(target)
        .and_then(|e| e.logical_id_override.clone())
    {
        return Some(o);
    }
    names::make_unique_id(&tree.ids_below(stack, target)).ok()
}

fn add_synthesizer_elements(tree: &mut Tree, stacks: &[NodeId]) {
    let was_locked = tree.locked;
    tree.locked = false;
    for &s in stacks {
        let synth = tree.stack_data(s).map(|d| d.synthesizer);
        if synth != Some(Synthesizer::Default) {
            continue;
        }
        if tree
            .child_index
            .contains_key(&(s, "BootstrapVersion".to_owned()))
        {
            continue;
        }
        let param = tree.add(
            s,
            "BootstrapVersion",
            NodeKind::Element(Box::new(crate::element::ElementData {
                kind: ElementKind::Parameter(CfnParameterProps {
                    r#type: Some("AWS::SSM::Parameter::Value<String>".into()),
                    default: Some(format!("/cdk-bootstrap/{QUALIFIER}/version").into()),
                    description: Some("Version of the CDK Bootstrap resources in this environment, automatically retrieved from SSM Parameter Store. [cdk:skip]".into()),
                    ..Default::default()
                }),
                logical_id_override: None,
            })),
            "aws-cdk-lib.CfnParameter",
        );
        let app = tree.app_id;
        let old: Vec<Value> = (1..BOOTSTRAP_VERSION)
            .map(|v| Value::String(v.to_string()))
            .collect();
        let assert = Value::Intrinsic(
            "Not".into(),
            Box::new(Value::List(vec![Value::Intrinsic(
                "Contains".into(),
                Box::new(Value::List(vec![
                    Value::List(old),
                    Value::Ref(ElementRef { app, node: param }),
                ])),
            )])),
        );
        let mut assertion = IndexMap::new();
        assertion.insert("Assert".to_owned(), assert);
        assertion.insert(
            "AssertDescription".to_owned(),
            Value::String(format!("CDK bootstrap stack version {BOOTSTRAP_VERSION} required. Please run 'cdk bootstrap' with a recent version of the CDK CLI.")),
        );
        let mut body = IndexMap::new();
        body.insert(
            "Assertions".to_owned(),
            Value::List(vec![Value::Map(assertion)]),
        );
        tree.add(
            s,
            "CheckBootstrapVersion",
            NodeKind::Element(Box::new(crate::element::ElementData {
                kind: ElementKind::Rule(Value::Map(body)),
                logical_id_override: None,
            })),
            "aws-cdk-lib.CfnRule",
        );
    }
    tree.locked = was_locked;
}

fn validate(tree: &mut Tree, stacks: &[NodeId], stack_deps: &HashMap<NodeId, Vec<NodeId>>) {
    // Typed props.
    let mut found: Vec<(NodeId, crate::validate::Finding)> = Vec::new();
    for n in tree.dfs(0) {
        if let Some(ElementKind::Resource(r)) = tree.element(n).map(|e| &e.kind) {
            let mut f = crate::validate::Findings::new();
            r.props.validate(&mut f);
            found.extend(f.into_items().into_iter().map(|i| (n, i)));
        }
    }
    for (n, f) in found {
        tree.annotate(n, f.severity, &f.rule, f.property.as_deref(), f.message);
    }
    // Resource limit.
    let limit = match tree.context_value(0, STACK_RESOURCE_LIMIT_CONTEXT) {
        Some(Json::Number(n)) => n.as_u64().unwrap_or(DEFAULT_RESOURCE_LIMIT),
        Some(Json::String(s)) => s.parse().unwrap_or(DEFAULT_RESOURCE_LIMIT),
        _ => DEFAULT_RESOURCE_LIMIT,
    };
    for &s in stacks {
        let count = stack_elements(tree, s)
            .into_iter()
            .filter(|n| {
                matches!(
                    tree.element(*n).map(|e| &e.kind),
                    Some(ElementKind::Resource(_))
                )
            })
            .count() as u64;
        if limit > 0 && count > limit {
            let path = tree.nodes[s].path.clone();
            tree.annotate(
                s,
                Severity::Error,
                "stack-resource-limit",
                None,
                format!("stack '{path}' has {count} resources, more than the {limit} CloudFormation allows in one stack; split it into several stacks (or set the context '{STACK_RESOURCE_LIMIT_CONTEXT}' if your account's quota is higher)"),
            );
        }
    }
    // Dependency cycles between stacks.
    let mut state: HashMap<NodeId, u8> = HashMap::new();
    for &s in stacks {
        let mut path = Vec::new();
        if let Some(cycle) = find_cycle(s, stack_deps, &mut state, &mut path) {
            // Report each cycle once: its stacks are done.
            for n in path.drain(..).chain(cycle.iter().copied()) {
                state.insert(n, 2);
            }
            let names: Vec<String> = cycle.iter().map(|n| tree.nodes[*n].path.clone()).collect();
            tree.annotate(
                cycle[0],
                Severity::Error,
                "stack-dependency-cycle",
                None,
                format!("stacks depend on each other in a cycle ({}); a stack cannot use a value of a stack that uses one of its own values", names.join(" -> ")),
            );
        }
    }
}

fn find_cycle(
    n: NodeId,
    deps: &HashMap<NodeId, Vec<NodeId>>,
    state: &mut HashMap<NodeId, u8>,
    path: &mut Vec<NodeId>,
) -> Option<Vec<NodeId>> {
    match state.get(&n) {
        Some(2) => return None,
        Some(1) => {
            let start = path.iter().position(|x| *x == n).unwrap_or(0);
            let mut cycle = path[start..].to_vec();
            cycle.push(n);
            return Some(cycle);
        }
        _ => {}
    }
    state.insert(n, 1);
    path.push(n);
    for d in deps.get(&n).into_iter().flatten() {
        if let Some(c) = find_cycle(*d, deps, state, path) {
            return Some(c);
        }
    }
    path.pop();
    state.insert(n, 2);
    None
}

impl Ctx {
    fn resolve(&mut self, tree: &Tree, stack: NodeId, user: NodeId, v: &Value) -> Json {
        match v {
            Value::Null => Json::Null,
            Value::Bool(b) => Json::Bool(*b),
            Value::Number(n) => Json::Number(n.clone()),
            Value::String(s) => Json::String(s.clone()),
            Value::List(items) => Json::Array(
                items
                    .iter()
                    .map(|i| self.resolve(tree, stack, user, i))
                    .filter(|j| !j.is_null())
                    .collect(),
            ),
            Value::Map(map) => {
                let mut out = Map::with_capacity(map.len());
                for (k, v) in map {
                    let j = self.resolve(tree, stack, user, v);
                    if !j.is_null() {
                        out.insert(k.clone(), j);
                    }
                }
                Json::Object(out)
            }
            Value::Ref(r) => self.reference(tree, stack, user, r, None),
            Value::GetAtt(r, a) => self.reference(tree, stack, user, r, Some(a)),
            Value::RefName(n) => json!({ "Ref": n }),
            Value::Join(d, parts) => {
                let resolved: Vec<Json> = parts
                    .iter()
                    .map(|p| self.resolve(tree, stack, user, p))
                    .collect();
                minimal_join(d, resolved)
            }
            Value::Intrinsic(name, arg) => {
                let mut m = Map::new();
                m.insert(format!("Fn::{name}"), self.resolve(tree, stack, user, arg));
                Json::Object(m)
            }
        }
    }

    /// Writes a value straight into the template, resolving references as `resolve` does.
    fn write(&mut self, w: &mut JsonWriter, tree: &Tree, stack: NodeId, user: NodeId, v: &Value) {
        match v {
            Value::Null => w.raw("null"),
            Value::Bool(b) => w.bool(*b),
            Value::Number(n) => w.number(n),
            Value::String(s) => w.string(s),
            Value::List(items) => {
                w.begin_array();
                for i in items.iter().filter(|i| !i.is_null()) {
                    self.write(w, tree, stack, user, i);
                }
                w.end();
            }
            Value::Map(map) => {
                w.begin_object();
                for (k, x) in map.iter().filter(|(_, x)| !x.is_null()) {
                    w.key(k);
                    self.write(w, tree, stack, user, x);
                }
                w.end();
            }
            Value::RefName(name) => {
                w.begin_object();
                w.key("Ref");
                w.string(name);
                w.end();
            }
            Value::Intrinsic(name, arg) => {
                w.begin_object();
                w.key(&format!("Fn::{name}"));
                self.write(w, tree, stack, user, arg);
                w.end();
            }
            Value::Ref(r) => self.write_reference(w, tree, stack, user, r, None),
            Value::GetAtt(r, a) => self.write_reference(w, tree, stack, user, r, Some(a)),
            Value::Join(..) => {
                let j = self.resolve(tree, stack, user, v);
                w.json(&j);
            }
        }
    }

    fn reference(
        &mut self,
        tree: &Tree,
        stack: NodeId,
        user: NodeId,
        r: &ElementRef,
        attr: Option<&String>,
    ) -> Json {
        match self.target(tree, stack, user, r, attr) {
            Target::Local(lid) => match attr {
                None => json!({ "Ref": lid }),
                Some(a) => json!({ "Fn::GetAtt": [lid, a] }),
            },
            Target::Import(name) => json!({ "Fn::ImportValue": name }),
            Target::Missing => Json::Null,
        }
    }

    fn write_reference(
        &mut self,
        w: &mut JsonWriter,
        tree: &Tree,
        stack: NodeId,
        user: NodeId,
        r: &ElementRef,
        attr: Option<&String>,
    ) {
        match self.target(tree, stack, user, r, attr) {
            Target::Local(lid) => {
                w.begin_object();
                match attr {
                    None => {
                        w.key("Ref");
                        w.string(lid);
                    }
                    Some(a) => {
                        w.key("Fn::GetAtt");
                        w.begin_array();
                        w.string(lid);
                        w.string(a);
                        w.end();
                    }
                }
                w.end();
            }
            Target::Import(name) => {
                w.begin_object();
                w.key("Fn::ImportValue");
                w.string(name);
                w.end();
            }
            Target::Missing => w.raw("null"),
        }
    }

    /// Where a reference points from the stack being rendered.
    fn target<'c>(
        &'c mut self,
        tree: &Tree,
        stack: NodeId,
        user: NodeId,
        r: &ElementRef,
        attr: Option<&String>,
    ) -> Target<'c> {
        if r.app != self.app_id {
            return Target::Missing; // reported when exports were created
        }
        let target_stack = tree.nodes.get(r.node).and_then(|d| d.stack);
        if target_stack == Some(stack) || target_stack.is_none() {
            if self.lids.get(&r.node).is_none() {
                self.problems.push(Problem::new(
                    Severity::Error,
                    tree.nodes[user].path.clone(),
                    "dangling-reference",
                    format!(
                        "'{}' references '{}', which is not part of the synthesized app",
                        tree.nodes[user].path,
                        tree.nodes
                            .get(r.node)
                            .map(|d| d.path.as_str())
                            .unwrap_or("?")
                    ),
                ));
                return Target::Missing;
            }
            return self.lids.get(&r.node).map_or(Target::Missing, |l| Target::Local(l));
        }
        match self.exports.get(&(r.node, attr.cloned())) {
            Some(name) => Target::Import(name),
            None => Target::Missing,
        }
    }
}

/// `Fn::Join` rendered minimally: nested joins with the same delimiter are spliced in,
/// neighbouring strings merged, and a single remaining part returned as it is.
fn minimal_join(delimiter: &str, parts: Vec<Json>) -> Json {
    let mut out: Vec<Json> = Vec::with_capacity(parts.len());
    let mut queue: std::collections::VecDeque<Json> = parts.into();
    while let Some(p) = queue.pop_front() {
        if let Json::Object(m) = &p {
            if let Some(Json::Array(args)) = m.get("Fn::Join") {
                if m.len() == 1 && args.len() == 2 && args[0].as_str() == Some(delimiter) {
                    if let Json::Array(inner) = &args[1] {
                        for x in inner.iter().rev() {
                            queue.push_front(x.clone());
                        }
                        continue;
                    }
                }
            }
        }
        match (out.last_mut(), &p) {
            (Some(Json::String(prev)), Json::String(s)) => {
                prev.push_str(delimiter);
                prev.push_str(s);
            }
            _ => out.push(p),
        }
    }
    if out.len() == 1 {
        return out.pop().unwrap_or(Json::Null);
    }
    json!({ "Fn::Join": [delimiter, out] })
}

enum Ov {
    Leaf(Option<Json>),
    Branch(IndexMap<String, Ov>),
}

fn deep_merge(target: &mut Map<String, Json>, source: IndexMap<String, Ov>) {
    for (k, v) in source {
        match v {
            Ov::Branch(b) => {
                if !matches!(target.get(&k), Some(Json::Object(_))) {
                    target.insert(k.clone(), Json::Object(Map::new()));
                }
                if let Some(Json::Object(t)) = target.get_mut(&k) {
                    deep_merge(t, b);
                    if t.is_empty() {
                        target.shift_remove(&k);
                    }
                }
            }
            Ov::Leaf(None) => {
                target.shift_remove(&k);
            }
            Ov::Leaf(Some(j)) => {
                if let Json::Object(obj) = j {
                    // Objects merge key by key, as the CDK's deepMerge does.
                    let branch = obj
                        .into_iter()
                        .map(|(k, v)| (k, Ov::Leaf(Some(v))))
                        .collect();
                    if !matches!(target.get(&k), Some(Json::Object(_))) {
                        target.insert(k.clone(), Json::Object(Map::new()));
                    }
                    if let Some(Json::Object(t)) = target.get_mut(&k) {
                        deep_merge(t, branch);
                    }
                } else {
                    target.insert(k, j);
                }
            }
        }
    }
}

fn remove_nulls(v: &mut Json) {
    match v {
        Json::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(remove_nulls);
        }
        Json::Array(a) => a.iter_mut().for_each(remove_nulls),
        _ => {}
    }
}

type Template = (String, usize, usize);

fn section_of(kind: &ElementKind) -> &'static str {
    match kind {
        ElementKind::Resource(_) => "Resources",
        ElementKind::Output(_) => "Outputs",
        ElementKind::Parameter(_) => "Parameters",
        ElementKind::Condition(_) => "Conditions",
        ElementKind::Rule(_) => "Rules",
    }
}

fn render_template(
    tree: &Tree,
    stack: NodeId,
    props: &NodeMap<IndexMap<String, Value>>,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
) -> Template {
    // Sections appear in the order their first element appears, as in the CDK.
    let mut sections: Vec<(&'static str, Vec<NodeId>)> = Vec::new();
    let mut resources = 0;
    let mut outputs = 0;
    for n in stack_elements(tree, stack) {
        if ctx.lids.get(&n).is_none() {
            continue;
        }
        let Some(e) = tree.element(n) else { continue };
        let section = section_of(&e.kind);
        match &e.kind {
            ElementKind::Resource(_) => resources += 1,
            ElementKind::Output(_) => outputs += 1,
            _ => {}
        }
        match sections.iter_mut().find(|(s, _)| *s == section) {
            Some((_, list)) => list.push(n),
            None => sections.push((section, vec![n])),
        }
    }
    let mut w = JsonWriter::new(" ", 256 + 400 * (resources + outputs));
    w.begin_object();
    if let Some(d) = tree.stack_data(stack).and_then(|d| d.description.as_deref()) {
        w.key("Description");
        w.string(d);
    }
    for (section, list) in &sections {
        w.key(section);
        w.begin_object();
        for &n in list {
            let lid = ctx.lids.get(&n).cloned().unwrap_or_default();
            w.key(&lid);
            match tree.element(n).map(|e| &e.kind) {
                Some(ElementKind::Resource(r)) if r.overrides.is_empty() => {
                    write_resource(&mut w, tree, stack, n, r, props, tags, ctx, path_metadata)
                }
                Some(ElementKind::Output(o)) => write_output(&mut w, tree, stack, n, o, ctx),
                _ => {
                    let entry = element_json(tree, stack, n, props, tags, ctx, path_metadata)
                        .map(|(_, j)| j)
                        .unwrap_or(Json::Null);
                    w.json(&entry);
                }
            }
        }
        w.end();
    }
    w.end();
    (w.out, resources, outputs)
}

#[allow(clippy::too_many_arguments)]
fn write_resource(
    w: &mut JsonWriter,
    tree: &Tree,
    stack: NodeId,
    n: NodeId,
    r: &crate::element::ResourceData,
    props: &NodeMap<IndexMap<String, Value>>,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
) {
    w.begin_object();
    w.key("Type");
    w.string(&r.cfn_type);
    let tag_list = tags
        .get(&n)
        .filter(|t| r.tags.is_some() && !t.is_empty())
        .map(|tm| tm.sorted());
    let rendered = props.get(&n);
    let any_prop = rendered.is_some_and(|p| p.values().any(|v| !v.is_null()));
    if any_prop || tag_list.is_some() {
        w.key("Properties");
        w.begin_object();
        let mut tags_done = tag_list.is_none();
        let write_tags = |w: &mut JsonWriter, ctx: &mut Ctx| {
            if let Some(list) = &tag_list {
                w.key("Tags");
                w.begin_array();
                for (k, v) in list {
                    w.begin_object();
                    w.key("Key");
                    w.string(k);
                    w.key("Value");
                    ctx.write(w, tree, stack, n, v);
                    w.end();
                }
                w.end();
            }
        };
        for (k, v) in rendered.into_iter().flatten() {
            if !tags_done && k.as_str() >= "Tags" {
                write_tags(w, ctx);
                tags_done = true;
            }
            if k == "Tags" || v.is_null() {
                continue;
            }
            w.key(k);
            ctx.write(w, tree, stack, n, v);
        }
        if !tags_done {
            write_tags(w, ctx);
        }
        w.end();
    }
    let deps = render_depends_on(tree, stack, n, &r.depends_on, ctx);
    if !deps.is_empty() {
        w.key("DependsOn");
        w.begin_array();
        for d in &deps {
            w.string(d);
        }
        w.end();
    }
    if let Some(c) = &r.creation_policy {
        w.key("CreationPolicy");
        ctx.write(w, tree, stack, n, c);
    }
    if let Some(u) = &r.update_policy {
        w.key("UpdatePolicy");
        ctx.write(w, tree, stack, n, u);
    }
    if let Some((policy, urp)) = r.removal {
        if urp {
            w.key("UpdateReplacePolicy");
            w.string(policy.update_replace_policy());
        }
        w.key("DeletionPolicy");
        w.string(policy.deletion_policy());
    }
    let any_metadata = r.metadata.values().any(|v| !v.is_null());
    if path_metadata || any_metadata {
        w.key("Metadata");
        w.begin_object();
        if path_metadata {
            w.key("aws:cdk:path");
            w.string(&tree.nodes[n].path);
        }
        for (k, v) in &r.metadata {
            if !v.is_null() {
                w.key(k);
                ctx.write(w, tree, stack, n, v);
            }
        }
        w.end();
    }
    if let Some(l) = r.condition.as_ref().and_then(|c| ctx.lids.get(&c.node)) {
        w.key("Condition");
        w.string(l);
    }
    w.end();
}

fn write_output(
    w: &mut JsonWriter,
    tree: &Tree,
    stack: NodeId,
    n: NodeId,
    o: &crate::element::OutputData,
    ctx: &mut Ctx,
) {
    w.begin_object();
    if let Some(d) = &o.description {
        w.key("Description");
        w.string(d);
    }
    if let Some(v) = o.value.as_ref().filter(|v| !v.is_null()) {
        w.key("Value");
        ctx.write(w, tree, stack, n, v);
    }
    if let Some(x) = &o.export_name {
        w.key("Export");
        w.begin_object();
        w.key("Name");
        ctx.write(w, tree, stack, n, x);
        w.end();
    }
    if let Some(l) = o.condition.as_ref().and_then(|c| ctx.lids.get(&c.node)) {
        w.key("Condition");
        w.string(l);
    }
    w.end();
}

#[allow(clippy::too_many_arguments)]
fn element_json(
    tree: &Tree,
    stack: NodeId,
    n: NodeId,
    props: &NodeMap<IndexMap<String, Value>>,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
) -> Option<(&'static str, Json)> {
    let e = tree.element(n)?;
    let entry = match &e.kind {
            ElementKind::Resource(r) => {
                let mut entry = Map::new();
                entry.insert("Type".into(), Json::String(r.cfn_type.clone()));
                let mut p = Map::new();
                let mut tags_done = false;
                let tag_json = tags.get(&n).filter(|t| !t.is_empty()).map(|tm| {
                    Json::Array(
                        tm.sorted()
                            .into_iter()
                            .map(|(k, v)| json!({ "Key": k, "Value": ctx.resolve(tree, stack, n, v) }))
                            .collect(),
                    )
                });
                for (k, v) in props.get(&n).into_iter().flatten() {
                    if r.tags.is_some() && k == "Tags" {
                        p.insert(k.clone(), tag_json.clone().unwrap_or(Json::Null));
                        tags_done = true;
                        continue;
                    }
                    if !tags_done && r.tags.is_some() && k.as_str() > "Tags" {
                        if let Some(t) = &tag_json {
                            p.insert("Tags".into(), t.clone());
                        }
                        tags_done = true;
                    }
                    p.insert(k.clone(), ctx.resolve(tree, stack, n, v));
                }
                if !tags_done {
                    if let Some(t) = tag_json {
                        p.insert("Tags".into(), t);
                    }
                }
                if p.values().any(|v| !v.is_null()) {
                    entry.insert("Properties".into(), Json::Object(p));
                }
                let deps = render_depends_on(tree, stack, n, &r.depends_on, ctx);
                if !deps.is_empty() {
                    entry.insert(
                        "DependsOn".into(),
                        Json::Array(deps.into_iter().map(Json::String).collect()),
                    );
                }
                if let Some(c) = &r.creation_policy {
                    entry.insert("CreationPolicy".into(), ctx.resolve(tree, stack, n, c));
                }
                if let Some(u) = &r.update_policy {
                    entry.insert("UpdatePolicy".into(), ctx.resolve(tree, stack, n, u));
                }
                if let Some((policy, urp)) = r.removal {
                    if urp {
                        entry.insert(
                            "UpdateReplacePolicy".into(),
                            policy.update_replace_policy().into(),
                        );
                    }
                    entry.insert("DeletionPolicy".into(), policy.deletion_policy().into());
                }
                let mut md = Map::new();
                if path_metadata {
                    md.insert(
                        "aws:cdk:path".into(),
                        Json::String(tree.nodes[n].path.clone()),
                    );
                }
                for (k, v) in &r.metadata {
                    md.insert(k.clone(), ctx.resolve(tree, stack, n, v));
                }
                if !md.is_empty() {
                    entry.insert("Metadata".into(), Json::Object(md));
                }
                if let Some(c) = &r.condition {
                    if let Some(l) = ctx.lids.get(&c.node) {
                        entry.insert("Condition".into(), Json::String(l.clone()));
                    }
                }
                if !r.overrides.is_empty() {
                    let mut ov: IndexMap<String, Ov> = IndexMap::new();
                    for (path, value) in &r.overrides {
                        let leaf = Ov::Leaf(value.as_ref().map(|v| ctx.resolve(tree, stack, n, v)));
                        insert_override(&mut ov, path, leaf);
                    }
                    deep_merge(&mut entry, ov);
                }
                let mut entry = Json::Object(entry);
                remove_nulls(&mut entry);
                ("Resources", entry)
            }
            ElementKind::Output(o) => {
                let mut entry = Map::new();
                if let Some(d) = &o.description {
                    entry.insert("Description".into(), Json::String(d.clone()));
                }
                if let Some(v) = &o.value {
                    entry.insert("Value".into(), ctx.resolve(tree, stack, n, v));
                }
                if let Some(x) = &o.export_name {
                    entry.insert(
                        "Export".into(),
                        json!({ "Name": ctx.resolve(tree, stack, n, x) }),
                    );
                }
                if let Some(c) = &o.condition {
                    if let Some(l) = ctx.lids.get(&c.node) {
                        entry.insert("Condition".into(), Json::String(l.clone()));
                    }
                }
                ("Outputs", Json::Object(entry))
            }
            ElementKind::Parameter(p) => {
                let mut entry = Map::new();
                entry.insert(
                    "Type".into(),
                    Json::String(p.r#type.clone().unwrap_or_else(|| "String".into())),
                );
                if let Some(d) = &p.default {
                    entry.insert("Default".into(), ctx.resolve(tree, stack, n, d));
                }
                if let Some(x) = &p.allowed_pattern {
                    entry.insert("AllowedPattern".into(), x.clone().into());
                }
                if let Some(x) = &p.allowed_values {
                    entry.insert("AllowedValues".into(), x.clone().into());
                }
                if let Some(x) = &p.constraint_description {
                    entry.insert("ConstraintDescription".into(), x.clone().into());
                }
                if let Some(x) = &p.description {
                    entry.insert("Description".into(), x.clone().into());
                }
                if let Some(x) = p.max_length {
                    entry.insert("MaxLength".into(), x.into());
                }
                if let Some(x) = p.max_value {
                    entry.insert("MaxValue".into(), crate::value::number_json(x));
                }
                if let Some(x) = p.min_length {
                    entry.insert("MinLength".into(), x.into());
                }
                if let Some(x) = p.min_value {
                    entry.insert("MinValue".into(), crate::value::number_json(x));
                }
                if let Some(x) = p.no_echo {
                    entry.insert("NoEcho".into(), x.into());
                }
                ("Parameters", Json::Object(entry))
            }
            ElementKind::Condition(v) => ("Conditions", ctx.resolve(tree, stack, n, v)),
            ElementKind::Rule(v) => ("Rules", ctx.resolve(tree, stack, n, v)),
        };
    Some(entry)
}

fn insert_override(tree: &mut IndexMap<String, Ov>, path: &[String], leaf: Ov) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        tree.insert(first.clone(), leaf);
        return;
    }
    let entry = tree
        .entry(first.clone())
        .or_insert_with(|| Ov::Branch(IndexMap::new()));
    if let Ov::Leaf(_) = entry {
        *entry = Ov::Branch(IndexMap::new());
    }
    if let Ov::Branch(b) = entry {
        insert_override(b, rest, leaf);
    }
}

fn render_depends_on(
    tree: &Tree,
    stack: NodeId,
    me: NodeId,
    targets: &[NodeId],
    ctx: &Ctx,
) -> Vec<String> {
    let mut found: Vec<NodeId> = Vec::new();
    let mut seen = HashSet::new();
    for &t in targets {
        for n in tree.dfs(t) {
            if n == me || tree.nodes[n].stack != Some(stack) {
                continue;
            }
            if matches!(
                tree.element(n).map(|e| &e.kind),
                Some(ElementKind::Resource(_))
            ) && seen.insert(n)
            {
                found.push(n);
            }
        }
    }
    found.sort_by(|a, b| locale_compare(&tree.nodes[*a].path, &tree.nodes[*b].path));
    let mut out: Vec<String> = Vec::new();
    for n in found {
        if let Some(l) = ctx.lids.get(&n) {
            if !out.contains(l) {
                out.push(l.clone());
            }
        }
    }
    out
}

fn sha256_hex(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(data);
    let mut s = String::with_capacity(64);
    for b in d.iter() {
        s.push_str(&format!("{b:02x}"));
    }
    s
}

#[allow(clippy::too_many_arguments)]
fn render_stack_artifacts(
    tree: &Tree,
    s: NodeId,
    template: String,
    resource_count: usize,
    output_count: usize,
    stack_deps: &HashMap<NodeId, Vec<NodeId>>,
    tags: &NodeMap<TagManager>,
    ctx: &Ctx,
) -> RenderedStack {
    let data = match tree.stack_data(s) {
        Some(d) => d,
        None => unreachable!("stack list holds only stacks"),
    };
    let id = data.artifact_id.clone();
    let account = data.env.account.clone();
    let region = data.env.region.clone();
    let env = format!(
        "aws://{}/{}",
        account.as_deref().unwrap_or("unknown-account"),
        region.as_deref().unwrap_or("unknown-region")
    );
    let acct_sub = account
        .clone()
        .unwrap_or_else(|| "${AWS::AccountId}".into());
    let region_sub = region.clone().unwrap_or_else(|| "${AWS::Region}".into());
    let role = |name: &str| {
        format!("arn:${{AWS::Partition}}:iam::{acct_sub}:role/cdk-{QUALIFIER}-{name}-{acct_sub}-{region_sub}")
    };
    let hash = sha256_hex(template.as_bytes());
    let template_file = format!("{id}.template.json");
    let bucket = format!("cdk-{QUALIFIER}-assets-{acct_sub}-{region_sub}");
    let ssm = format!("/cdk-bootstrap/{QUALIFIER}/version");

    let stack_tags: Vec<(String, Json)> = tags
        .get(&s)
        .map(|tm| {
            tm.sorted()
                .into_iter()
                .filter_map(|(k, v)| {
                    v.as_str()
                        .map(|v| (k.to_owned(), Json::String(v.to_owned())))
                })
                .collect()
        })
        .unwrap_or_default();

    let mut properties = Map::new();
    properties.insert("templateFile".into(), template_file.clone().into());
    properties.insert(
        "terminationProtection".into(),
        data.termination_protection.into(),
    );
    if !stack_tags.is_empty() {
        properties.insert(
            "tags".into(),
            Json::Object(stack_tags.iter().cloned().collect()),
        );
    }
    properties.insert("validateOnSynth".into(), false.into());

    let (assets, assets_artifact) = match data.synthesizer {
        Synthesizer::Legacy => (None, None),
        synth => {
            let with_roles = synth == Synthesizer::Default;
            let mut dest = Map::new();
            dest.insert("bucketName".into(), bucket.clone().into());
            dest.insert("objectKey".into(), format!("{hash}.json").into());
            if let Some(r) = &region {
                dest.insert("region".into(), r.clone().into());
            }
            if with_roles {
                dest.insert("assumeRoleArn".into(), role("file-publishing-role").into());
            }
            let dest = Json::Object(dest);
            let dest_hash = sha256_hex(serde_json::to_string(&dest).unwrap_or_default().as_bytes());
            let dest_key = format!(
                "{}-{}-{}",
                account.as_deref().unwrap_or("current_account"),
                region.as_deref().unwrap_or("current_region"),
                &dest_hash[..8]
            );
            let manifest = json!({
                "version": ASSEMBLY_VERSION,
                "files": {
                    hash.clone(): {
                        "displayName": format!("{} Template", data.stack_name),
                        "source": { "path": template_file, "packaging": "file" },
                        "destinations": { dest_key: dest }
                    }
                },
                "dockerImages": {}
            });
            if with_roles {
                properties.insert("assumeRoleArn".into(), role("deploy-role").into());
                properties.insert(
                    "cloudFormationExecutionRoleArn".into(),
                    role("cfn-exec-role").into(),
                );
            }
            properties.insert(
                "stackTemplateAssetObjectUrl".into(),
                format!("s3://{bucket}/{hash}.json").into(),
            );
            if with_roles {
                properties.insert(
                    "requiresBootstrapStackVersion".into(),
                    BOOTSTRAP_VERSION.into(),
                );
                properties.insert(
                    "bootstrapStackVersionSsmParameter".into(),
                    ssm.clone().into(),
                );
            }
            properties.insert(
                "additionalDependencies".into(),
                json!([format!("{id}.assets")]),
            );
            if with_roles {
                properties.insert(
                    "lookupRole".into(),
                    json!({
                        "arn": role("lookup-role"),
                        "requiresBootstrapStackVersion": LOOKUP_ROLE_BOOTSTRAP_VERSION,
                        "bootstrapStackVersionSsmParameter": ssm,
                    }),
                );
            }
            let mut ap = Map::new();
            ap.insert("file".into(), format!("{id}.assets.json").into());
            if with_roles {
                ap.insert(
                    "requiresBootstrapStackVersion".into(),
                    BOOTSTRAP_VERSION.into(),
                );
                ap.insert(
                    "bootstrapStackVersionSsmParameter".into(),
                    ssm.clone().into(),
                );
            }
            (
                Some(to_json(&manifest, b"  ")),
                Some(json!({ "type": "cdk:asset-manifest", "properties": Json::Object(ap) })),
            )
        }
    };
    if data.stack_name != id {
        properties.insert("stackName".into(), data.stack_name.clone().into());
    }

    let mut dependencies: Vec<Json> = stack_deps
        .get(&s)
        .into_iter()
        .flatten()
        .filter_map(|d| {
            tree.stack_data(*d)
                .map(|x| Json::String(x.artifact_id.clone()))
        })
        .collect();
    if assets.is_some() {
        dependencies.push(Json::String(format!("{id}.assets")));
    }

    // Metadata: breadth first over the stack's constructs.
    let mut w = JsonWriter::new("  ", 128 + 96 * resource_count);
    w.begin_object();
    for n in tree.bfs(s) {
        if n != s && (matches!(tree.nodes[n].kind, NodeKind::Stack(_)) || tree.nodes[n].stack != Some(s)) {
            continue;
        }
        let lid = ctx.lids.get(&n);
        let annotations = tree.nodes[n].annotations.iter().filter(|a| a.severity != Severity::Error);
        if lid.is_none() && n != s && annotations.clone().next().is_none() {
            continue;
        }
        w.key(&format!("/{}", tree.nodes[n].path));
        w.begin_array();
        let entry = |w: &mut JsonWriter, kind: &str, data: &str| {
            w.begin_object();
            w.key("type");
            w.string(kind);
            w.key("data");
            w.string(data);
            w.end();
        };
        if let Some(l) = lid {
            entry(&mut w, "aws:cdk:logicalId", l);
        }
        for a in annotations {
            entry(&mut w, a.severity.metadata_type(), &a.message);
        }
        if n == s {
            entry(&mut w, "aws:cdk:templateFile", &template_file);
            if !stack_tags.is_empty() {
                w.begin_object();
                w.key("type");
                w.string("aws:cdk:stack-tags");
                w.key("data");
                w.begin_array();
                for (k, v) in &stack_tags {
                    w.begin_object();
                    w.key("key");
                    w.string(k);
                    w.key("value");
                    w.json(v);
                    w.end();
                }
                w.end();
                w.end();
            }
        }
        w.end();
    }
    w.end();
    let metadata = w.out;

    let mut artifact = Map::new();
    artifact.insert("type".into(), "aws:cloudformation:stack".into());
    artifact.insert("environment".into(), env.clone().into());
    artifact.insert("properties".into(), Json::Object(properties));
    if !dependencies.is_empty() {
        artifact.insert("dependencies".into(), Json::Array(dependencies));
    }
    artifact.insert(
        "additionalMetadataFile".into(),
        format!("{id}.metadata.json").into(),
    );
    artifact.insert("displayName".into(), tree.nodes[s].path.clone().into());

    RenderedStack {
        artifact_id: id,
        stack_name: data.stack_name.clone(),
        display_name: tree.nodes[s].path.clone(),
        environment: env,
        template,
        assets,
        artifact: Json::Object(artifact),
        assets_artifact,
        metadata,
        resource_count,
        output_count,
    }
}

fn render_manifest(stacks: &[RenderedStack]) -> String {
    let mut artifacts = Map::new();
    for s in stacks {
        if let Some(a) = &s.assets_artifact {
            artifacts.insert(format!("{}.assets", s.artifact_id), a.clone());
        }
        artifacts.insert(s.artifact_id.clone(), s.artifact.clone());
    }
    artifacts.insert(
        "Tree".into(),
        json!({ "type": "cdk:tree", "properties": { "file": "tree.json" } }),
    );
    let manifest = json!({
        "version": ASSEMBLY_VERSION,
        "artifacts": Json::Object(artifacts),
        "minimumCliVersion": MINIMUM_CLI_VERSION,
    });
    to_json(&manifest, b"  ")
}

fn render_tree(tree: &Tree, ctx: &Ctx) -> String {
    const VERSION: &str = env!("CARGO_PKG_VERSION");
    let mut w = JsonWriter::new("", 200 * tree.nodes.len());
    let write_head = |w: &mut JsonWriter, id: &str, path: &str, fqn: &str| {
        w.key("id");
        w.string(id);
        w.key("path");
        w.string(path);
        w.key("constructInfo");
        w.begin_object();
        w.key("fqn");
        w.string(fqn);
        w.key("version");
        w.string(VERSION);
        w.end();
    };
    let write_tail = |w: &mut JsonWriter, n: NodeId| {
        if let Some(ElementKind::Resource(r)) = tree.element(n).map(|e| &e.kind) {
            w.key("attributes");
            w.begin_object();
            w.key("aws:cdk:cloudformation:type");
            w.string(&r.cfn_type);
            if let Some(l) = ctx.lids.get(&n) {
                w.key("aws:cdk:cloudformation:logicalId");
                w.string(l);
            }
            w.end();
        }
        w.end();
    };
    w.begin_object();
    w.key("version");
    w.string("tree-0.1");
    w.key("tree");
    // Iterative, so that deeply nested constructs cannot overflow the stack.
    let mut todo: Vec<(NodeId, bool)> = vec![(0, true)];
    while let Some((n, enter)) = todo.pop() {
        let d = &tree.nodes[n];
        if !enter {
            if n == 0 {
                w.key("Tree");
                w.begin_object();
                write_head(&mut w, "Tree", "Tree", "constructs.Construct");
                w.end();
            }
            w.end(); // children
            write_tail(&mut w, n);
            continue;
        }
        if n != 0 {
            w.key(&d.id);
        }
        w.begin_object();
        write_head(&mut w, if n == 0 { "App" } else { &d.id }, &d.path, &d.fqn);
        if d.children.is_empty() && n != 0 {
            write_tail(&mut w, n);
            continue;
        }
        w.key("children");
        w.begin_object();
        todo.push((n, false));
        for c in d.children.iter().rev() {
            todo.push((*c, true));
        }
    }
    w.end();
    w.out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_are_minimal() {
        let j = minimal_join("", vec![json!("a"), json!("b")]);
        assert_eq!(j, json!("ab"));
        let r = json!({"Ref": "X"});
        let j = minimal_join("", vec![json!("a"), r.clone(), json!("b"), json!("c")]);
        assert_eq!(j, json!({"Fn::Join": ["", ["a", r, "bc"]]}));
        let nested = json!({"Fn::Join": ["", ["x", {"Ref": "Y"}]]});
        let j = minimal_join("", vec![json!("a"), nested]);
        assert_eq!(j, json!({"Fn::Join": ["", ["ax", {"Ref": "Y"}]]}));
    }

    #[test]
    fn json_is_written_like_javascript() {
        let v = json!({"a": [], "b": {}, "c": [1, "é"]});
        assert_eq!(
            to_json(&v, b" "),
            "{\n \"a\": [],\n \"b\": {},\n \"c\": [\n  1,\n  \"é\"\n ]\n}"
        );
    }
}
