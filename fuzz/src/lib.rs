//! The checks the fuzz targets run, shared with `tests/fuzz_corpus.rs` in the
//! repository, which replays the corpus in `fuzz/corpus/` under `cargo test`.
//!
//! Each check panics only when the code under test misbehaves (a panic inside it, or
//! a broken invariant); any input, valid or not, is otherwise fine.

use indexmap::IndexMap;
use ivs_cdk_core::{
    App, AppProps, ArnComponents, CfnOutput, CfnOutputProps, CfnResource, Stack, Value,
};

/// `ArnComponents::parse` never panics; what it accepts has the required parts, and
/// putting the parts back together gives the ARN again.
pub fn check_arn_parse(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match ArnComponents::parse(text) {
        Ok(arn) => {
            assert!(
                !arn.partition.is_empty(),
                "empty partition accepted: {text:?}"
            );
            assert!(!arn.service.is_empty(), "empty service accepted: {text:?}");
            assert!(
                !arn.resource.is_empty() || arn.resource_name.is_some(),
                "empty resource accepted: {text:?}"
            );
            assert!(!arn.resource.contains('/') && !arn.resource.contains(':'));
            // The resource part is `resource[/name]` or `resource[:name]` (extra
            // components); either way the text is the parts joined again.
            let head = format!(
                "arn:{}:{}:{}:{}:{}",
                arn.partition, arn.service, arn.region, arn.account, arn.resource
            );
            match &arn.resource_name {
                None => assert_eq!(head, text),
                Some(name) => {
                    let slash = format!("{head}/{name}");
                    let colon = format!("{head}:{name}");
                    assert!(
                        slash == text || colon == text,
                        "{text:?} came back as {slash:?}"
                    );
                }
            }
        }
        Err(e) => {
            // The message names the ARN, and displaying it cannot fail.
            let msg = e.to_string();
            assert!(msg.ends_with(text), "{msg:?} does not name {text:?}");
        }
    }
}

/// Any JSON put into a resource property, a whole property map and an output value
/// synthesizes in memory without panicking; when it succeeds the template is JSON
/// that holds the value.
pub fn check_render_value(data: &[u8]) {
    let Ok(json) = serde_json::from_slice::<serde_json::Value>(data) else {
        return;
    };
    let app = App::with_props(AppProps {
        outdir: Some("/nonexistent/fuzz".into()),
        ..Default::default()
    });
    let stack = Stack::new(&app, "Fuzz");
    let mut one = IndexMap::new();
    one.insert("Value".to_owned(), Value::from(json.clone()));
    CfnResource::new(&stack, "One", "AWS::IVS::Channel", one);
    let whole: IndexMap<String, Value> = match &json {
        serde_json::Value::Object(m) => m
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect(),
        _ => IndexMap::new(),
    };
    CfnResource::new(&stack, "Whole", "AWS::IVS::StreamKey", whole);
    CfnOutput::new(
        &stack,
        "Out",
        CfnOutputProps {
            value: Some(Value::from(json.clone())),
            ..Default::default()
        },
    );
    let Ok(rendered) = app.synth_in_memory() else {
        return;
    };
    let stack = &rendered.stacks[0];
    let template: serde_json::Value =
        serde_json::from_str(&stack.template).expect("the template is JSON");
    let resources = template["Resources"].as_object().expect("Resources");
    assert!(resources.contains_key("One") && resources.contains_key("Whole"));
    let _: serde_json::Value =
        serde_json::from_str(&rendered.manifest).expect("the manifest is JSON");
    let _: serde_json::Value = serde_json::from_str(&stack.metadata).expect("the metadata is JSON");
}
