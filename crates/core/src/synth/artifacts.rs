//! The other files of the assembly: asset manifests, stack metadata, the manifest and
//! `tree.json`.

use super::*;

pub(super) fn hex(digest: &[u8]) -> String {
    crate::names::hex(digest, b"0123456789abcdef")
}

pub(super) fn sha256_hex(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex(&Sha256::digest(data))
}

#[allow(clippy::too_many_arguments)]
pub(super) fn render_stack_artifacts(
    tree: &Tree,
    s: NodeId,
    template: String,
    hash: String,
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
        if n != s
            && (matches!(tree.nodes[n].kind, NodeKind::Stack(_)) || tree.nodes[n].stack != Some(s))
        {
            continue;
        }
        let lid = ctx.lids.get(&n);
        let annotations = tree.nodes[n]
            .annotations
            .iter()
            .filter(|a| a.severity != Severity::Error);
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
            if a.severity == Severity::Warning {
                // As the CDK writes them: the id to acknowledge the warning with.
                let message = format!("{} [ack: {}]", a.message, a.rule);
                entry(&mut w, a.severity.metadata_type(), &message);
            } else {
                entry(&mut w, a.severity.metadata_type(), &a.message);
            }
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

pub(super) fn render_manifest(stacks: &[RenderedStack]) -> String {
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

/// `tree.json`; with a file, written into it in chunks (and the returned text is empty).
pub(super) fn render_tree(
    tree: &Tree,
    ctx: &Ctx,
    mut sink: Option<&mut crate::assembly::StagedFile>,
) -> Result<String, Error> {
    const VERSION: &str = env!("CARGO_PKG_VERSION");
    const FLUSH_AT: usize = 1 << 20;
    let capacity = if sink.is_some() {
        FLUSH_AT + (FLUSH_AT >> 2)
    } else {
        160 * tree.nodes.len()
    };
    let mut w = JsonWriter::new("", capacity);
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
        if w.out.len() >= FLUSH_AT {
            if let Some(file) = sink.as_deref_mut() {
                file.write(w.out.as_bytes())?;
                w.out.clear();
            }
        }
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
        write_head(&mut w, if n == 0 { "App" } else { &d.id }, &d.path, d.fqn);
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
    if let Some(file) = sink {
        file.write(w.out.as_bytes())?;
        return Ok(String::new());
    }
    Ok(w.out)
}
