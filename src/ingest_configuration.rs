//! The `IngestConfiguration` construct: RTMP(S) ingest into a real-time stage.

use crate::cfn::{CfnIngestConfiguration, CfnIngestConfigurationProps};
use crate::enums::IngestProtocol;
use crate::rules::{check_import_arn, check_name, check_stack_region};
use crate::stage::IStage;
use crate::{Construct, Node, RemovalPolicy, Value};

/// An ingest configuration, owned or imported.
pub trait IIngestConfiguration {
    /// The ingest configuration ARN.
    fn ingest_configuration_arn(&self) -> Value;
}

/// The settings of an [`IngestConfiguration`]. Every field is optional.
#[derive(Default)]
pub struct IngestConfigurationProps<'a> {
    /// The name (CloudFormation `Name`). Default: none (the schema default `-`).
    pub ingest_configuration_name: Option<Value>,
    /// The protocol encoders use. Default: [`IngestProtocol::Rtmps`]. RTMP also sets
    /// `InsecureIngest: true`, which IVS requires for it.
    pub ingest_protocol: Option<IngestProtocol>,
    /// The stage the ingested stream joins as a participant. Default: none (the
    /// configuration is not linked to a stage).
    pub stage: Option<&'a dyn IStage>,
    /// An identifier of the participant, visible to the stage's other participants (no
    /// personal data). Default: none.
    pub user_id: Option<Value>,
}

impl std::fmt::Debug for IngestConfigurationProps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IngestConfigurationProps")
            .field("ingest_configuration_name", &self.ingest_configuration_name)
            .field("ingest_protocol", &self.ingest_protocol)
            .field("stage", &self.stage.map(|s| s.stage_arn()))
            .field("user_id", &self.user_id)
            .finish()
    }
}

/// An ingest configuration (`AWS::IVS::IngestConfiguration`): lets an RTMP(S) encoder
/// publish into a real-time stage as a participant.
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "RealTime");
/// let stage = Stage::new(&stack, "Stage", StageProps::default());
/// let ingest = IngestConfiguration::new(&stack, "Encoder", IngestConfigurationProps {
///     stage: Some(&stage),
///     user_id: Some("studio-encoder".into()),
///     ..Default::default()
/// });
/// # let _ = ingest.ingest_configuration_participant_id();
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct IngestConfiguration {
    node: Node,
    resource: CfnIngestConfiguration,
}

impl Construct for IngestConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IIngestConfiguration for IngestConfiguration {
    fn ingest_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl IngestConfiguration {
    /// Declares an ingest configuration.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        props: IngestConfigurationProps<'_>,
    ) -> IngestConfiguration {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.IngestConfiguration");
        check_name(
            &node,
            "ingestConfigurationName",
            "Name",
            props.ingest_configuration_name.as_ref(),
        );
        check_stack_region(&node);
        let insecure = matches!(props.ingest_protocol, Some(IngestProtocol::Rtmp));
        let resource = CfnIngestConfiguration::new(
            &node,
            "Resource",
            CfnIngestConfigurationProps {
                ingest_protocol: props.ingest_protocol.map(Into::into),
                insecure_ingest: insecure.then(|| true.into()),
                name: props.ingest_configuration_name,
                stage_arn: props.stage.map(|s| s.stage_arn()),
                tags: None,
                user_id: props.user_id,
            },
        );
        IngestConfiguration { node, resource }
    }

    /// Imports an existing ingest configuration by ARN
    /// (`arn:aws:ivs:<region>:<account>:ingest-configuration/<id>`).
    pub fn from_ingest_configuration_arn(
        scope: &impl Construct,
        id: &str,
        ingest_configuration_arn: impl Into<Value>,
    ) -> ImportedIngestConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = ingest_configuration_arn.into();
        check_import_arn(
            &node,
            &arn,
            "ivs",
            "ingest-configuration",
            "ingest-configuration",
        );
        ImportedIngestConfiguration { node, arn }
    }

    /// The underlying `AWS::IVS::IngestConfiguration` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnIngestConfiguration {
        &self.resource
    }

    /// The ingest configuration ARN (`Fn::GetAtt Arn`).
    pub fn ingest_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The participant id the stream has in the stage (`Fn::GetAtt ParticipantId`).
    pub fn ingest_configuration_participant_id(&self) -> Value {
        self.resource.attr_participant_id()
    }

    /// `ACTIVE` while a stream is being ingested, else `INACTIVE` (`Fn::GetAtt State`).
    pub fn ingest_configuration_state(&self) -> Value {
        self.resource.attr_state()
    }

    /// The stream key the encoder presents (`Fn::GetAtt StreamKey`). It is a secret:
    /// a stack output shows it to anyone who can describe the stack.
    pub fn ingest_configuration_stream_key(&self) -> Value {
        self.resource.attr_stream_key()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// An ingest configuration outside this app, imported with
/// [`IngestConfiguration::from_ingest_configuration_arn`].
#[derive(Clone, Debug)]
pub struct ImportedIngestConfiguration {
    node: Node,
    arn: Value,
}

impl Construct for ImportedIngestConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IIngestConfiguration for ImportedIngestConfiguration {
    fn ingest_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
}
