//! The `StreamKey` construct.

use crate::cfn::{CfnStreamKey, CfnStreamKeyProps};
use crate::channel::IChannel;
use crate::{Construct, Node, Value};

/// The settings of a [`StreamKey`].
pub struct StreamKeyProps<'a> {
    /// The channel the key streams to (owned or imported).
    pub channel: &'a dyn IChannel,
}

impl std::fmt::Debug for StreamKeyProps<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StreamKeyProps")
            .field("channel", &self.channel.channel_arn())
            .finish()
    }
}

/// A stream key (`AWS::IVS::StreamKey`): what an encoder presents to stream to a
/// channel. Its value is a secret: treat it like a password.
///
/// ```
/// use ivs_cdk::{App, Channel, ChannelProps, Stack, StreamKey, StreamKeyProps};
/// let app = App::new();
/// let stack = Stack::new(&app, "Video");
/// let channel = Channel::new(&stack, "Channel", ChannelProps::default());
/// let key = StreamKey::new(&stack, "Key", StreamKeyProps { channel: &channel });
/// ```
#[derive(Clone, Debug)]
pub struct StreamKey {
    node: Node,
    resource: CfnStreamKey,
}

impl Construct for StreamKey {
    fn node(&self) -> &Node {
        &self.node
    }
}

impl StreamKey {
    /// Declares a stream key for a channel.
    pub fn new(scope: &impl Construct, id: &str, props: StreamKeyProps<'_>) -> StreamKey {
        let node = Node::new_with_fqn(scope, id, "@aws-cdk/aws-ivs-alpha.StreamKey");
        crate::rules::check_stack_region(&node);
        let resource = CfnStreamKey::new(
            &node,
            "Resource",
            CfnStreamKeyProps {
                channel_arn: Some(props.channel.channel_arn()),
                tags: None,
            },
        );
        StreamKey { node, resource }
    }

    /// The underlying `AWS::IVS::StreamKey` resource, for escape hatches.
    pub fn cfn(&self) -> &CfnStreamKey {
        &self.resource
    }

    /// The stream key ARN (`Fn::GetAtt Arn`).
    pub fn stream_key_arn(&self) -> Value {
        self.resource.attr_arn()
    }

    /// The stream key itself (`Fn::GetAtt Value`). It is a secret: a stack output
    /// shows it to anyone who can describe the stack; prefer reading it with the IVS
    /// API (`GetStreamKey`) where it is needed.
    pub fn stream_key_value(&self) -> Value {
        self.resource.attr_value()
    }
}
