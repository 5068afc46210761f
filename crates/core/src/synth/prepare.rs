//! Preparation: tags, cross-stack exports and imports, and the synthesizer's own
//! elements (bootstrap version parameter and rule).

use super::*;

/// Applies `Tags::of` operations; returns the final tags of every taggable resource and
/// every stack.
pub(super) fn apply_tags(tree: &Tree) -> NodeMap<TagManager> {
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
                ElementKind::Resource(r) => r.tags.clone().map(|t| (r.cfn_type.to_string(), t)),
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

/// Calls `f` on every value an element holds (typed props rendered on the fly, so
/// that no rendered copy of every resource is kept in memory).
pub(super) fn for_each_value(
    tree: &Tree,
    n: NodeId,
    tags: &NodeMap<TagManager>,
    f: &mut dyn FnMut(&Value),
) {
    match tree.element(n).map(|e| &e.kind) {
        Some(ElementKind::Resource(r)) => {
            r.props.for_each_property(&mut |_, v| f(v));
            for v in r.overrides.iter().filter_map(|(_, v)| v.as_ref()) {
                f(v);
            }
            r.metadata.iter().for_each(|(_, v)| f(v));
            if let Some(tm) = tags.get(&n) {
                for (_, v) in tm.sorted() {
                    f(v);
                }
            }
        }
        Some(ElementKind::Output(o)) => {
            o.value.iter().for_each(&mut *f);
            o.export_name.iter().for_each(&mut *f);
        }
        Some(ElementKind::Parameter(p)) => p.default.iter().for_each(&mut *f),
        Some(ElementKind::Condition(v)) | Some(ElementKind::Rule(v)) => f(v),
        None => {}
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn create_exports(
    tree: &mut Tree,
    stacks: &[NodeId],
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    stack_deps: &mut HashMap<NodeId, Vec<NodeId>>,
) {
    // Collect (consumer stack, consumer element, target element, attribute).
    let mut refs: Vec<(NodeId, NodeId, NodeId, Option<String>)> = Vec::new();
    let mut foreign: Vec<NodeId> = Vec::new();
    for &s in stacks {
        for n in stack_elements(tree, s) {
            let is_output = matches!(
                tree.element(n).map(|e| &e.kind),
                Some(ElementKind::Output(_))
            );
            let mut private_key = false;
            for_each_value(tree, n, tags, &mut |v| {
                v.walk(&mut |x| {
                    let (r, attr) = match x {
                        Value::Ref(r) => (r, None),
                        Value::GetAtt(r, a) => (r, Some(a.clone())),
                        // The same walk looks for private keys (see check.rs).
                        Value::String(s) => {
                            private_key |= !is_output && crate::value::holds_private_key(s);
                            return;
                        }
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
            });
            if private_key {
                ctx.private_keys.push(n);
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
        let exports_group = match tree.find_child(producer_stack, "Exports") {
            Some(g) => g,
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
        // A second synthesis of the same app finds the export made by the first.
        if tree.find_child(exports_group, &output_id).is_none() {
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
        }
        tree.locked = was_locked;
        ctx.exports.insert(key, export_name);
    }
}

pub(super) fn producer_lid(tree: &Tree, stack: NodeId, target: NodeId) -> Option<String> {
    if let Some(o) = tree
        .element(target)
        .and_then(|e| e.logical_id_override.clone())
    {
        return Some(o);
    }
    names::make_unique_id(&tree.ids_below(stack, target)).ok()
}

pub(super) fn add_synthesizer_elements(tree: &mut Tree, stacks: &[NodeId]) {
    let was_locked = tree.locked;
    tree.locked = false;
    for &s in stacks {
        let synth = tree.stack_data(s).map(|d| d.synthesizer);
        if synth != Some(Synthesizer::Default) {
            continue;
        }
        if tree.find_child(s, "BootstrapVersion").is_some() {
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

/// `add_dependency` on a resource of another stack orders the stacks instead (the
/// template cannot name it): the dependent stack depends on the other one.
pub(super) fn cross_stack_resource_dependencies(
    tree: &Tree,
    stack_deps: &mut HashMap<NodeId, Vec<NodeId>>,
) {
    for n in 0..tree.nodes.len() {
        let Some(ElementKind::Resource(r)) = tree.element(n).map(|e| &e.kind) else {
            continue;
        };
        let (Some(own), true) = (tree.nodes[n].stack, tree.nodes[n].attached) else {
            continue;
        };
        for &t in &r.depends_on {
            for m in tree.dfs(t) {
                let other = tree.nodes[m].stack;
                let is_resource = matches!(
                    tree.element(m).map(|e| &e.kind),
                    Some(ElementKind::Resource(_))
                );
                if let (true, Some(other)) = (is_resource, other) {
                    if other != own {
                        let deps = stack_deps.entry(own).or_default();
                        if !deps.contains(&other) {
                            deps.push(other);
                        }
                    }
                }
            }
        }
    }
}
