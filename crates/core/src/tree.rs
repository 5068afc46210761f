//! The construct tree: ids, paths, parents and children, annotations.
//!
//! All constructs of an app live in one arena owned by the [`App`](crate::App); the
//! handles users hold ([`Node`] and the types wrapping it) are cheap clones of a shared
//! pointer plus an index. Building the tree never fails: problems (a duplicate id, an
//! invalid name) are recorded on the tree and reported all together by
//! [`App::synth`](crate::App::synth).

use std::cell::{Ref, RefCell, RefMut};
use std::fmt;
use std::rc::Rc;
use std::sync::atomic::{AtomicU64, Ordering};

use indexmap::IndexMap;
use rustc_hash::{FxHashMap, FxHasher};

use crate::element::{ElementData, ElementKind};
use crate::error::{Problem, Severity};
use crate::stack::StackData;
use crate::tags::TagOp;
use crate::value::Value;

pub(crate) type NodeId = usize;

static NEXT_APP_ID: AtomicU64 = AtomicU64::new(1);

pub(crate) fn next_app_id() -> u64 {
    NEXT_APP_ID.fetch_add(1, Ordering::Relaxed)
}

/// A reference to a CloudFormation element (resource, parameter, condition, output) of
/// some app, as held inside a [`Value::Ref`] or [`Value::GetAtt`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ElementRef {
    pub(crate) app: u64,
    pub(crate) node: NodeId,
}

impl fmt::Debug for ElementRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "element#{}.{}", self.app, self.node)
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Annotation {
    /// Made by a synthesis (validation), not by the app: dropped when the app is
    /// synthesized again, so repeated synthesis reports each problem once.
    pub from_synth: bool,
    pub severity: Severity,
    pub rule: String,
    pub property: Option<String>,
    pub message: String,
}

pub(crate) enum NodeKind {
    Root,
    Plain,
    Stack(Box<StackData>),
    Element(Box<ElementData>),
}

pub(crate) struct NodeData {
    pub id: String,
    pub parent: Option<NodeId>,
    /// Whether the node is part of the tree (a rejected duplicate is not).
    pub attached: bool,
    pub children: Vec<NodeId>,
    pub path: String,
    pub fqn: &'static str,
    pub kind: NodeKind,
    pub annotations: Vec<Annotation>,
    /// The nearest stack at or above this node.
    pub stack: Option<NodeId>,
    pub context: Option<Box<IndexMap<String, serde_json::Value>>>,
}

pub(crate) struct Tree {
    pub app_id: u64,
    pub nodes: Vec<NodeData>,
    /// Children by (parent, FxHash of the id); a hash collision falls back to a scan
    /// of the parent's children, so the index never needs a copy of the id.
    child_index: FxHashMap<(NodeId, u64), NodeId>,
    pub tag_ops: Vec<TagOp>,
    /// Warnings acknowledged on a scope: (scope, rule).
    pub acknowledged: Vec<(NodeId, String)>,
    pub locked: bool,
    /// Set while a synthesis runs (see [`Annotation::from_synth`]).
    pub in_synth: bool,
    /// How many `update_props` closures are running (their resource's props are out of
    /// the tree meanwhile, so synthesis must wait).
    pub updating: usize,
}

impl Tree {
    pub fn new(root_fqn: &'static str) -> Tree {
        Tree {
            app_id: next_app_id(),
            nodes: vec![NodeData {
                id: String::new(),
                parent: None,
                attached: true,
                children: Vec::new(),
                path: String::new(),
                fqn: root_fqn,
                kind: NodeKind::Root,
                annotations: Vec::new(),
                stack: None,
                context: None,
            }],
            child_index: FxHashMap::default(),
            tag_ops: Vec::new(),
            acknowledged: Vec::new(),
            locked: false,
            in_synth: false,
            updating: 0,
        }
    }

    pub fn annotate(
        &mut self,
        node: NodeId,
        severity: Severity,
        rule: &str,
        property: Option<&str>,
        message: String,
    ) {
        let from_synth = self.in_synth;
        self.nodes[node].annotations.push(Annotation {
            from_synth,
            severity,
            rule: rule.to_owned(),
            property: property.map(str::to_owned),
            message: crate::value::redact_private_keys(message),
        });
    }

    pub fn add(
        &mut self,
        parent: NodeId,
        raw_id: &str,
        kind: NodeKind,
        fqn: &'static str,
    ) -> NodeId {
        let id = crate::names::sanitize_id(raw_id);
        let parent_path = self.nodes[parent].path.clone();
        let path = if parent_path.is_empty() {
            id.clone()
        } else {
            format!("{parent_path}/{id}")
        };
        let is_stack = matches!(kind, NodeKind::Stack(_));
        let new_id = self.nodes.len();
        let stack = if is_stack {
            Some(new_id)
        } else {
            self.nodes[parent].stack
        };
        let mut attached = self.nodes[parent].attached;
        if self.locked {
            self.annotate(
                parent,
                Severity::Error,
                "tree-locked",
                None,
                format!("cannot add construct '{id}' after the app has been synthesized"),
            );
            attached = false;
        }
        if id.is_empty() {
            self.annotate(
                parent,
                Severity::Error,
                "empty-id",
                None,
                "only the root construct may have an empty id; give every construct a non-empty id"
                    .into(),
            );
            attached = false;
        } else if attached && self.find_child(parent, &id).is_some() {
            let parent_desc = match self.nodes[parent].kind {
                NodeKind::Root => "the app".to_owned(),
                _ => format!("'{parent_path}'"),
            };
            self.annotate(
                parent,
                Severity::Error,
                "duplicate-id",
                None,
                format!(
                    "there is already a construct with id '{id}' in {parent_desc}; sibling ids must be unique"
                ),
            );
            attached = false;
        }
        self.nodes.push(NodeData {
            id: id.clone(),
            parent: Some(parent),
            attached,
            children: Vec::new(),
            path,
            fqn,
            kind,
            annotations: Vec::new(),
            stack,
            context: None,
        });
        if attached {
            self.nodes[parent].children.push(new_id);
            self.child_index
                .entry((parent, fx_hash(&self.nodes[new_id].id)))
                .or_insert(new_id);
        }
        new_id
    }

    /// The attached child of `parent` with this id.
    pub fn find_child(&self, parent: NodeId, id: &str) -> Option<NodeId> {
        match self.child_index.get(&(parent, fx_hash(id))) {
            Some(&c) if self.nodes[c].id == id => Some(c),
            Some(_) => self.nodes[parent]
                .children
                .iter()
                .copied()
                .find(|c| self.nodes[*c].id == id),
            None => None,
        }
    }

    /// Nodes in depth-first pre-order starting at `from` (attached children only).
    pub fn dfs(&self, from: NodeId) -> Vec<NodeId> {
        let mut out = Vec::new();
        let mut stack = vec![from];
        while let Some(n) = stack.pop() {
            out.push(n);
            for c in self.nodes[n].children.iter().rev() {
                stack.push(*c);
            }
        }
        out
    }

    /// Nodes in breadth-first order starting at `from`.
    pub fn bfs(&self, from: NodeId) -> Vec<NodeId> {
        let mut out = vec![from];
        let mut i = 0;
        while i < out.len() {
            let n = out[i];
            out.extend(self.nodes[n].children.iter().copied());
            i += 1;
        }
        out
    }

    pub fn element(&self, node: NodeId) -> Option<&ElementData> {
        match &self.nodes[node].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn element_mut(&mut self, node: NodeId) -> Option<&mut ElementData> {
        match &mut self.nodes[node].kind {
            NodeKind::Element(e) => Some(e),
            _ => None,
        }
    }

    pub fn stack_data(&self, node: NodeId) -> Option<&StackData> {
        match &self.nodes[node].kind {
            NodeKind::Stack(s) => Some(s),
            _ => None,
        }
    }

    /// The ids of the scopes from the root (exclusive) down to `node` (inclusive).
    pub fn ids_from_root(&self, node: NodeId) -> Vec<&str> {
        let mut ids = Vec::new();
        let mut cur = Some(node);
        while let Some(n) = cur {
            if self.nodes[n].parent.is_some() {
                ids.push(self.nodes[n].id.as_str());
            }
            cur = self.nodes[n].parent;
        }
        ids.reverse();
        ids
    }

    /// The ids of the scopes strictly below `ancestor` down to `node`.
    pub fn ids_below(&self, ancestor: NodeId, node: NodeId) -> Vec<&str> {
        let mut ids = Vec::new();
        let mut cur = node;
        while cur != ancestor {
            ids.push(self.nodes[cur].id.as_str());
            match self.nodes[cur].parent {
                Some(p) => cur = p,
                None => break,
            }
        }
        ids.reverse();
        ids
    }

    pub fn context_value(&self, node: NodeId, key: &str) -> Option<serde_json::Value> {
        let mut cur = Some(node);
        while let Some(n) = cur {
            if let Some(v) = self.nodes[n].context.as_ref().and_then(|c| c.get(key)) {
                return Some(v.clone());
            }
            cur = self.nodes[n].parent;
        }
        None
    }

    pub fn context_flag(&self, key: &str) -> bool {
        matches!(
            self.context_value(0, key),
            Some(serde_json::Value::Bool(true))
        ) || matches!(self.context_value(0, key), Some(serde_json::Value::String(s)) if s == "true")
    }

    pub fn problems(&self, from: NodeId) -> Vec<Problem> {
        let mut out = Vec::new();
        for n in self.dfs(from) {
            let data = &self.nodes[n];
            for a in &data.annotations {
                let mut p = Problem::new(
                    a.severity,
                    data.path.clone(),
                    a.rule.clone(),
                    a.message.clone(),
                );
                p.property = a.property.clone();
                out.push(p);
            }
        }
        out
    }
}

/// A handle to one construct of the tree: its id, path and place among its siblings.
///
/// Every construct type (`Stack`, `Channel`, a user's own) wraps a `Node`. A `Node` made
/// with [`Node::new`] is a plain construct that only groups its children, like the
/// CDK's `new Construct(scope, id)`:
///
/// ```
/// use ivs_cdk_core::{App, Construct, Node, Stack};
/// let app = App::new();
/// let stack = Stack::new(&app, "MyStack");
/// let group = Node::new(&stack, "Ingest");
/// assert_eq!(group.path(), "MyStack/Ingest");
/// ```
#[derive(Clone)]
pub struct Node {
    pub(crate) tree: Rc<RefCell<Tree>>,
    pub(crate) id: NodeId,
    /// The app's id, kept here so that references can be made without borrowing the
    /// tree (e.g. from a user's `CfnProps::render` while the app synthesizes).
    pub(crate) app: u64,
}

impl fmt::Debug for Node {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Node({:?})", self.path())
    }
}

impl PartialEq for Node {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.tree, &other.tree) && self.id == other.id
    }
}

/// Anything that lives in the construct tree; a construct is a scope for its children.
pub trait Construct {
    /// The construct's node: id, path, children, annotations.
    fn node(&self) -> &Node;
}

impl Construct for Node {
    fn node(&self) -> &Node {
        self
    }
}

impl Node {
    /// A plain construct that groups children under `scope`.
    pub fn new(scope: &impl Construct, id: &str) -> Node {
        scope
            .node()
            .add_child(id, NodeKind::Plain, "constructs.Construct")
    }

    pub(crate) fn add_child(&self, id: &str, kind: NodeKind, fqn: &'static str) -> Node {
        let new_id = self.tree.borrow_mut().add(self.id, id, kind, fqn);
        Node {
            tree: self.tree.clone(),
            app: self.app,
            id: new_id,
        }
    }

    /// Adds a child construct of a library's own kind; `fqn` names its type in
    /// `tree.json` (e.g. `@aws-cdk/aws-ivs-alpha.Channel`).
    pub fn new_with_fqn(scope: &impl Construct, id: &str, fqn: &'static str) -> Node {
        scope.node().add_child(id, NodeKind::Plain, fqn)
    }

    pub(crate) fn borrow(&self) -> Ref<'_, Tree> {
        self.tree.borrow()
    }

    pub(crate) fn borrow_mut(&self) -> RefMut<'_, Tree> {
        self.tree.borrow_mut()
    }

    /// The construct's id (after `/` was replaced by `--`).
    pub fn id(&self) -> String {
        self.borrow().nodes[self.id].id.clone()
    }

    /// The construct path: the ids from the first construct below the app down to this
    /// one, joined by `/`. The app's path is empty.
    pub fn path(&self) -> String {
        self.borrow().nodes[self.id].path.clone()
    }

    /// The construct address (`c8` + SHA-1 of the path), stable across tools.
    pub fn addr(&self) -> String {
        let tree = self.borrow();
        let mut ids = vec![""];
        ids.extend(tree.ids_from_root(self.id));
        crate::names::construct_addr(&ids)
    }

    /// The parent construct; `None` for the app.
    pub fn scope(&self) -> Option<Node> {
        self.borrow().nodes[self.id].parent.map(|p| Node {
            tree: self.tree.clone(),
            app: self.app,
            id: p,
        })
    }

    /// The children, in the order they were added.
    pub fn children(&self) -> Vec<Node> {
        self.borrow().nodes[self.id]
            .children
            .iter()
            .map(|c| Node {
                tree: self.tree.clone(),
                app: self.app,
                id: *c,
            })
            .collect()
    }

    /// The child with this id, if any.
    pub fn try_find_child(&self, id: &str) -> Option<Node> {
        let found = self.borrow().find_child(self.id, id);
        found.map(|c| Node {
            tree: self.tree.clone(),
            app: self.app,
            id: c,
        })
    }

    /// The child named `Resource` (else `Default`): the CloudFormation resource of an
    /// L2 construct, for escape hatches.
    pub fn default_child(&self) -> Option<Node> {
        self.try_find_child("Resource")
            .or_else(|| self.try_find_child("Default"))
    }

    /// The stack this construct belongs to; `None` for the app and constructs outside
    /// any stack.
    pub fn stack(&self) -> Option<crate::Stack> {
        self.borrow().nodes[self.id].stack.map(|s| crate::Stack {
            node: Node {
                tree: self.tree.clone(),
                app: self.app,
                id: s,
            },
        })
    }

    /// A context value (from the app's props, `cdk.json`, `--context` or
    /// [`Node::set_context`] on this construct or an ancestor).
    pub fn try_get_context(&self, key: &str) -> Option<serde_json::Value> {
        self.borrow().context_value(self.id, key)
    }

    /// Sets a context value visible to this construct and its descendants.
    pub fn set_context(&self, key: &str, value: serde_json::Value) {
        self.borrow_mut().nodes[self.id]
            .context
            .get_or_insert_with(Default::default)
            .insert(key.to_owned(), value);
    }

    /// Records an informational message, shown by `cdk synth`.
    pub fn add_info(&self, message: impl Into<String>) {
        self.annotate(Severity::Info, "info", None, message.into());
    }

    /// Records a warning: synthesis goes on, `cdk synth` prints it, and `--strict`
    /// makes it fail.
    pub fn add_warning(&self, message: impl Into<String>) {
        self.annotate(Severity::Warning, "warning", None, message.into());
    }

    /// Acknowledges the warnings of one rule (e.g. `secret-in-output`) on this construct
    /// and everything below it, as the CDK's `Annotations.acknowledgeWarning` does: they
    /// are left out of the assembly, of `--strict` and of the report. The rule id is the
    /// one shown in brackets at the end of a warning (`[ack: secret-in-output]`).
    ///
    /// ```
    /// use ivs_cdk_core::{App, AppProps, Construct, Stack};
    /// let app = App::with_props(AppProps::default());
    /// let stack = Stack::new(&app, "S");
    /// stack.node().add_warning("noted");
    /// stack.node().acknowledge_warning("warning");
    /// assert!(app.synth_in_memory().unwrap().warnings.is_empty());
    /// ```
    pub fn acknowledge_warning(&self, rule: &str) {
        let id = self.id;
        self.borrow_mut().acknowledged.push((id, rule.to_owned()));
    }

    /// Records an error: [`App::synth`](crate::App::synth) fails and reports it with
    /// every other problem.
    pub fn add_error(&self, message: impl Into<String>) {
        self.annotate(Severity::Error, "error", None, message.into());
    }

    /// Records a problem found by a validation rule.
    pub fn annotate(
        &self,
        severity: Severity,
        rule: &str,
        property: Option<&str>,
        message: String,
    ) {
        self.borrow_mut()
            .annotate(self.id, severity, rule, property, message);
    }

    pub(crate) fn element_ref(&self) -> ElementRef {
        ElementRef {
            app: self.app,
            node: self.id,
        }
    }

    /// Whether this node is a CloudFormation element (resource, output, parameter...).
    pub fn is_element(&self) -> bool {
        self.borrow().element(self.id).is_some()
    }

    /// The CloudFormation type if this node is a resource.
    pub fn cfn_type(&self) -> Option<String> {
        match self.borrow().element(self.id).map(|e| &e.kind) {
            Some(ElementKind::Resource(r)) => Some(r.cfn_type.to_string()),
            _ => None,
        }
    }

    /// A `Ref` to this node if it is a CloudFormation element.
    pub(crate) fn ref_value(&self) -> Value {
        Value::Ref(self.element_ref())
    }
}

fn fx_hash(id: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = FxHasher::default();
    id.hash(&mut h);
    h.finish()
}
