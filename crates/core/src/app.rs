//! The app: root of the construct tree, reader of the `cdk` CLI's context, and the
//! entry point of synthesis.

use std::cell::RefCell;
use std::fmt;
use std::path::PathBuf;
use std::rc::Rc;

use indexmap::IndexMap;

use crate::error::{Error, Severity};
use crate::tree::{Construct, Node, Tree};

/// Environment variable naming the output folder (set by the `cdk` CLI).
pub const OUTDIR_ENV: &str = "CDK_OUTDIR";
/// Environment variable holding the context as a JSON object (set by the `cdk` CLI).
pub const CONTEXT_ENV: &str = "CDK_CONTEXT_JSON";
/// Environment variable naming a JSON file with context that did not fit in
/// [`CONTEXT_ENV`] (set by the `cdk` CLI for large contexts).
pub const CONTEXT_OVERFLOW_ENV: &str = "CONTEXT_OVERFLOW_LOCATION_ENV";

/// Context key: add `aws:cdk:path` metadata to every resource (the CLI sets it).
pub const PATH_METADATA_CONTEXT: &str = "aws:cdk:enable-path-metadata";
/// Context key: the number of resources allowed in a stack; 0 lifts it, and with it
/// the checks of CloudFormation's other per-template limits (200 outputs, 200
/// parameters), e.g. for benchmarks that never deploy.
pub const STACK_RESOURCE_LIMIT_CONTEXT: &str = "@aws-cdk/core:stackResourceLimit";
/// Context key: turn every warning into an error at synthesis.
pub const STRICT_CONTEXT: &str = "ivs-cdk:strict";

/// The settings of an [`App`].
#[derive(Debug, Clone, Default)]
pub struct AppProps {
    /// Where to write the cloud assembly; `$CDK_OUTDIR`, else `./cdk.out`, when unset.
    pub outdir: Option<PathBuf>,
    /// Context values; the CLI's context (`CDK_CONTEXT_JSON`) is merged over them.
    pub context: IndexMap<String, serde_json::Value>,
}

/// The root of the construct tree. Build stacks under it, then call
/// [`App::synth`].
///
/// ```
/// use ivs_cdk_core::{App, AppProps, Stack};
/// let dir = tempfile::tempdir().unwrap();
/// let app = App::with_props(AppProps { outdir: Some(dir.path().into()), ..Default::default() });
/// Stack::new(&app, "MyStack");
/// let assembly = app.synth().unwrap();
/// assert_eq!(assembly.stacks[0].artifact_id, "MyStack");
/// ```
#[derive(Clone)]
pub struct App {
    node: Node,
    outdir: Option<PathBuf>,
}

impl fmt::Debug for App {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("App").field("outdir", &self.outdir).finish()
    }
}

impl Default for App {
    fn default() -> Self {
        Self::new()
    }
}

impl Construct for App {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl App {
    /// An app configured from the environment, as the `cdk` CLI runs it.
    pub fn new() -> App {
        Self::with_props(AppProps::default())
    }

    /// An app with explicit settings; the CLI's context still applies on top.
    pub fn with_props(props: AppProps) -> App {
        let tree = Rc::new(RefCell::new(Tree::new("aws-cdk-lib.App")));
        let app_id = tree.borrow().app_id;
        let node = Node {
            tree,
            id: 0,
            app: app_id,
        };
        let mut context = props.context;
        let mut problems = Vec::new();
        if let Ok(json) = std::env::var(CONTEXT_ENV) {
            merge_context(&mut context, &json, CONTEXT_ENV, &mut problems);
        }
        if let Ok(path) = std::env::var(CONTEXT_OVERFLOW_ENV) {
            match std::fs::read_to_string(&path) {
                Ok(json) => merge_context(&mut context, &json, &path, &mut problems),
                Err(e) => problems.push(format!("cannot read the context file {path}: {e}")),
            }
        }
        {
            let mut tree = node.borrow_mut();
            tree.nodes[0].context = Some(Box::new(context));
            for p in problems {
                tree.annotate(0, Severity::Error, "context", None, p);
            }
        }
        App {
            node,
            outdir: props.outdir,
        }
    }

    /// The folder the cloud assembly is written to.
    pub fn outdir(&self) -> PathBuf {
        self.outdir
            .clone()
            .or_else(|| {
                std::env::var_os(OUTDIR_ENV)
                    .filter(|v| !v.is_empty())
                    .map(PathBuf::from)
            })
            .unwrap_or_else(|| PathBuf::from("cdk.out"))
    }

    /// Validates the whole app and writes the cloud assembly. Nothing is written when
    /// there is any error: the [`Error`] lists all of them.
    pub fn synth(&self) -> Result<crate::Assembly, Error> {
        let outdir = self.outdir();
        // Files go straight into a staging folder as they are rendered; the folder
        // replaces `outdir` only when everything was written.
        let staging = crate::assembly::Staging::new(&outdir)?;
        let rendered = crate::synth::synthesize(&self.node, Some(&staging))?;
        staging.commit()?;
        Ok(rendered.summary(outdir))
    }

    /// Validates and renders the app in memory without writing anything.
    pub fn synth_in_memory(&self) -> Result<crate::RenderedAssembly, Error> {
        crate::synth::synthesize(&self.node, None)
    }
}

fn merge_context(
    into: &mut IndexMap<String, serde_json::Value>,
    json: &str,
    source: &str,
    problems: &mut Vec<String>,
) {
    match serde_json::from_str::<serde_json::Value>(json) {
        Ok(serde_json::Value::Object(map)) => {
            for (k, v) in map {
                into.insert(k, v);
            }
        }
        Ok(_) => problems.push(format!("the context in {source} is not a JSON object")),
        Err(e) => problems.push(format!("the context in {source} is not valid JSON: {e}")),
    }
}

#[allow(dead_code)]
fn _assert_error_is_send_sync() {
    fn f<T: Send + Sync>() {}
    f::<Error>();
}
