//! Template rendering, streamed to JSON text; resources with raw overrides go through
//! a JSON document so that the overrides can be deep-merged as the CDK does.

use sha2::{Digest, Sha256};

use super::artifacts::hex;
use super::*;
use crate::assembly::StagedFile;

pub(super) enum Ov {
    Leaf(Option<Json>),
    Branch(IndexMap<String, Ov>),
}

pub(super) fn deep_merge(target: &mut Map<String, Json>, source: IndexMap<String, Ov>) {
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
                        // As the CDK: a key that merges to an empty object goes.
                        if t.is_empty() {
                            target.shift_remove(&k);
                        }
                    }
                } else {
                    target.insert(k, j);
                }
            }
        }
    }
}

pub(super) fn remove_nulls(v: &mut Json) {
    match v {
        Json::Object(m) => {
            m.retain(|_, x| !x.is_null());
            m.values_mut().for_each(remove_nulls);
        }
        Json::Array(a) => a.iter_mut().for_each(remove_nulls),
        _ => {}
    }
}

/// A rendered template: its text (empty when streamed to a file), its SHA-256 (hex),
/// and its numbers of resources and outputs.
pub(super) type Template = (String, String, usize, usize);

/// Bytes of template text buffered before they are written out.
const FLUSH_AT: usize = 1 << 20;

pub(super) fn section_of(kind: &ElementKind) -> &'static str {
    match kind {
        ElementKind::Resource(_) => "Resources",
        ElementKind::Output(_) => "Outputs",
        ElementKind::Parameter(_) => "Parameters",
        ElementKind::Condition(_) => "Conditions",
        ElementKind::Rule(_) => "Rules",
    }
}

pub(super) fn render_template(
    tree: &Tree,
    stack: NodeId,
    elements: &[NodeId],
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
    mut sink: Option<&mut StagedFile>,
) -> Result<Template, Error> {
    // Sections appear in the order their first element appears, as in the CDK.
    let mut sections: Vec<(&'static str, Vec<NodeId>)> = Vec::new();
    let mut resources = 0;
    let mut outputs = 0;
    for &n in elements {
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
    // Streamed to a file in chunks, or kept whole in memory.
    let capacity = if sink.is_some() {
        FLUSH_AT + (FLUSH_AT >> 2)
    } else {
        256 + 400 * (resources + outputs)
    };
    let mut w = JsonWriter::new(" ", capacity);
    let mut hasher = Sha256::new();
    w.begin_object();
    if let Some(d) = tree
        .stack_data(stack)
        .and_then(|d| d.description.as_deref())
    {
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
                    write_resource(&mut w, tree, stack, n, r, tags, ctx, path_metadata, false)
                }
                Some(ElementKind::Output(o)) => write_output(&mut w, tree, stack, n, o, ctx),
                _ => {
                    let entry = element_json(tree, stack, n, tags, ctx, path_metadata)
                        .map(|(_, j)| j)
                        .unwrap_or(Json::Null);
                    w.json(&entry);
                }
            }
            if w.out.len() >= FLUSH_AT {
                if let Some(file) = sink.as_deref_mut() {
                    hasher.update(w.out.as_bytes());
                    file.write(w.out.as_bytes())?;
                    w.out.clear();
                }
            }
        }
        w.end();
    }
    w.end();
    hasher.update(w.out.as_bytes());
    let hash = hex(&hasher.finalize());
    if let Some(file) = sink {
        file.write(w.out.as_bytes())?;
        w.out = String::new();
    }
    Ok((w.out, hash, resources, outputs))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn write_resource(
    w: &mut JsonWriter,
    tree: &Tree,
    stack: NodeId,
    n: NodeId,
    r: &crate::element::ResourceData,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
    placeholders: bool,
) {
    w.begin_object();
    w.key("Type");
    w.string(&r.cfn_type);
    let tag_list = tags
        .get(&n)
        .filter(|t| r.tags.is_some() && !t.is_empty())
        .map(|tm| tm.sorted());
    let mut any_prop = false;
    r.props
        .for_each_property(&mut |_, v| any_prop |= !v.is_null());
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
        r.props.for_each_property(&mut |k, v| {
            if !tags_done && k >= "Tags" {
                write_tags(w, ctx);
                tags_done = true;
            }
            if (k == "Tags" && tag_list.is_some()) || (v.is_null() && !placeholders) {
                return;
            }
            // With placeholders, unset properties are written as null so that overrides
            // merged later keep the schema's order (the nulls are removed afterwards).
            w.key(k);
            ctx.write(w, tree, stack, n, v);
        });
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
    let any_metadata = r.metadata.iter().any(|(_, v)| !v.is_null());
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

pub(super) fn write_output(
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
pub(super) fn element_json(
    tree: &Tree,
    stack: NodeId,
    n: NodeId,
    tags: &NodeMap<TagManager>,
    ctx: &mut Ctx,
    path_metadata: bool,
) -> Option<(&'static str, Json)> {
    let e = tree.element(n)?;
    let entry = match &e.kind {
        ElementKind::Resource(r) => {
            // The entry as the template writer writes it (with placeholders), then the
            // raw overrides deep-merged over it, as the CDK does.
            let mut w = JsonWriter::new("", 512);
            write_resource(&mut w, tree, stack, n, r, tags, ctx, path_metadata, true);
            let mut entry = match serde_json::from_str(&w.out) {
                Ok(Json::Object(m)) => m,
                _ => Map::new(),
            };
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
            let mut w = JsonWriter::new("", 256);
            write_output(&mut w, tree, stack, n, o, ctx);
            (
                "Outputs",
                serde_json::from_str(&w.out).unwrap_or(Json::Null),
            )
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

pub(super) fn insert_override(tree: &mut IndexMap<String, Ov>, path: &[String], leaf: Ov) {
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
    // A deeper override walks into an object set by an earlier one, as the CDK's
    // `addOverride` does; any other earlier value is replaced.
    if let Ov::Leaf(previous) = entry {
        let branch = match previous.take() {
            Some(Json::Object(m)) => m.into_iter().map(|(k, v)| (k, Ov::Leaf(Some(v)))).collect(),
            _ => IndexMap::new(),
        };
        *entry = Ov::Branch(branch);
    }
    if let Ov::Branch(b) = entry {
        insert_override(b, rest, leaf);
    }
}

pub(super) fn render_depends_on(
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
