//! Synthesis: prepare (tags, cross-stack references, synthesizer elements) → validate
//! → resolve → render. Everything happens in memory; [`crate::assembly`] writes it.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

use indexmap::IndexMap;
use serde_json::{json, Map, Value as Json};

use crate::app::{PATH_METADATA_CONTEXT, STACK_RESOURCE_LIMIT_CONTEXT, STRICT_CONTEXT};
use crate::assembly::Staging;
use crate::element::{CfnParameterProps, ElementKind};
use crate::error::{Error, Problem, Severity};
use crate::json::JsonWriter;
use crate::names;
use crate::stack::Synthesizer;
use crate::tags::{locale_compare, TagManager};
use crate::tree::{ElementRef, Node, NodeId, NodeKind, Tree};
use crate::value::Value;

mod artifacts;
mod check;
mod prepare;
mod template;

use artifacts::{render_manifest, render_stack_artifacts, render_tree};
use check::validate;
use prepare::{
    add_synthesizer_elements, apply_tags, create_exports, cross_stack_resource_dependencies,
};
use template::render_template;

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
        self.report_with(true)
    }

    /// The summary of [`report`](Self::report), with or without the warnings (the `cdk`
    /// CLI prints them itself from the assembly, so an app it runs may leave them out).
    pub fn report_with(&self, include_warnings: bool) -> String {
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
        for w in self.warnings.iter().filter(|_| include_warnings) {
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
    /// Elements (not outputs) holding a PEM private key, found by the reference scan.
    private_keys: Vec<NodeId>,
}

/// Synthesizes the app of `root`. With `staging`, every file is written into it as soon
/// as it is rendered (and the returned assembly holds no file contents); without, the
/// files are kept in memory.
pub(crate) fn synthesize(
    root: &Node,
    staging: Option<&Staging>,
) -> Result<RenderedAssembly, Error> {
    let mut guard = root.borrow_mut();
    let tree: &mut Tree = &mut guard;
    if tree.updating > 0 {
        return Err(Error::invalid(vec![Problem::new(
            Severity::Error,
            "",
            "synth-during-update",
            "the app was synthesized inside an `update` closure, while that resource's props were being changed; synthesize after the closure returns",
        )]));
    }
    tree.locked = true;
    // Problems found by an earlier synthesis are found again by this one.
    for node in &mut tree.nodes {
        node.annotations.retain(|a| !a.from_synth);
    }
    tree.in_synth = true;
    let result = synthesize_locked(tree, staging);
    tree.in_synth = false;
    result
}

fn synthesize_locked(
    tree: &mut Tree,
    staging: Option<&Staging>,
) -> Result<RenderedAssembly, Error> {
    // `IVS_CDK_TIMINGS=1` prints how long each phase took, for profiling.
    let timings = std::env::var_os("IVS_CDK_TIMINGS").is_some_and(|v| !v.is_empty());
    let started = std::time::Instant::now();
    let phase = |name: &str| {
        if timings {
            eprintln!(
                "ivs-cdk: {name} done at {:.1} ms",
                started.elapsed().as_secs_f64() * 1000.0
            );
        }
    };

    let stacks: Vec<NodeId> = tree
        .dfs(0)
        .into_iter()
        .filter(|n| matches!(tree.nodes[*n].kind, NodeKind::Stack(_)))
        .collect();

    let tags = apply_tags(tree);
    phase("tags");
    // The final tags of every resource, checked against what AWS accepts.
    for n in 0..tree.nodes.len() {
        let is_resource = matches!(
            tree.element(n).map(|e| &e.kind),
            Some(ElementKind::Resource(_))
        );
        let Some(tm) = tags.get(&n).filter(|_| is_resource) else {
            continue;
        };
        for f in crate::tags::check_tags(tm.sorted()) {
            tree.annotate(n, f.severity, &f.rule, f.property.as_deref(), f.message);
        }
    }

    // Cross-stack references become exports in the producer and imports in the consumer.
    let mut ctx = Ctx {
        app_id: tree.app_id,
        lids: NodeMap::default(),
        exports: HashMap::new(),
        problems: Vec::new(),
        private_keys: Vec::new(),
    };
    let mut stack_deps: HashMap<NodeId, Vec<NodeId>> = HashMap::new();
    for &s in &stacks {
        let deps = tree
            .stack_data(s)
            .map(|d| d.dependencies.clone())
            .unwrap_or_default();
        stack_deps.insert(s, deps);
    }
    create_exports(tree, &stacks, &tags, &mut ctx, &mut stack_deps);
    cross_stack_resource_dependencies(tree, &mut stack_deps);
    add_synthesizer_elements(tree, &stacks);
    phase("references");
    // From here on the elements of each stack are fixed: list them once.
    let elements: Vec<Vec<NodeId>> = stacks.iter().map(|&s| stack_elements(tree, s)).collect();

    // Logical IDs.
    for (&s, list) in stacks.iter().zip(&elements) {
        let mut seen: rustc_hash::FxHashMap<String, NodeId> = Default::default();
        for &n in list {
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

    phase("logical IDs");
    // Validation of typed props and per-stack limits.
    validate(tree, &stacks, &elements, &stack_deps, &tags, &mut ctx);
    phase("validation");

    // Render templates (resolution problems are collected too).
    let path_metadata = tree.context_flag(PATH_METADATA_CONTEXT);
    let mut templates = Vec::new();
    for (&s, list) in stacks.iter().zip(&elements) {
        let mut file = match staging {
            Some(st) => {
                let id = tree
                    .stack_data(s)
                    .map(|d| d.artifact_id.clone())
                    .unwrap_or_default();
                Some(st.create(&format!("{id}.template.json"))?)
            }
            None => None,
        };
        templates.push(render_template(
            tree,
            s,
            list,
            &tags,
            &mut ctx,
            path_metadata,
            file.as_mut(),
        )?);
    }
    let mut seen_problems = HashSet::new();
    for p in std::mem::take(&mut ctx.problems) {
        // Validation and rendering both resolve overridden resources.
        if !seen_problems.insert((p.path.clone(), p.rule.clone(), p.message.clone())) {
            continue;
        }
        let node = tree
            .nodes
            .iter()
            .position(|d| d.path == p.path && d.attached)
            .unwrap_or(0);
        tree.annotate(node, p.severity, &p.rule, p.property.as_deref(), p.message);
    }

    phase("templates");
    // Acknowledged warnings are dropped before anything counts them.
    for (scope, rule) in tree.acknowledged.clone() {
        for n in tree.dfs(scope) {
            tree.nodes[n]
                .annotations
                .retain(|a| a.severity != Severity::Warning || a.rule != rule);
        }
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
        let (template, hash, resource_count, output_count) = std::mem::take(&mut templates[i]);
        let mut stack = render_stack_artifacts(
            tree,
            s,
            template,
            hash,
            resource_count,
            output_count,
            &stack_deps,
            &tags,
            &ctx,
        );
        if let Some(st) = staging {
            if let Some(a) = stack.assets.as_mut() {
                st.write(&format!("{}.assets.json", stack.artifact_id), a)?;
                *a = String::new();
            }
            st.write(
                &format!("{}.metadata.json", stack.artifact_id),
                &stack.metadata,
            )?;
            stack.metadata = String::new();
        }
        rendered.push(stack);
    }
    let mut tree_file = match staging {
        Some(st) => Some(st.create("tree.json")?),
        None => None,
    };
    let tree_json = render_tree(tree, &ctx, tree_file.as_mut())?;
    phase("metadata and tree");
    let mut manifest = render_manifest(&rendered);
    if let Some(st) = staging {
        st.write("manifest.json", &manifest)?;
        manifest = String::new();
    }
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
            return self
                .lids
                .get(&r.node)
                .map_or(Target::Missing, |l| Target::Local(l));
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
        let p = match p {
            Json::Number(n) => Json::String(n.to_string()),
            Json::Bool(b) => Json::String(b.to_string()),
            other => other,
        };
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
