//! The `StorageConfiguration` construct: the S3 bucket that real-time stages record
//! participants into.

use crate::cfn::ivs_storage_configuration::S3StorageConfigurationProperty;
use crate::cfn::{CfnStorageConfiguration, CfnStorageConfigurationProps};
use crate::rules::{check_import_arn, check_name, check_stack_region};
use crate::{Construct, IBucket, Node, RemovalPolicy, Value};

/// A storage configuration, owned or imported: what a stage records with.
pub trait IStorageConfiguration {
    /// The storage configuration ARN.
    fn storage_configuration_arn(&self) -> Value;
}

/// The settings of a [`StorageConfiguration`].
#[derive(Debug)]
pub struct StorageConfigurationProps<'a> {
    /// The S3 bucket recordings are written to (required). It must be in the stack's
    /// region.
    pub bucket: &'a dyn IBucket,
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub storage_configuration_name: Option<Value>,
}

/// A storage configuration (`AWS::IVS::StorageConfiguration`): where a real-time stage
/// records each participant (see [`Stage`](crate::Stage) and
/// [`AutoParticipantRecording`](crate::AutoParticipantRecording)).
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "RealTime");
/// let bucket = Bucket::new(&stack, "Recordings", BucketProps::default());
/// let storage = StorageConfiguration::new(&stack, "Storage", StorageConfigurationProps {
///     bucket: &bucket,
///     storage_configuration_name: Some("stage-recordings".into()),
/// });
/// let imported = StorageConfiguration::from_storage_configuration_arn(
///     &stack,
///     "Imported",
///     "arn:aws:ivs:us-west-2:123456789012:storage-configuration/AbCdEf123456",
/// );
/// # let _ = (storage, imported);
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct StorageConfiguration {
    node: Node,
    resource: CfnStorageConfiguration,
}

impl Construct for StorageConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IStorageConfiguration for StorageConfiguration {
    fn storage_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl StorageConfiguration {
    /// Declares a storage configuration.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        props: StorageConfigurationProps<'_>,
    ) -> StorageConfiguration {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.StorageConfiguration");
        check_name(
            &node,
            "storageConfigurationName",
            "Name",
            props.storage_configuration_name.as_ref(),
        );
        check_stack_region(&node);
        let resource = CfnStorageConfiguration::new(
            &node,
            "Resource",
            CfnStorageConfigurationProps {
                name: props.storage_configuration_name,
                s3: Some(S3StorageConfigurationProperty {
                    bucket_name: Some(props.bucket.bucket_name()),
                }),
                tags: None,
            },
        );
        StorageConfiguration { node, resource }
    }

    /// Imports an existing storage configuration by ARN
    /// (`arn:aws:ivs:<region>:<account>:storage-configuration/<id>`). A literal ARN must
    /// name the `ivs` service and the `storage-configuration` resource type; an
    /// intrinsic is taken as it is.
    pub fn from_storage_configuration_arn(
        scope: &impl Construct,
        id: &str,
        storage_configuration_arn: impl Into<Value>,
    ) -> ImportedStorageConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = storage_configuration_arn.into();
        check_import_arn(
            &node,
            &arn,
            "ivs",
            "storage-configuration",
            "storage-configuration",
        );
        ImportedStorageConfiguration { node, arn }
    }

    /// The underlying `AWS::IVS::StorageConfiguration` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnStorageConfiguration {
        &self.resource
    }

    /// The storage configuration ARN (`Fn::GetAtt Arn`).
    pub fn storage_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// A storage configuration outside this app, imported with
/// [`StorageConfiguration::from_storage_configuration_arn`].
#[derive(Clone, Debug)]
pub struct ImportedStorageConfiguration {
    node: Node,
    arn: Value,
}

impl Construct for ImportedStorageConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IStorageConfiguration for ImportedStorageConfiguration {
    fn storage_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
}
