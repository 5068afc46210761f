//! Construct tree and AWS CDK-compatible synthesis.
//!
//! This crate is the core of `ivs-cdk`: [`App`], [`Stack`], typed [`Value`]s with
//! intrinsic functions, CloudFormation elements ([`CfnResource`], [`CfnOutput`],
//! [`CfnParameter`], ...), [`Tags`], and synthesis into a cloud assembly (`cdk.out`)
//! that the AWS CDK CLI deploys. The naming algorithms ([`names`]) and the output
//! format match `aws-cdk-lib` 2.276.0 byte for byte.
//!
//! Most users depend on the `ivs-cdk` crate, which re-exports this one.

#![warn(missing_docs)]

mod app;
mod arn;
mod assembly;
mod element;
mod error;
mod json;
pub mod names;
mod stack;
mod synth;
mod tags;
mod tree;
mod validate;
mod value;

pub use app::{
    App, AppProps, CONTEXT_ENV, CONTEXT_OVERFLOW_ENV, OUTDIR_ENV, PATH_METADATA_CONTEXT,
    STACK_RESOURCE_LIMIT_CONTEXT, STRICT_CONTEXT,
};
pub use arn::{ArnComponents, ArnError};
pub use element::{
    CfnCondition, CfnOutput, CfnOutputProps, CfnParameter, CfnParameterProps, CfnProps,
    CfnResource, CfnRule, RawProps, RemovalPolicy,
};
pub use error::{Error, ErrorKind, Problem, Severity};
pub use stack::{Environment, Stack, StackProps, Synthesizer};
pub use synth::{
    Assembly, RenderedAssembly, RenderedStack, StackSummary, ASSEMBLY_VERSION, MINIMUM_CLI_VERSION,
};
pub use tags::{check_tags, locale_compare, CfnTag, TagProps, Tags, MAX_TAGS};
pub use tree::{Construct, ElementRef, Node};
pub use validate::{Finding, Findings};
pub use value::{Aws, Fn, Value};
