//! `AWS::IVS::PlaybackKeyPair`.

use indexmap::IndexMap;

use super::macros::{l1_construct, render_props};
use crate::{CfnProps, CfnTag, Value};

/// Properties of `AWS::IVS::PlaybackKeyPair`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnPlaybackKeyPairProps {
    /// `Name`.
    pub name: Option<Value>,
    /// `PublicKeyMaterial`: the public key, SPKI PEM on P-384.
    pub public_key_material: Option<Value>,
    /// `Tags`.
    pub tags: Option<Vec<CfnTag>>,
}

impl CfnProps for CfnPlaybackKeyPairProps {
    fn cfn_type(&self) -> &'static str {
        "AWS::IVS::PlaybackKeyPair"
    }
    fn taggable(&self) -> bool {
        true
    }
    fn initial_tags(&self) -> Vec<CfnTag> {
        self.tags.clone().unwrap_or_default()
    }
    fn render(&self) -> IndexMap<String, Value> {
        let mut m = IndexMap::new();
        render_props!(m;
            "Name" => &self.name,
            "PublicKeyMaterial" => &self.public_key_material,
        );
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
    /// An `AWS::IVS::PlaybackKeyPair` resource.
    CfnPlaybackKeyPair, CfnPlaybackKeyPairProps, "AWS::IVS::PlaybackKeyPair", "aws-cdk-lib.aws_ivs.CfnPlaybackKeyPair",
    attrs {
        /// `Arn`: the key pair ARN.
        attr_arn => "Arn",
        /// `Fingerprint`: the key pair's fingerprint.
        attr_fingerprint => "Fingerprint",
    }
}
