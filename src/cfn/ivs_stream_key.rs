//! `AWS::IVS::StreamKey`.

use indexmap::IndexMap;

use super::macros::{l1_construct, render_props};
use crate::{CfnProps, CfnTag, Value};

/// Properties of `AWS::IVS::StreamKey`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnStreamKeyProps {
    /// `ChannelArn` (required).
    pub channel_arn: Option<Value>,
    /// `Tags`.
    pub tags: Option<Vec<CfnTag>>,
}

impl CfnProps for CfnStreamKeyProps {
    fn cfn_type(&self) -> &'static str {
        "AWS::IVS::StreamKey"
    }
    fn taggable(&self) -> bool {
        true
    }
    fn initial_tags(&self) -> Vec<CfnTag> {
        self.tags.clone().unwrap_or_default()
    }
    fn render(&self) -> IndexMap<String, Value> {
        let mut m = IndexMap::new();
        render_props!(m; "ChannelArn" => &self.channel_arn);
        m.insert("Tags".into(), Value::Null);
        m
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

l1_construct! {
    /// An `AWS::IVS::StreamKey` resource.
    CfnStreamKey, CfnStreamKeyProps, "AWS::IVS::StreamKey", "aws-cdk-lib.aws_ivs.CfnStreamKey",
    attrs {
        /// `Arn`: the stream key ARN.
        attr_arn => "Arn",
        /// `Value`: the stream key itself, a secret. Do not put it in outputs.
        attr_value => "Value",
    }
}
