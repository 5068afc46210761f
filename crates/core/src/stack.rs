//! Stacks: the unit of deployment, one CloudFormation template each.

use std::fmt;

use crate::error::Severity;
use crate::names;
use crate::tree::{Construct, Node, NodeKind};
use crate::value::{Aws, Fn, Value};

/// Where a stack is deployed. Unset fields make the stack environment-agnostic for
/// that field: the template uses `AWS::AccountId` / `AWS::Region` instead.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Environment {
    /// The AWS account id (12 digits).
    pub account: Option<String>,
    /// The region, e.g. `us-west-2`.
    pub region: Option<String>,
}

impl Environment {
    /// An environment with both account and region.
    pub fn new(account: impl Into<String>, region: impl Into<String>) -> Self {
        Environment {
            account: Some(account.into()),
            region: Some(region.into()),
        }
    }

    /// The environment the `cdk` CLI resolved from the credentials in use
    /// (`CDK_DEFAULT_ACCOUNT`, `CDK_DEFAULT_REGION`), as CDK apps write
    /// `env: { account: process.env.CDK_DEFAULT_ACCOUNT, ... }`.
    pub fn from_cli() -> Self {
        let get = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
        Environment {
            account: get("CDK_DEFAULT_ACCOUNT"),
            region: get("CDK_DEFAULT_REGION"),
        }
    }
}

/// How a stack's template and assets are packaged for deployment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum Synthesizer {
    /// The CDK v2 default: bootstrap version parameter and rule, an asset manifest,
    /// and the bootstrap roles (`cdk bootstrap` v6 or newer).
    #[default]
    Default,
    /// The CDK v1 default: only the template, deployed with the caller's credentials.
    Legacy,
    /// Like `Default` but deploys with the caller's credentials: asset manifest, no
    /// roles, no bootstrap version check.
    CliCredentials,
}

/// The settings of a [`Stack`].
#[derive(Debug, Clone, Default)]
pub struct StackProps {
    /// The CloudFormation stack name; the construct id when unset.
    pub stack_name: Option<String>,
    /// The template `Description` (at most 512 characters).
    pub description: Option<String>,
    /// The target environment; environment-agnostic when unset.
    pub env: Option<Environment>,
    /// Whether CloudFormation refuses to delete the stack.
    pub termination_protection: bool,
    /// How the stack is packaged; [`Synthesizer::Default`] when unset.
    pub synthesizer: Option<Synthesizer>,
}

pub(crate) struct StackData {
    pub stack_name: String,
    pub artifact_id: String,
    pub description: Option<String>,
    pub env: Environment,
    pub termination_protection: bool,
    pub synthesizer: Synthesizer,
    pub dependencies: Vec<usize>,
}

/// A CloudFormation stack.
///
/// ```
/// use ivs_cdk_core::{App, Environment, Stack, StackProps};
/// let app = App::new();
/// let stack = Stack::with_props(&app, "Video", StackProps {
///     env: Some(Environment::new("123456789012", "us-west-2")),
///     ..Default::default()
/// });
/// assert_eq!(stack.stack_name(), "Video");
/// ```
#[derive(Clone)]
pub struct Stack {
    pub(crate) node: Node,
}

impl fmt::Debug for Stack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stack({:?})", self.node.path())
    }
}

impl Construct for Stack {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl Stack {
    /// A stack with default settings.
    pub fn new(scope: &impl Construct, id: &str) -> Stack {
        Self::with_props(scope, id, StackProps::default())
    }

    /// A stack with explicit settings.
    pub fn with_props(scope: &impl Construct, id: &str, props: StackProps) -> Stack {
        let parent = scope.node();
        let (components, path_ok) = {
            let tree = parent.borrow();
            let mut c: Vec<String> = tree
                .ids_from_root(parent.id)
                .into_iter()
                .map(str::to_owned)
                .collect();
            c.push(names::sanitize_id(id));
            (c, !id.is_empty())
        };
        let refs: Vec<&str> = components.iter().map(String::as_str).collect();
        let default_name = if refs.len() == 1 {
            refs[0].to_owned()
        } else {
            names::unique_resource_name(&refs, 128, "-").unwrap_or_default()
        };
        let artifact_id = if path_ok {
            names::artifact_id(&refs)
        } else {
            String::new()
        };
        let explicit_name = props.stack_name.is_some();
        let stack_name = props.stack_name.unwrap_or(default_name);
        let description = props.description;
        let data = StackData {
            stack_name: stack_name.clone(),
            artifact_id,
            description: description.clone(),
            env: props.env.unwrap_or_default(),
            termination_protection: props.termination_protection,
            synthesizer: props.synthesizer.unwrap_or_default(),
            dependencies: Vec::new(),
        };
        let node = parent.add_child(id, NodeKind::Stack(Box::new(data)), "aws-cdk-lib.Stack");
        let what = if explicit_name {
            "stack name"
        } else {
            "stack name (from the construct id)"
        };
        if stack_name.chars().count() > 128 {
            node.annotate(
                Severity::Error,
                "stack-name-length",
                None,
                format!(
                    "the {what} is {} characters long; CloudFormation allows at most 128",
                    stack_name.chars().count()
                ),
            );
        } else if !names::is_valid_stack_name(&stack_name) {
            node.annotate(
                Severity::Error,
                "stack-name-pattern",
                None,
                format!(
                    "the {what} '{stack_name}' is invalid: it must start with a letter and contain only letters, digits and hyphens (^[A-Za-z][A-Za-z0-9-]*$)"
                ),
            );
        }
        if let Some(d) = &description {
            if d.chars().count() > 512 {
                node.annotate(
                    Severity::Error,
                    "stack-description-length",
                    None,
                    format!(
                        "the stack description is {} characters long; at most 512 are allowed (CloudFormation's limit is 1024 bytes)",
                        d.chars().count()
                    ),
                );
            }
        }
        Stack { node }
    }

    fn data<R>(&self, f: impl FnOnce(&StackData) -> R) -> R {
        let tree = self.node.borrow();
        match tree.stack_data(self.node.id) {
            Some(d) => f(d),
            None => unreachable!("Stack handle on a node that is not a stack"),
        }
    }

    /// The CloudFormation stack name.
    pub fn stack_name(&self) -> String {
        self.data(|d| d.stack_name.clone())
    }

    /// The cloud-assembly artifact id (what `cdk ls` and `cdk deploy <id>` use).
    pub fn artifact_id(&self) -> String {
        self.data(|d| d.artifact_id.clone())
    }

    /// The environment given at construction.
    pub fn environment(&self) -> Environment {
        self.data(|d| d.env.clone())
    }

    /// The region: the literal when known, else `{"Ref": "AWS::Region"}`.
    pub fn region(&self) -> Value {
        self.data(|d| d.env.region.clone())
            .map_or_else(Aws::region, Value::String)
    }

    /// The account: the literal when known, else `{"Ref": "AWS::AccountId"}`.
    pub fn account(&self) -> Value {
        self.data(|d| d.env.account.clone())
            .map_or_else(Aws::account_id, Value::String)
    }

    /// `arn:<partition>:<service>:<region>:<account>:<resource>/<name>` for a resource of
    /// this stack's environment (the CDK's `stack.formatArn` with a slash separator).
    pub fn format_arn(&self, service: &str, resource: &str, resource_name: Option<&str>) -> Value {
        let mut tail = format!(":{resource}");
        if let Some(name) = resource_name {
            tail.push('/');
            tail.push_str(name);
        }
        Fn::join(
            "",
            [
                "arn:".into(),
                Aws::partition(),
                format!(":{service}:").into(),
                self.region(),
                ":".into(),
                self.account(),
                tail.into(),
            ],
        )
    }

    /// Makes this stack deploy after `other` (a manifest dependency).
    pub fn add_dependency(&self, other: &Stack) {
        let other_id = other.node.id;
        let mut tree = self.node.borrow_mut();
        if let Some(NodeKind::Stack(d)) = tree.nodes.get_mut(self.node.id).map(|n| &mut n.kind) {
            if !d.dependencies.contains(&other_id) {
                d.dependencies.push(other_id);
            }
        }
    }

    /// The stack a construct belongs to.
    pub fn of(construct: &impl Construct) -> Option<Stack> {
        construct.node().stack()
    }
}
