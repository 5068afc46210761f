//! Bad input gives a typed error naming the construct path, the rule and the
//! offending value; nothing is written; nothing panics; all errors come together.

use ivs_cdk::*;

/// Synthesizes into a fresh folder and returns the error; asserts nothing was written.
fn synth_err(app: &App) -> Error {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdk.out");
    let err = app
        .synth_in_memory()
        .and_then(|r| r.write_to(&out))
        .expect_err("synthesis should fail");
    assert!(!out.exists(), "a failed synthesis wrote {}", out.display());
    assert_eq!(err.kind(), ErrorKind::Invalid);
    err
}

fn one_problem(app: &App) -> Problem {
    let err = synth_err(app);
    assert_eq!(err.problems().len(), 1, "{err}");
    err.problems()[0].clone()
}

fn stack() -> (App, Stack) {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    (app, stack)
}

#[test]
fn invalid_channel_name_is_refused_with_the_cdk_message() {
    let (app, stack) = stack();
    Channel::new(
        &stack,
        "Channel",
        ChannelProps::named("Would you like a carrot?"),
    );
    let p = one_problem(&app);
    assert_eq!(p.path, "S/Channel");
    assert_eq!(p.property.as_deref(), Some("Name"));
    assert_eq!(p.rule, "name-pattern");
    assert_eq!(
        p.message,
        "channelName must contain only numbers, letters, hyphens and underscores, got: 'Would you like a carrot?'"
    );
}

#[test]
fn overlong_channel_name_is_refused() {
    let (app, stack) = stack();
    Channel::new(&stack, "Channel", ChannelProps::named("a".repeat(129)));
    let p = one_problem(&app);
    assert_eq!(p.rule, "name-length");
    assert_eq!(
        p.message,
        "channelName must be at most 128 characters long, got: 129 characters"
    );
}

#[test]
fn invalid_key_pair_name_is_refused() {
    let (app, stack) = stack();
    PlaybackKeyPair::new(
        &stack,
        "KeyPair",
        PlaybackKeyPairProps {
            public_key_material: include_str!("../examples/fixtures/p384-public.pem").into(),
            playback_key_pair_name: Some("Would you like a carrot?".into()),
        },
    );
    let p = one_problem(&app);
    assert_eq!(p.path, "S/KeyPair");
    assert_eq!(
        p.message,
        "playbackKeyPairName must contain only numbers, letters, hyphens and underscores, got: 'Would you like a carrot?'"
    );
}

fn arn_problem(arn: &str) -> Problem {
    let (app, stack) = stack();
    Channel::from_channel_arn(&stack, "Imported", arn);
    one_problem(&app)
}

#[test]
fn from_channel_arn_refuses_a_non_arn() {
    let p = arn_problem("this is an invalid arn, in fact, it is a carrot 🥕");
    assert_eq!(p.path, "S/Imported");
    assert_eq!(
        p.message,
        "ARNs must start with \"arn:\" and have at least 6 components: this is an invalid arn, in fact, it is a carrot 🥕"
    );
}

#[test]
fn from_channel_arn_refuses_an_empty_string() {
    let p = arn_problem("");
    assert_eq!(
        p.message,
        "ARNs must start with \"arn:\" and have at least 6 components: "
    );
}

#[test]
fn from_channel_arn_refuses_too_few_components() {
    let p = arn_problem("arn:aws:ivs:us-west-2:123456789012");
    assert_eq!(
        p.message,
        "ARNs must start with \"arn:\" and have at least 6 components: arn:aws:ivs:us-west-2:123456789012"
    );
}

#[test]
fn from_channel_arn_refuses_another_service() {
    let (app, stack) = stack();
    Channel::from_channel_arn(
        &stack,
        "Imported",
        "arn:aws:ec2:us-west-2:123456789012:instance/abcdABCDefgh",
    );
    let err = synth_err(&app);
    let p = &err.problems()[0];
    assert_eq!(p.rule, "channel-arn-service");
    assert_eq!(p.message, "Invalid service, expected 'ivs', got 'ec2'");
    // The resource type is wrong too, and says so in the same run.
    assert_eq!(
        err.problems()[1].message,
        "Invalid resource, expected 'channel', got 'instance'"
    );
}

#[test]
fn from_channel_arn_refuses_another_resource_type() {
    let p = arn_problem("arn:aws:ivs:us-west-2:123456789012:stream-key/abcdABCDefgh");
    assert_eq!(p.rule, "channel-arn-resource");
    assert_eq!(
        p.message,
        "Invalid resource, expected 'channel', got 'stream-key'"
    );
}

#[test]
fn from_channel_arn_accepts_intrinsics_unchecked() {
    let (app, stack) = stack();
    let p = CfnParameter::new(&stack, "Arn", CfnParameterProps::default());
    Channel::from_channel_arn(&stack, "Imported", p.value_as_string()).add_stream_key("Key");
    app.synth_in_memory().unwrap();
}

#[test]
fn duplicate_construct_ids_are_refused() {
    let (app, stack) = stack();
    Channel::new(&stack, "Channel", ChannelProps::default());
    Channel::new(&stack, "Channel", ChannelProps::default());
    let p = one_problem(&app);
    assert_eq!(p.path, "S");
    assert_eq!(p.rule, "duplicate-id");
    assert_eq!(
        p.message,
        "there is already a construct with id 'Channel' in 'S'; sibling ids must be unique"
    );
}

#[test]
fn an_empty_id_below_the_root_is_refused() {
    let (app, stack) = stack();
    Channel::new(&stack, "", ChannelProps::default());
    let p = one_problem(&app);
    assert_eq!(p.rule, "empty-id");
    assert_eq!(p.path, "S");
}

#[test]
fn invalid_stack_names_are_refused() {
    let app = App::with_props(AppProps::default());
    Stack::new(&app, "my_stack");
    let p = one_problem(&app);
    assert_eq!(p.rule, "stack-name-pattern");
    assert_eq!(
        p.message,
        "the stack name (from the construct id) 'my_stack' is invalid: it must start with a letter and contain only letters, digits and hyphens (^[A-Za-z][A-Za-z0-9-]*$)"
    );

    let app = App::with_props(AppProps::default());
    Stack::with_props(
        &app,
        "S",
        StackProps {
            stack_name: Some(format!("S{}", "a".repeat(128))),
            ..Default::default()
        },
    );
    let p = one_problem(&app);
    assert_eq!(p.rule, "stack-name-length");
    assert_eq!(
        p.message,
        "the stack name is 129 characters long; CloudFormation allows at most 128"
    );
}

#[test]
fn two_resources_with_one_logical_id_are_refused() {
    let (app, stack) = stack();
    let a = CfnResource::new(&stack, "A", "AWS::SNS::Topic", Default::default());
    let b = CfnResource::new(&stack, "B", "AWS::SNS::Topic", Default::default());
    a.override_logical_id("Same");
    b.override_logical_id("Same");
    let p = one_problem(&app);
    assert_eq!(p.path, "S/B");
    assert_eq!(p.rule, "duplicate-logical-id");
    assert_eq!(
        p.message,
        "'S/B' and 'S/A' both have the logical ID 'Same'; give one of them another id or logical ID"
    );
}

#[test]
fn a_resource_outside_any_stack_is_refused() {
    let app = App::with_props(AppProps::default());
    Channel::new(&app, "Loose", ChannelProps::default());
    let err = synth_err(&app);
    let p = &err.problems()[0];
    assert_eq!(p.rule, "outside-stack");
    assert_eq!(
        p.message,
        "the CloudFormation resource 'Loose/Resource' is not inside any stack; create it under a Stack"
    );
}

#[test]
fn an_output_without_value_is_refused() {
    let (app, stack) = stack();
    CfnOutput::new(&stack, "Out", CfnOutputProps::default());
    let p = one_problem(&app);
    assert_eq!(p.path, "S/Out");
    assert_eq!(p.rule, "output-value-required");
    assert_eq!(
        p.message,
        "the output 'S/Out' has no value; give it a value"
    );
}

#[test]
fn more_than_500_resources_in_a_stack_are_refused() {
    let (app, stack) = stack();
    for i in 0..501 {
        CfnResource::new(
            &stack,
            &format!("T{i}"),
            "AWS::SNS::Topic",
            Default::default(),
        );
    }
    let p = one_problem(&app);
    assert_eq!(p.rule, "stack-resource-limit");
    assert!(
        p.message
            .starts_with("stack 'S' has 501 resources, more than the 500"),
        "{}",
        p.message
    );
}

#[test]
fn the_resource_limit_can_be_lifted_by_context() {
    let mut props = AppProps::default();
    props
        .context
        .insert(STACK_RESOURCE_LIMIT_CONTEXT.into(), 0.into());
    let app = App::with_props(props);
    let stack = Stack::new(&app, "S");
    for i in 0..501 {
        CfnResource::new(
            &stack,
            &format!("T{i}"),
            "AWS::SNS::Topic",
            Default::default(),
        );
    }
    app.synth_in_memory().unwrap();
}

#[test]
fn a_reference_cycle_between_two_stacks_is_refused() {
    let app = App::with_props(AppProps::default());
    let a = Stack::new(&app, "A");
    let b = Stack::new(&app, "B");
    let ca = Channel::new(&a, "Channel", ChannelProps::default());
    let cb = Channel::new(&b, "Channel", ChannelProps::default());
    StreamKey::new(&a, "Key", StreamKeyProps { channel: &cb });
    StreamKey::new(&b, "Key", StreamKeyProps { channel: &ca });
    let p = one_problem(&app);
    assert_eq!(p.rule, "stack-dependency-cycle");
    assert_eq!(
        p.message,
        "stacks depend on each other in a cycle (A -> B -> A); a stack cannot use a value of a stack that uses one of its own values"
    );
}

#[test]
fn a_reference_between_two_apps_is_refused() {
    let (_app1, stack1) = stack();
    let channel = Channel::new(&stack1, "Channel", ChannelProps::default());
    let (app2, stack2) = stack();
    StreamKey::new(&stack2, "Key", StreamKeyProps { channel: &channel });
    let p = one_problem(&app2);
    assert_eq!(p.path, "S/Key/Resource");
    assert_eq!(p.rule, "cross-app-reference");
}

#[test]
fn all_errors_of_one_synth_are_reported_together() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "bad_name");
    Channel::new(&stack, "A", ChannelProps::named("no spaces allowed"));
    Channel::from_channel_arn(&stack, "B", "not-an-arn");
    CfnOutput::new(&stack, "Out", CfnOutputProps::default());
    let err = synth_err(&app);
    let rules: Vec<&str> = err.problems().iter().map(|p| p.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "stack-name-pattern",
            "name-pattern",
            "channel-arn",
            "output-value-required"
        ]
    );
    let text = err.to_string();
    assert!(
        text.starts_with("synthesis failed with 4 errors:"),
        "{text}"
    );
    assert!(
        text.contains("[bad_name/A] Name: channelName must contain only"),
        "{text}"
    );
}

#[test]
fn a_failed_synth_leaves_the_previous_output_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cdk.out");
    let good = App::with_props(AppProps {
        outdir: Some(out.clone()),
        ..Default::default()
    });
    Channel::new(&Stack::new(&good, "S"), "Channel", ChannelProps::default());
    good.synth().unwrap();
    let before = std::fs::read(out.join("S.template.json")).unwrap();

    let bad = App::with_props(AppProps {
        outdir: Some(out.clone()),
        ..Default::default()
    });
    Channel::new(
        &Stack::new(&bad, "S"),
        "Channel",
        ChannelProps::named("bad name"),
    );
    bad.synth().unwrap_err();
    assert_eq!(std::fs::read(out.join("S.template.json")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .collect();
    assert_eq!(leftovers.len(), 1, "temporary folders were left behind");
}

#[test]
fn a_folder_of_other_files_is_never_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("mine");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("notes.txt"), "keep me").unwrap();
    // A web app's manifest does not make the folder a cloud assembly.
    std::fs::write(out.join("manifest.json"), r#"{"name":"web"}"#).unwrap();
    let app = App::with_props(AppProps {
        outdir: Some(out.clone()),
        ..Default::default()
    });
    Channel::new(&Stack::new(&app, "S"), "Channel", ChannelProps::default());
    let err = app.synth().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Io);
    let text = err.to_string();
    assert!(text.contains("holds files but no cloud assembly"), "{text}");
    assert_eq!(
        std::fs::read_to_string(out.join("notes.txt")).unwrap(),
        "keep me"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing else was created"
    );

    // A file where the folder should be is refused too, and kept.
    let file = dir.path().join("file.txt");
    std::fs::write(&file, "x").unwrap();
    let app = App::with_props(AppProps {
        outdir: Some(file.clone()),
        ..Default::default()
    });
    Stack::new(&app, "S");
    let text = app.synth().unwrap_err().to_string();
    assert!(text.contains("exists and is not a folder"), "{text}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "x");
}

#[test]
fn more_than_200_outputs_in_a_stack_are_refused() {
    let (app, stack) = stack();
    let ch = Channel::new(&stack, "Channel", ChannelProps::default());
    for i in 0..201 {
        CfnOutput::new(
            &stack,
            &format!("O{i}"),
            CfnOutputProps {
                value: Some(ch.channel_arn()),
                ..Default::default()
            },
        );
    }
    let p = one_problem(&app);
    assert_eq!(p.rule, "stack-output-limit");
    assert_eq!(p.message, "stack 'S' has 201 outputs, more than the 200 CloudFormation allows in one template; split it into several stacks");
}

#[test]
fn acknowledged_warnings_are_left_out() {
    let (app, stack) = stack();
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let key = channel.add_stream_key("Key");
    let out = CfnOutput::new(
        &stack,
        "Key",
        CfnOutputProps {
            value: Some(key.stream_key_value()),
            ..Default::default()
        },
    );
    let warned = app.synth_in_memory().unwrap();
    assert_eq!(warned.warnings.len(), 1);
    assert!(warned.stacks[0]
        .metadata
        .contains("[ack: secret-in-output]"));
    out.node().acknowledge_warning("secret-in-output");
    let quiet = app.synth_in_memory().unwrap();
    assert!(quiet.warnings.is_empty());
    assert!(!quiet.stacks[0].metadata.contains("aws:cdk:warning"));
}

#[test]
fn context_values_of_the_wrong_kind_are_reported() {
    let mut props = AppProps::default();
    props
        .context
        .insert(STACK_RESOURCE_LIMIT_CONTEXT.into(), "abc".into());
    props.context.insert(STRICT_CONTEXT.into(), "yes".into());
    let app = App::with_props(props);
    Stack::new(&app, "S");
    let rendered = app.synth_in_memory().unwrap();
    let messages: Vec<&str> = rendered
        .warnings
        .iter()
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        messages,
        [
            "the context value '@aws-cdk/core:stackResourceLimit' is \"abc\", not a whole number; the default limit of 500 resources applies",
            "the context value 'ivs-cdk:strict' is \"yes\"; use true or false (strict mode is off)",
        ]
    );
}
