//! The `PublicKey` construct: the key that verifies self-signed real-time participant
//! tokens.

use crate::cfn::{CfnPublicKey, CfnPublicKeyProps};
use crate::rules::{check_import_arn, check_name, check_public_key_material, check_stack_region};
use crate::{Construct, Node, RemovalPolicy, Value};

/// A public key, owned or imported.
pub trait IPublicKey {
    /// The public key ARN (the `kid` of participant tokens signed with its private half).
    fn public_key_arn(&self) -> Value;
}

/// The settings of a [`PublicKey`].
#[derive(Debug, Clone, PartialEq)]
pub struct PublicKeyProps {
    /// The public key, as the SPKI PEM (`-----BEGIN PUBLIC KEY-----`) of a P-384 key
    /// (required). Make one with `ivs-cdk keygen` or
    /// `openssl ecparam -name secp384r1 -genkey -noout -out priv.pem && openssl ec -in priv.pem -pubout`.
    /// A literal is checked: a private key, an RSA, SSH or P-256 key, or broken PEM is
    /// an error.
    pub public_key_material: Value,
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub public_key_name: Option<Value>,
}

impl PublicKeyProps {
    /// Props with only the key material.
    pub fn new(public_key_material: impl Into<Value>) -> Self {
        PublicKeyProps {
            public_key_material: public_key_material.into(),
            public_key_name: None,
        }
    }
}

/// A public key (`AWS::IVS::PublicKey`): IVS real-time verifies participant tokens that
/// your backend signs with the private half (ES384), so no `CreateParticipantToken` call
/// is needed per participant.
///
/// ```
/// use ivs_cdk::*;
/// let pem = "-----BEGIN PUBLIC KEY-----
/// MHYwEAYHKoZIzj0CAQYFK4EEACIDYgAE1HpmU2K7vjP1KdNRGxSJ4Nm4GX1DuU7u
/// uwr1BT0nmYUb+Vg2vkRFrhgpEcjREv+vBaf3bl1M9VtJziLUlIZEyF2cOkazeQi3
/// bLV+4h9JHUT+bK4Ai0uH94gLl2TL6MKH
/// -----END PUBLIC KEY-----
/// ";
/// let app = App::new();
/// let stack = Stack::new(&app, "RealTime");
/// let key = PublicKey::new(&stack, "ParticipantTokenKey", PublicKeyProps {
///     public_key_material: pem.into(),
///     public_key_name: Some("participant-tokens".into()),
/// });
/// # let _ = key.public_key_arn();
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct PublicKey {
    node: Node,
    resource: CfnPublicKey,
}

impl Construct for PublicKey {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IPublicKey for PublicKey {
    fn public_key_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl PublicKey {
    /// Declares a public key.
    pub fn new(scope: &impl Construct, id: &str, props: PublicKeyProps) -> PublicKey {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.PublicKey");
        check_name(
            &node,
            "publicKeyName",
            "Name",
            props.public_key_name.as_ref(),
        );
        check_public_key_material(&node, "publicKeyMaterial", &props.public_key_material);
        check_stack_region(&node);
        let resource = CfnPublicKey::new(
            &node,
            "Resource",
            CfnPublicKeyProps {
                name: props.public_key_name,
                public_key_material: Some(props.public_key_material),
                tags: None,
            },
        );
        PublicKey { node, resource }
    }

    /// Imports an existing public key by ARN
    /// (`arn:aws:ivs:<region>:<account>:public-key/<id>`).
    pub fn from_public_key_arn(
        scope: &impl Construct,
        id: &str,
        public_key_arn: impl Into<Value>,
    ) -> ImportedPublicKey {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = public_key_arn.into();
        check_import_arn(&node, &arn, "ivs", "public-key", "public-key");
        ImportedPublicKey { node, arn }
    }

    /// The underlying `AWS::IVS::PublicKey` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnPublicKey {
        &self.resource
    }

    /// The public key ARN (`Fn::GetAtt Arn`): the `kid` header of participant tokens.
    pub fn public_key_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The key fingerprint IVS computes (`Fn::GetAtt Fingerprint`).
    pub fn public_key_fingerprint(&self) -> Value {
        self.resource.attr_fingerprint()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// A public key outside this app, imported with [`PublicKey::from_public_key_arn`].
#[derive(Clone, Debug)]
pub struct ImportedPublicKey {
    node: Node,
    arn: Value,
}

impl Construct for ImportedPublicKey {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IPublicKey for ImportedPublicKey {
    fn public_key_arn(&self) -> Value {
        self.arn.clone()
    }
}
