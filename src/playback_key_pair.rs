//! The `PlaybackKeyPair` construct.

use crate::cfn::{CfnPlaybackKeyPair, CfnPlaybackKeyPairProps};
use crate::rules::{
    check_name, check_playback_key_pair_quota, check_public_key_material, check_stack_region,
};
use crate::{Construct, Node, Value};

/// The settings of a [`PlaybackKeyPair`].
#[derive(Debug, Clone, Default)]
pub struct PlaybackKeyPairProps {
    /// The public key, as the SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of a P-384 key
    /// (required). Make one with `ivs-cdk keygen` or
    /// `openssl ecparam -name secp384r1 -genkey -noout -out priv.pem && openssl ec -in priv.pem -pubout`.
    pub public_key_material: Value,
    /// The key pair name (CDK v1: `name`). Default: none (IVS shows no name).
    #[doc(alias = "name")]
    pub playback_key_pair_name: Option<Value>,
}

/// A playback key pair (`AWS::IVS::PlaybackKeyPair`): the public half of the key that
/// signs viewers' playback tokens for private channels.
///
/// ```
/// use ivs_cdk::{App, PlaybackKeyPair, PlaybackKeyPairProps, Stack};
/// let pem = "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n";
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// PlaybackKeyPair::new(&stack, "PlaybackKeyPair", PlaybackKeyPairProps {
///     public_key_material: pem.into(),
///     ..Default::default()
/// });
/// ```
#[derive(Clone, Debug)]
pub struct PlaybackKeyPair {
    node: Node,
    resource: CfnPlaybackKeyPair,
}

impl Construct for PlaybackKeyPair {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl PlaybackKeyPair {
    /// Declares a playback key pair.
    pub fn new(scope: &impl Construct, id: &str, props: PlaybackKeyPairProps) -> PlaybackKeyPair {
        let node = Node::new_with_fqn(scope, id, "@aws-cdk/aws-ivs-alpha.PlaybackKeyPair");
        check_name(
            &node,
            "playbackKeyPairName",
            "Name",
            props.playback_key_pair_name.as_ref(),
        );
        check_public_key_material(&node, "publicKeyMaterial", &props.public_key_material);
        check_stack_region(&node);
        let resource = CfnPlaybackKeyPair::new(
            &node,
            "Resource",
            CfnPlaybackKeyPairProps {
                name: props.playback_key_pair_name,
                public_key_material: Some(props.public_key_material),
                tags: None,
            },
        );
        check_playback_key_pair_quota(&node);
        PlaybackKeyPair { node, resource }
    }

    /// The underlying `AWS::IVS::PlaybackKeyPair` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnPlaybackKeyPair {
        &self.resource
    }

    /// The key pair ARN (`Fn::GetAtt Arn`).
    pub fn playback_key_pair_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The key pair fingerprint (`Fn::GetAtt Fingerprint`).
    pub fn playback_key_pair_fingerprint(&self) -> Value {
        self.resource.attr_fingerprint()
    }
}
