//! Whole-app checks that need the prepared tree: typed-props validation, resource
//! limits, dependency cycles between stacks.

use super::*;

pub(super) fn validate(
    tree: &mut Tree,
    stacks: &[NodeId],
    elements: &[Vec<NodeId>],
    stack_deps: &HashMap<NodeId, Vec<NodeId>>,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
) {
    // Typed props; a resource with escape-hatch overrides is checked as it will be
    // written, overrides merged in.
    let mut found: Vec<(NodeId, crate::validate::Finding)> = Vec::new();
    for n in tree.dfs(0) {
        let Some(ElementKind::Resource(r)) = tree.element(n).map(|e| &e.kind) else {
            continue;
        };
        let mut f = crate::validate::Findings::new();
        match tree.nodes[n].stack.filter(|_| !r.overrides.is_empty()) {
            Some(stack) => {
                let properties = super::template::element_json(tree, stack, n, tags, ctx, false)
                    .and_then(|(_, mut entry)| entry.get_mut("Properties").map(Json::take))
                    .map_or(Value::Null, Value::from);
                r.props.validate_final(&properties, &mut f);
            }
            None => r.props.validate(&mut f),
        }
        found.extend(f.into_items().into_iter().map(|i| (n, i)));
    }
    for (n, f) in found {
        // One problem, one message: when the construct that owns the resource (or the
        // resource itself) already reported this property or rule, the check is silent.
        let already = |node: Option<NodeId>| {
            node.is_some_and(|x| {
                tree.nodes[x].annotations.iter().any(|a| {
                    !a.from_synth
                        && a.severity == f.severity
                        && ((a.property.is_some() && a.property == f.property) || a.rule == f.rule)
                })
            })
        };
        if already(Some(n)) || already(tree.nodes[n].parent) {
            continue;
        }
        tree.annotate(n, f.severity, &f.rule, f.property.as_deref(), f.message);
    }
    secrets_in_outputs(tree);
    private_keys_in_templates(tree, stacks, &ctx.private_keys);
    // Resource limit.
    let limit_value = tree.context_value(0, STACK_RESOURCE_LIMIT_CONTEXT);
    let limit = match &limit_value {
        None => DEFAULT_RESOURCE_LIMIT,
        Some(Json::Number(n)) if n.as_u64().is_some() => {
            n.as_u64().unwrap_or(DEFAULT_RESOURCE_LIMIT)
        }
        Some(Json::String(s)) if s.parse::<u64>().is_ok() => {
            s.parse().unwrap_or(DEFAULT_RESOURCE_LIMIT)
        }
        Some(other) => {
            tree.annotate(
                0,
                Severity::Warning,
                "context-value",
                None,
                format!("the context value '{STACK_RESOURCE_LIMIT_CONTEXT}' is {other}, not a whole number; the default limit of {DEFAULT_RESOURCE_LIMIT} resources applies"),
            );
            DEFAULT_RESOURCE_LIMIT
        }
    };
    match tree.context_value(0, STRICT_CONTEXT) {
        None | Some(Json::Bool(_)) => {}
        Some(Json::String(s)) if s == "true" || s == "false" => {}
        Some(other) => tree.annotate(
            0,
            Severity::Warning,
            "context-value",
            None,
            format!("the context value '{STRICT_CONTEXT}' is {other}; use true or false (strict mode is off)"),
        ),
    }
    // CloudFormation's per-template limits; 0 for the resource limit lifts them all.
    for (&s, list) in stacks.iter().zip(elements).filter(|_| limit > 0) {
        let (mut resources, mut outputs, mut parameters) = (0u64, 0u64, 0u64);
        for &n in list {
            match tree.element(n).map(|e| &e.kind) {
                Some(ElementKind::Resource(_)) => resources += 1,
                Some(ElementKind::Output(_)) => outputs += 1,
                Some(ElementKind::Parameter(_)) => parameters += 1,
                _ => {}
            }
        }
        let path = tree.nodes[s].path.clone();
        if resources > limit {
            tree.annotate(
                s,
                Severity::Error,
                "stack-resource-limit",
                None,
                format!("stack '{path}' has {resources} resources, more than the {limit} CloudFormation allows in one stack; split it into several stacks (or set the context '{STACK_RESOURCE_LIMIT_CONTEXT}' if your account's quota is higher)"),
            );
        }
        for (count, what, rule) in [
            (outputs, "outputs", "stack-output-limit"),
            (parameters, "parameters", "stack-parameter-limit"),
        ] {
            if count > 200 {
                tree.annotate(
                    s,
                    Severity::Error,
                    rule,
                    None,
                    format!("stack '{path}' has {count} {what}, more than the 200 CloudFormation allows in one template; split it into several stacks"),
                );
            }
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

/// A PEM private key anywhere in a template (a property, a parameter default, metadata,
/// the description) is an error: templates are uploaded to the assets bucket and shown by
/// CloudFormation. Outputs have their own warning; a construct that already said "this
/// is a private key" about its property is not told again.
fn private_keys_in_templates(tree: &mut Tree, stacks: &[NodeId], found: &[NodeId]) {
    let said = |tree: &Tree, n: Option<NodeId>| {
        n.is_some_and(|x| {
            tree.nodes[x]
                .annotations
                .iter()
                .any(|a| a.rule.contains("private-key"))
        })
    };
    let mut hits: Vec<NodeId> = stacks
        .iter()
        .copied()
        .filter(|s| {
            tree.stack_data(*s)
                .and_then(|d| d.description.as_deref())
                .is_some_and(crate::value::holds_private_key)
        })
        .collect();
    hits.extend(
        found
            .iter()
            .copied()
            .filter(|n| !said(tree, Some(*n)) && !said(tree, tree.nodes[*n].parent)),
    );
    for n in hits {
        let path = tree.nodes[n].path.clone();
        tree.annotate(
            n,
            Severity::Error,
            "private-key-in-template",
            None,
            format!("'{path}' puts a PEM private key into the CloudFormation template, which is uploaded to the assets bucket and readable by anyone who can read the stack; keep private keys in a secret store and give IVS only public keys"),
        );
    }
}

/// Outputs are readable by anyone allowed `cloudformation:DescribeStacks`: a stream key
/// value (`Fn::GetAtt [<StreamKey>, Value]`, alone or inside an intrinsic) or a private
/// key pasted into an output earns a warning. The message never repeats the secret.
fn secrets_in_outputs(tree: &mut Tree) {
    let mut found: Vec<(NodeId, String)> = Vec::new();
    for n in tree.dfs(0) {
        let Some(ElementKind::Output(o)) = tree.element(n).map(|e| &e.kind) else {
            continue;
        };
        let Some(value) = &o.value else { continue };
        let mut keys: Vec<NodeId> = Vec::new();
        let mut private_key = false;
        value.walk(&mut |v| match v {
            Value::GetAtt(r, attr) if attr == "Value" && r.app == tree.app_id => {
                let is_stream_key = matches!(
                    tree.element(r.node).map(|e| &e.kind),
                    Some(ElementKind::Resource(res)) if res.cfn_type == "AWS::IVS::StreamKey"
                );
                if is_stream_key && !keys.contains(&r.node) {
                    keys.push(r.node);
                }
            }
            Value::String(s) if s.contains("PRIVATE KEY-----") => private_key = true,
            _ => {}
        });
        let path = &tree.nodes[n].path;
        for k in keys {
            let key_path = tree.nodes[k]
                .parent
                .filter(|_| tree.nodes[k].id == "Resource")
                .map_or(&tree.nodes[k].path, |p| &tree.nodes[p].path);
            found.push((n, format!(
                "the output '{path}' holds the value of the stream key '{key_path}', a secret: anyone who may read the stack's outputs (cloudformation:DescribeStacks) can stream to the channel; export the stream key's ARN instead and read the value at run time with ivs:GetStreamKey, or keep it in AWS Secrets Manager"
            )));
        }
        if private_key {
            found.push((n, format!(
                "the output '{path}' holds a private key (PEM 'PRIVATE KEY'), a secret readable by anyone who may read the stack's outputs; keep private keys out of templates (e.g. in AWS Secrets Manager) and put only the public key in the app"
            )));
        }
    }
    for (n, message) in found {
        tree.annotate(
            n,
            Severity::Warning,
            "secret-in-output",
            Some("Value"),
            message,
        );
    }
}

pub(super) fn find_cycle(
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
