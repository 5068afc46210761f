//! IVS Chat: `Room` and `LoggingConfiguration`.

use ivs_cdk::*;
use serde_json::{json, Value as Json};

fn template(app: &App) -> Json {
    serde_json::from_str(&app.synth_in_memory().unwrap().stacks[0].template).unwrap()
}

fn props_of(t: &Json, lid: &str) -> Json {
    t["Resources"][lid]["Properties"].clone()
}

fn lid_of(t: &Json, prefix: &str) -> String {
    t["Resources"]
        .as_object()
        .unwrap()
        .keys()
        .find(|k| k.starts_with(prefix) && k.len() == prefix.len() + 8)
        .unwrap()
        .clone()
}

#[test]
fn each_logging_destination_renders_only_its_own_block() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let bucket = Bucket::new(&stack, "Bucket", BucketProps::default());
    LoggingConfiguration::new(
        &stack,
        "ToS3",
        LoggingConfigurationProps {
            destination: LoggingDestination::bucket(&bucket),
            logging_configuration_name: Some("s3".into()),
        },
    );
    LoggingConfiguration::new(
        &stack,
        "ToLogs",
        LoggingConfigurationProps {
            destination: LoggingDestination::log_group("/ivs/chat"),
            logging_configuration_name: None,
        },
    );
    LoggingConfiguration::new(
        &stack,
        "ToFirehose",
        LoggingConfigurationProps {
            destination: LoggingDestination::firehose("chat-stream"),
            logging_configuration_name: None,
        },
    );
    let t = template(&app);
    assert_eq!(
        props_of(&t, &lid_of(&t, "ToS3")),
        json!({"DestinationConfiguration": {"S3": {"BucketName": {"Ref": "Bucket83908E77"}}}, "Name": "s3"})
    );
    assert_eq!(
        props_of(&t, &lid_of(&t, "ToLogs")),
        json!({"DestinationConfiguration": {"CloudWatchLogs": {"LogGroupName": "/ivs/chat"}}})
    );
    assert_eq!(
        props_of(&t, &lid_of(&t, "ToFirehose")),
        json!({"DestinationConfiguration": {"Firehose": {"DeliveryStreamName": "chat-stream"}}})
    );
    assert_eq!(
        t["Resources"][lid_of(&t, "ToS3")]["Type"],
        "AWS::IVSChat::LoggingConfiguration"
    );
}

#[test]
fn a_room_logs_to_its_logging_configurations() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let logs = LoggingConfiguration::new(
        &stack,
        "Logs",
        LoggingConfigurationProps {
            destination: LoggingDestination::log_group("/ivs/chat"),
            logging_configuration_name: None,
        },
    );
    let imported = LoggingConfiguration::from_logging_configuration_arn(
        &stack,
        "Imported",
        "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/AbCdEf123456",
    );
    let room = Room::new(
        &stack,
        "Room",
        RoomProps {
            room_name: Some("lobby".into()),
            logging_configurations: vec![&logs, &imported],
            maximum_message_length: Some(200),
            maximum_message_rate_per_second: Some(5),
            message_review_handler: Some(MessageReviewHandler {
                function_arn: "arn:aws:lambda:us-west-2:123456789012:function:moderate".into(),
                fallback_result: Some(FallbackResult::Deny),
            }),
        },
    );
    CfnOutput::new(
        &stack,
        "RoomArn",
        CfnOutputProps {
            value: Some(room.room_arn()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "RoomId",
        CfnOutputProps {
            value: Some(room.room_id()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "LogsId",
        CfnOutputProps {
            value: Some(logs.logging_configuration_id()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "LogsState",
        CfnOutputProps {
            value: Some(logs.logging_configuration_state()),
            ..Default::default()
        },
    );
    let t = template(&app);
    let room_lid = lid_of(&t, "Room");
    let logs_lid = lid_of(&t, "Logs");
    assert_eq!(t["Resources"][&room_lid]["Type"], "AWS::IVSChat::Room");
    assert_eq!(
        props_of(&t, &room_lid),
        json!({
            "LoggingConfigurationIdentifiers": [
                {"Fn::GetAtt": [logs_lid, "Arn"]},
                "arn:aws:ivschat:us-west-2:123456789012:logging-configuration/AbCdEf123456"
            ],
            "MaximumMessageLength": 200,
            "MaximumMessageRatePerSecond": 5,
            "MessageReviewHandler": {"FallbackResult": "DENY", "Uri": "arn:aws:lambda:us-west-2:123456789012:function:moderate"},
            "Name": "lobby"
        })
    );
    assert_eq!(
        t["Outputs"]["RoomId"]["Value"],
        json!({"Fn::GetAtt": [room_lid, "Id"]})
    );
    assert_eq!(
        t["Outputs"]["LogsState"]["Value"],
        json!({"Fn::GetAtt": [logs_lid, "State"]})
    );
}

#[test]
fn chat_imports_expect_the_ivschat_service() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let ok = Room::from_room_arn(
        &stack,
        "Ok",
        "arn:aws:ivschat:us-west-2:123456789012:room/AbCdEf123456",
    );
    assert_eq!(
        ok.room_arn(),
        Value::from("arn:aws:ivschat:us-west-2:123456789012:room/AbCdEf123456")
    );
    Room::from_room_arn(
        &stack,
        "Ivs",
        "arn:aws:ivs:us-west-2:123456789012:room/AbCdEf123456",
    );
    LoggingConfiguration::from_logging_configuration_arn(
        &stack,
        "Room",
        "arn:aws:ivschat:us-west-2:123456789012:room/x",
    );
    let p = app.synth_in_memory().unwrap_err().problems().to_vec();
    let got: Vec<(&str, &str)> = p
        .iter()
        .map(|p| (p.rule.as_str(), p.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                "room-arn-service",
                "Invalid service, expected 'ivschat', got 'ivs'"
            ),
            (
                "logging-configuration-arn-resource",
                "Invalid resource, expected 'logging-configuration', got 'room'"
            ),
        ]
    );
}

#[test]
fn a_room_has_at_most_50_logging_configurations() {
    let app = App::new();
    let stack = Stack::new(&app, "S");
    let configs: Vec<ImportedLoggingConfiguration> = (0..51)
        .map(|i| {
            LoggingConfiguration::from_logging_configuration_arn(
                &stack,
                &format!("L{i}"),
                format!("arn:aws:ivschat:us-west-2:123456789012:logging-configuration/L{i}"),
            )
        })
        .collect();
    Room::new(
        &stack,
        "Room",
        RoomProps {
            logging_configurations: configs
                .iter()
                .map(|c| c as &dyn ILoggingConfiguration)
                .collect(),
            ..Default::default()
        },
    );
    let p = app.synth_in_memory().unwrap_err().problems().to_vec();
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].rule, "room-logging-configurations-count");
    assert_eq!(
        p[0].message,
        "a chat room has at most 50 logging configurations, got 51"
    );
}
