//! IVS Chat: the `Room` and `LoggingConfiguration` constructs.

use crate::cfn::ivschat_logging_configuration::{
    CloudWatchLogsDestinationConfigurationProperty, DestinationConfigurationProperty,
    FirehoseDestinationConfigurationProperty, S3DestinationConfigurationProperty,
};
use crate::cfn::ivschat_room::MessageReviewHandlerProperty;
use crate::cfn::{CfnLoggingConfiguration, CfnLoggingConfigurationProps, CfnRoom, CfnRoomProps};
use crate::enums::FallbackResult;
use crate::rules::{check_import_arn, check_name, check_stack_region};
use crate::{Construct, IBucket, Node, RemovalPolicy, Severity, Value};

/// A chat logging configuration, owned or imported: what a room logs with.
pub trait ILoggingConfiguration {
    /// The logging configuration ARN.
    fn logging_configuration_arn(&self) -> Value;
}

/// Where a chat logging configuration writes messages and events: exactly one
/// destination.
#[derive(Debug, Clone, PartialEq)]
pub enum LoggingDestination {
    /// An S3 bucket, by name (see [`LoggingDestination::bucket`]).
    S3 {
        /// The bucket name.
        bucket_name: Value,
    },
    /// A CloudWatch Logs log group, by name.
    CloudWatchLogs {
        /// The log group name.
        log_group_name: Value,
    },
    /// A Kinesis Data Firehose delivery stream, by name.
    Firehose {
        /// The delivery stream name.
        delivery_stream_name: Value,
    },
}

impl LoggingDestination {
    /// Logs into a bucket (owned or imported).
    pub fn bucket(bucket: &dyn IBucket) -> Self {
        LoggingDestination::S3 {
            bucket_name: bucket.bucket_name(),
        }
    }

    /// Logs into a CloudWatch Logs log group.
    pub fn log_group(log_group_name: impl Into<Value>) -> Self {
        LoggingDestination::CloudWatchLogs {
            log_group_name: log_group_name.into(),
        }
    }

    /// Logs into a Kinesis Data Firehose delivery stream.
    pub fn firehose(delivery_stream_name: impl Into<Value>) -> Self {
        LoggingDestination::Firehose {
            delivery_stream_name: delivery_stream_name.into(),
        }
    }
}

/// The settings of a chat [`LoggingConfiguration`].
#[derive(Debug, Clone, PartialEq)]
pub struct LoggingConfigurationProps {
    /// Where logs go (required).
    pub destination: LoggingDestination,
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub logging_configuration_name: Option<Value>,
}

/// A chat logging configuration (`AWS::IVSChat::LoggingConfiguration`).
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "Chat");
/// let bucket = Bucket::new(&stack, "ChatLogs", BucketProps::default());
/// let to_s3 = LoggingConfiguration::new(&stack, "ToS3", LoggingConfigurationProps {
///     destination: LoggingDestination::bucket(&bucket),
///     logging_configuration_name: None,
/// });
/// let to_logs = LoggingConfiguration::new(&stack, "ToLogs", LoggingConfigurationProps {
///     destination: LoggingDestination::log_group("/ivs/chat"),
///     logging_configuration_name: None,
/// });
/// let room = Room::new(&stack, "Room", RoomProps {
///     room_name: Some("lobby".into()),
///     logging_configurations: vec![&to_s3, &to_logs],
///     maximum_message_length: Some(200),
///     ..Default::default()
/// });
/// # let _ = room.room_arn();
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct LoggingConfiguration {
    node: Node,
    resource: CfnLoggingConfiguration,
}

impl Construct for LoggingConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl ILoggingConfiguration for LoggingConfiguration {
    fn logging_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl LoggingConfiguration {
    /// Declares a chat logging configuration.
    pub fn new(
        scope: &impl Construct,
        id: &str,
        props: LoggingConfigurationProps,
    ) -> LoggingConfiguration {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.LoggingConfiguration");
        check_name(
            &node,
            "loggingConfigurationName",
            "Name",
            props.logging_configuration_name.as_ref(),
        );
        check_stack_region(&node);
        let destination = match props.destination {
            LoggingDestination::S3 { bucket_name } => DestinationConfigurationProperty {
                s3: Some(S3DestinationConfigurationProperty {
                    bucket_name: Some(bucket_name),
                }),
                ..Default::default()
            },
            LoggingDestination::CloudWatchLogs { log_group_name } => {
                DestinationConfigurationProperty {
                    cloud_watch_logs: Some(CloudWatchLogsDestinationConfigurationProperty {
                        log_group_name: Some(log_group_name),
                    }),
                    ..Default::default()
                }
            }
            LoggingDestination::Firehose {
                delivery_stream_name,
            } => DestinationConfigurationProperty {
                firehose: Some(FirehoseDestinationConfigurationProperty {
                    delivery_stream_name: Some(delivery_stream_name),
                }),
                ..Default::default()
            },
        };
        let resource = CfnLoggingConfiguration::new(
            &node,
            "Resource",
            CfnLoggingConfigurationProps {
                destination_configuration: Some(destination),
                name: props.logging_configuration_name,
                tags: None,
            },
        );
        LoggingConfiguration { node, resource }
    }

    /// Imports an existing logging configuration by ARN
    /// (`arn:aws:ivschat:<region>:<account>:logging-configuration/<id>`).
    pub fn from_logging_configuration_arn(
        scope: &impl Construct,
        id: &str,
        logging_configuration_arn: impl Into<Value>,
    ) -> ImportedLoggingConfiguration {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = logging_configuration_arn.into();
        check_import_arn(
            &node,
            &arn,
            "ivschat",
            "logging-configuration",
            "logging-configuration",
        );
        ImportedLoggingConfiguration { node, arn }
    }

    /// The underlying `AWS::IVSChat::LoggingConfiguration` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnLoggingConfiguration {
        &self.resource
    }

    /// The logging configuration ARN (`Fn::GetAtt Arn`).
    pub fn logging_configuration_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The 12-character logging configuration id (`Fn::GetAtt Id`).
    pub fn logging_configuration_id(&self) -> Value {
        self.resource.attr_id()
    }

    /// `ACTIVE` once logs can be written (`Fn::GetAtt State`).
    pub fn logging_configuration_state(&self) -> Value {
        self.resource.attr_state()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// A logging configuration outside this app, imported with
/// [`LoggingConfiguration::from_logging_configuration_arn`].
#[derive(Clone, Debug)]
pub struct ImportedLoggingConfiguration {
    node: Node,
    arn: Value,
}

impl Construct for ImportedLoggingConfiguration {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl ILoggingConfiguration for ImportedLoggingConfiguration {
    fn logging_configuration_arn(&self) -> Value {
        self.arn.clone()
    }
}

/// A Lambda function that reviews (and may change or block) every chat message.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageReviewHandler {
    /// The function ARN (`arn:aws:lambda:<region>:<account>:function:<name>`, required).
    pub function_arn: Value,
    /// What happens to a message when the function fails or times out. Default:
    /// [`FallbackResult::Allow`].
    pub fallback_result: Option<FallbackResult>,
}

/// The settings of a chat [`Room`]. Every field is optional.
#[derive(Default)]
pub struct RoomProps<'a> {
    /// The name (CloudFormation `Name`). Default: none (IVS shows no name).
    pub room_name: Option<Value>,
    /// Where the room's messages and events are logged (at most 50). Default: not logged.
    pub logging_configurations: Vec<&'a dyn ILoggingConfiguration>,
    /// The longest message, 1 to 500 characters. Default: 500.
    pub maximum_message_length: Option<u32>,
    /// The most messages per second the room accepts, 1 to 10. Default: 10.
    pub maximum_message_rate_per_second: Option<u32>,
    /// A function that reviews every message. Default: none.
    pub message_review_handler: Option<MessageReviewHandler>,
}

impl std::fmt::Debug for RoomProps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoomProps")
            .field("room_name", &self.room_name)
            .field(
                "logging_configurations",
                &self
                    .logging_configurations
                    .iter()
                    .map(|l| l.logging_configuration_arn())
                    .collect::<Vec<_>>(),
            )
            .field("maximum_message_length", &self.maximum_message_length)
            .field(
                "maximum_message_rate_per_second",
                &self.maximum_message_rate_per_second,
            )
            .field("message_review_handler", &self.message_review_handler)
            .finish()
    }
}

/// The most logging configurations one room may have.
pub const MAX_ROOM_LOGGING_CONFIGURATIONS: usize = 50;

/// An IVS Chat room (`AWS::IVSChat::Room`). See [`LoggingConfiguration`] for an example
/// with logging.
///
/// ```
/// use ivs_cdk::*;
/// let app = App::new();
/// let stack = Stack::new(&app, "Chat");
/// let room = Room::new(&stack, "Room", RoomProps {
///     maximum_message_rate_per_second: Some(5),
///     message_review_handler: Some(MessageReviewHandler {
///         function_arn: "arn:aws:lambda:us-west-2:123456789012:function:moderate".into(),
///         fallback_result: Some(FallbackResult::Deny),
///     }),
///     ..Default::default()
/// });
/// # let _ = (room.room_arn(), room.room_id());
/// app.synth_in_memory().unwrap();
/// ```
#[derive(Clone, Debug)]
pub struct Room {
    node: Node,
    resource: CfnRoom,
}

impl Construct for Room {
    fn node(&self) -> &Node {
        &self.node
    }
}

/// A chat room, owned or imported.
pub trait IRoom {
    /// The room ARN.
    fn room_arn(&self) -> Value;
}

impl IRoom for Room {
    fn room_arn(&self) -> Value {
        self.resource.attr_arn()
    }
}

impl Room {
    /// Declares a chat room.
    pub fn new(scope: &impl Construct, id: &str, props: RoomProps<'_>) -> Room {
        let node = Node::new_with_fqn(scope, id, "ivs-cdk.Room");
        check_name(&node, "roomName", "Name", props.room_name.as_ref());
        check_stack_region(&node);
        let count = props.logging_configurations.len();
        if count > MAX_ROOM_LOGGING_CONFIGURATIONS {
            node.annotate(
                Severity::Error,
                "room-logging-configurations-count",
                Some("LoggingConfigurationIdentifiers"),
                format!("a chat room has at most {MAX_ROOM_LOGGING_CONFIGURATIONS} logging configurations, got {count}"),
            );
        }
        let logging = (count > 0).then(|| {
            Value::List(
                props
                    .logging_configurations
                    .iter()
                    .map(|l| l.logging_configuration_arn())
                    .collect(),
            )
        });
        let resource = CfnRoom::new(
            &node,
            "Resource",
            CfnRoomProps {
                logging_configuration_identifiers: logging,
                maximum_message_length: props.maximum_message_length.map(Into::into),
                maximum_message_rate_per_second: props
                    .maximum_message_rate_per_second
                    .map(Into::into),
                message_review_handler: props.message_review_handler.map(|h| {
                    MessageReviewHandlerProperty {
                        fallback_result: h.fallback_result.map(Into::into),
                        uri: Some(h.function_arn),
                    }
                }),
                name: props.room_name,
                tags: None,
            },
        );
        Room { node, resource }
    }

    /// Imports an existing chat room by ARN
    /// (`arn:aws:ivschat:<region>:<account>:room/<id>`).
    pub fn from_room_arn(
        scope: &impl Construct,
        id: &str,
        room_arn: impl Into<Value>,
    ) -> ImportedRoom {
        let node = Node::new_with_fqn(scope, id, "aws-cdk-lib.Resource");
        let arn = room_arn.into();
        check_import_arn(&node, &arn, "ivschat", "room", "room");
        ImportedRoom { node, arn }
    }

    /// The underlying `AWS::IVSChat::Room` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnRoom {
        &self.resource
    }

    /// The room ARN (`Fn::GetAtt Arn`): what chat tokens (`CreateChatToken`) name.
    pub fn room_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The 12-character room id (`Fn::GetAtt Id`).
    pub fn room_id(&self) -> Value {
        self.resource.attr_id()
    }

    /// Applies a removal policy to the resource.
    pub fn apply_removal_policy(&self, policy: RemovalPolicy) {
        self.resource.apply_removal_policy(policy);
    }
}

/// A chat room outside this app, imported with [`Room::from_room_arn`].
#[derive(Clone, Debug)]
pub struct ImportedRoom {
    node: Node,
    arn: Value,
}

impl Construct for ImportedRoom {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl IRoom for ImportedRoom {
    fn room_arn(&self) -> Value {
        self.arn.clone()
    }
}
