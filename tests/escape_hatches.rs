//! Escape hatches and core template features rendered as the CDK renders them.

use indexmap::IndexMap;
use ivs_cdk::*;
use serde_json::{json, Value as Json};

/// The logical ID of a construct path below the stack.
fn lid(path: &[&str]) -> String {
    names::make_unique_id(path).unwrap()
}

fn template(app: &App) -> Json {
    let r = app.synth_in_memory().unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&r.stacks[0].template).unwrap()
}

fn app_and_stack() -> (App, Stack) {
    let app = App::with_props(AppProps::default());
    let stack = Stack::with_props(
        &app,
        "S",
        StackProps {
            synthesizer: Some(Synthesizer::Legacy),
            ..Default::default()
        },
    );
    (app, stack)
}

#[test]
fn removal_policies_render_both_policies() {
    let (app, stack) = app_and_stack();
    let a = Channel::new(&stack, "A", ChannelProps::default());
    a.apply_removal_policy(RemovalPolicy::RetainOnUpdateOrDelete);
    let b = Channel::new(&stack, "B", ChannelProps::default());
    b.cfn()
        .apply_removal_policy_with(RemovalPolicy::Destroy, false);
    let t = template(&app);
    let a = &t["Resources"][&lid(&["A", "Resource"])];
    assert_eq!(a["UpdateReplacePolicy"], "Retain");
    assert_eq!(a["DeletionPolicy"], "RetainExceptOnCreate");
    let b = &t["Resources"][&lid(&["B", "Resource"])];
    assert!(b.get("UpdateReplacePolicy").is_none());
    assert_eq!(b["DeletionPolicy"], "Delete");
}

#[test]
fn depends_on_is_a_sorted_list_of_logical_ids() {
    let (app, stack) = app_and_stack();
    let a = Channel::new(&stack, "A", ChannelProps::default());
    let z = Channel::new(&stack, "Z", ChannelProps::default());
    let key = Channel::new(&stack, "K", ChannelProps::default()).add_stream_key("Key");
    key.cfn().add_dependency(&z);
    key.cfn().add_dependency(&a);
    let t = template(&app);
    let deps = &t["Resources"][&lid(&["K", "Key", "Resource"])]["DependsOn"];
    assert_eq!(
        deps,
        &json!([lid(&["A", "Resource"]), lid(&["Z", "Resource"])])
    );
}

#[test]
fn property_overrides_keep_schema_order() {
    let (app, stack) = app_and_stack();
    let ch = Channel::new(&stack, "C", ChannelProps::named("x"));
    ch.cfn().add_property_override("Type", "STANDARD");
    ch.cfn()
        .add_property_override("MultitrackInputConfiguration.Policy", "ALLOW");
    ch.cfn().add_property_override("Authorized", true);
    ch.cfn().add_deletion_override("Properties.Name");
    let t = template(&app);
    let props = t["Resources"][&lid(&["C", "Resource"])]["Properties"]
        .as_object()
        .unwrap();
    let keys: Vec<&String> = props.keys().collect();
    assert_eq!(keys, ["Authorized", "MultitrackInputConfiguration", "Type"]);
    assert_eq!(
        props["MultitrackInputConfiguration"],
        json!({"Policy": "ALLOW"})
    );
}

#[test]
fn properties_only_from_overrides_come_after_depends_on() {
    let (app, stack) = app_and_stack();
    let a = CfnResource::new(&stack, "A", "AWS::SNS::Topic", IndexMap::new());
    let b = CfnResource::new(&stack, "B", "AWS::SNS::Topic", IndexMap::new());
    b.add_dependency(&a);
    b.add_property_override("TopicName", "t");
    let t = template(&app);
    let keys: Vec<&String> = t["Resources"]["B"].as_object().unwrap().keys().collect();
    assert_eq!(keys, ["Type", "DependsOn", "Properties"]);
}

#[test]
fn parameters_conditions_and_intrinsics_render_in_cdk_form() {
    let (app, stack) = app_and_stack();
    let p = CfnParameter::new(
        &stack,
        "Env",
        CfnParameterProps {
            default: Some("prod".into()),
            allowed_values: Some(vec!["prod".into(), "dev".into()]),
            description: Some("Environment".into()),
            ..Default::default()
        },
    );
    let cond = CfnCondition::new(
        &stack,
        "IsProd",
        Value::Intrinsic(
            "Equals".into(),
            Box::new(Value::List(vec![p.value_as_string(), "prod".into()])),
        ),
    );
    let ch = Channel::new(&stack, "C", ChannelProps::default());
    ch.cfn().set_condition(&cond);
    CfnOutput::new(
        &stack,
        "Pieces",
        CfnOutputProps {
            value: Some(Fn::select(1, Fn::split("/", ch.channel_arn()))),
            condition: Some(cond.clone()),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "Literal",
        CfnOutputProps {
            value: Some(Fn::select(1, Fn::split("/", "a/b/c"))),
            ..Default::default()
        },
    );
    CfnOutput::new(
        &stack,
        "Sub",
        CfnOutputProps {
            value: Some(Fn::sub("${AWS::Region}-x", None)),
            ..Default::default()
        },
    );
    let t = template(&app);
    assert_eq!(
        t["Parameters"]["Env"],
        json!({"Type": "String", "Default": "prod", "AllowedValues": ["prod", "dev"], "Description": "Environment"})
    );
    assert_eq!(
        t["Conditions"]["IsProd"],
        json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]})
    );
    assert_eq!(
        t["Resources"][&lid(&["C", "Resource"])]["Condition"],
        "IsProd"
    );
    assert_eq!(
        t["Outputs"]["Pieces"],
        json!({"Value": {"Fn::Select": [1, {"Fn::Split": ["/", {"Fn::GetAtt": [lid(&["C", "Resource"]), "Arn"]}]}]}, "Condition": "IsProd"})
    );
    assert_eq!(t["Outputs"]["Literal"]["Value"], "b");
    assert_eq!(
        t["Outputs"]["Sub"]["Value"],
        json!({"Fn::Sub": "${AWS::Region}-x"})
    );
}

#[test]
fn metadata_and_logical_id_overrides() {
    let (app, stack) = app_and_stack();
    let ch = Channel::new(&stack, "C", ChannelProps::default());
    ch.cfn().override_logical_id("MyChannel");
    ch.cfn().add_metadata("Owner", "video-team");
    let key = ch.add_stream_key("Key");
    let t = template(&app);
    assert_eq!(
        t["Resources"]["MyChannel"]["Metadata"],
        json!({"Owner": "video-team"})
    );
    let key_lid = key.cfn().node().path();
    assert_eq!(key_lid, "S/C/Key/Resource");
    assert_eq!(
        t["Resources"][&lid(&["C", "Key", "Resource"])]["Properties"]["ChannelArn"],
        json!({"Fn::GetAtt": ["MyChannel", "Arn"]})
    );
}

#[test]
fn recording_configuration_imports_format_the_arn() {
    let (app, stack) = app_and_stack();
    let by_id = RecordingConfiguration::from_recording_configuration_id(
        &stack,
        "ById",
        "my-record-configuration",
    );
    let by_arn = RecordingConfiguration::from_arn(
        &stack,
        "ByArn",
        "arn:aws:ivs:us-east-1:012345678912:recording-configuration/my-record-configuration",
    );
    assert_eq!(
        by_arn.recording_configuration_id(),
        Value::from("my-record-configuration")
    );
    CfnOutput::new(
        &stack,
        "Arn",
        CfnOutputProps {
            value: Some(by_id.recording_configuration_arn()),
            ..Default::default()
        },
    );
    let t = template(&app);
    assert_eq!(
        t["Outputs"]["Arn"]["Value"],
        json!({"Fn::Join": ["", ["arn:", {"Ref": "AWS::Partition"}, ":ivs:", {"Ref": "AWS::Region"}, ":", {"Ref": "AWS::AccountId"}, ":recording-configuration/my-record-configuration"]]})
    );
}
