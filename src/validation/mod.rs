//! The validation engine: the constraints of the CloudFormation schemas as static
//! tables (generated into each [`crate::cfn`] module as `SCHEMA`), and one engine
//! that checks a property tree against them.
//!
//! The same engine serves two callers:
//! - the typed L1 props: [`CfnProps::validate`](crate::CfnProps::validate) renders the
//!   props and checks the result, so every constraint is reported at synth time with
//!   the construct path;
//! - any CloudFormation template: [`lint_template`] checks the IVS and IVSChat
//!   resources of a template written by hand, by SAM or by the CDK.
//!
//! Only literal values are checked: an intrinsic function (`Ref`, `Fn::GetAtt`,
//! `Fn::Join`, `Fn::If`, ...) is accepted wherever the schema expects a value, since
//! its result is known only at deploy time.
//!
//! Each finding has a stable rule id: `required`, `type`, `pattern`, `enum`, `const`,
//! `min-length`, `max-length`, `minimum`, `maximum`, `min-items`, `max-items`,
//! `unique-items`, `additional-property`, `read-only-property`, `tag-aws-prefix`
//! (a warning), and for templates `get-att` and `resource-type`.

mod engine;
mod lint;
mod schema;

pub use engine::{
    validate_final, validate_props, validate_resource, validate_typed, validate_value,
};
pub use lint::{lint_template, LintFinding};
pub use schema::{Kind, Pattern, Property, ResourceSchema, Schema};

#[cfg(test)]
mod tests;
