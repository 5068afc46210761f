//! An app that shows what the `cdk` CLI hands to it: the integration tests run it
//! through a `cdk.json` and read the result back.
//!
//! Context keys it reads (`cdk synth -c key=value`, or `context` in `cdk.json`):
//!
//! - `probe:channel-name`: the channel's `Name` (default: generated);
//! - `probe:tag`: a `Probe` tag on the stack, so `cdk ls --long`/templates show it;
//! - `probe:info`, `probe:warning`, `probe:error`: an annotation with that text on
//!   the channel (an error makes synthesis fail: nothing is written, the errors are
//!   printed on stderr and the app exits with status 1);
//! - `probe:cli-env`: when `true`, the stack is deployed to the CLI's environment
//!   (`CDK_DEFAULT_ACCOUNT` / `CDK_DEFAULT_REGION`);
//! - `probe:stream-key-output`: when `true`, the stream key value is exported as an
//!   output (which earns a warning: it is a secret).
//!
//! Every context key the app received is listed, sorted, in the `ContextKeys` output,
//! and those that came in the CLI's context overflow file in `OverflowKeys`, so a test
//! can see that context from the overflow file arrived too.

use std::process::ExitCode;

use ivs_cdk::{
    App, CfnOutput, CfnOutputProps, Channel, ChannelProps, Construct, Environment, Stack,
    StackProps, Tags,
};

fn context_str(app: &App, key: &str) -> Option<String> {
    match app.node().try_get_context(key)? {
        serde_json::Value::String(s) => Some(s),
        other => Some(other.to_string()),
    }
}

fn context_flag(app: &App, key: &str) -> bool {
    matches!(
        app.node().try_get_context(key),
        Some(serde_json::Value::Bool(true))
    ) || context_str(app, key).as_deref() == Some("true")
}

fn build(app: &App, context_keys: Vec<String>, overflow_keys: Vec<String>) {
    let env = context_flag(app, "probe:cli-env").then(Environment::from_cli);
    let stack = Stack::with_props(
        app,
        "IvsProbeStack",
        StackProps {
            env,
            ..Default::default()
        },
    );
    let channel = Channel::new(
        &stack,
        "Channel",
        ChannelProps {
            channel_name: context_str(app, "probe:channel-name").map(Into::into),
            ..Default::default()
        },
    );
    let key = channel.add_stream_key("StreamKey");
    if let Some(tag) = context_str(app, "probe:tag") {
        Tags::of(&stack).add("Probe", tag);
    }
    if let Some(m) = context_str(app, "probe:info") {
        channel.node().add_info(m);
    }
    if let Some(m) = context_str(app, "probe:warning") {
        channel.node().add_warning(m);
    }
    if let Some(m) = context_str(app, "probe:error") {
        channel.node().add_error(m);
    }
    if context_flag(app, "probe:stream-key-output") {
        CfnOutput::new(
            &stack,
            "StreamKeyValue",
            CfnOutputProps {
                value: Some(key.stream_key_value()),
                ..Default::default()
            },
        );
    }
    CfnOutput::new(
        &stack,
        "ContextKeys",
        CfnOutputProps {
            value: Some(context_keys.join(",").into()),
            ..Default::default()
        },
    );
    if !overflow_keys.is_empty() {
        CfnOutput::new(
            &stack,
            "OverflowKeys",
            CfnOutputProps {
                value: Some(overflow_keys.join(",").into()),
                ..Default::default()
            },
        );
    }
}

/// The keys of a JSON object, sorted.
fn keys_of(json: &str) -> Vec<String> {
    let mut keys: Vec<String> = match serde_json::from_str(json) {
        Ok(serde_json::Value::Object(m)) => m.keys().cloned().collect(),
        _ => Vec::new(),
    };
    keys.sort();
    keys
}

/// The keys of the context the app was given (all, and those of the overflow file).
fn context_keys() -> (Vec<String>, Vec<String>) {
    let mut all = std::env::var(ivs_cdk::CONTEXT_ENV)
        .map(|j| keys_of(&j))
        .unwrap_or_default();
    let overflow = std::env::var(ivs_cdk::CONTEXT_OVERFLOW_ENV)
        .ok()
        .and_then(|path| std::fs::read_to_string(path).ok())
        .map(|j| keys_of(&j))
        .unwrap_or_default();
    all.extend(overflow.iter().cloned());
    all.sort();
    all.dedup();
    (all, overflow)
}

fn main() -> ExitCode {
    let app = App::new();
    let (all, overflow) = context_keys();
    build(&app, all, overflow);
    match app.synth() {
        Ok(assembly) => {
            eprint!("{}", assembly.report());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
