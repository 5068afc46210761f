//! Behaviours found by review: references from custom props during synthesis,
//! synthesis inside an update closure, cross-stack `add_dependency`, override merging,
//! tag values and order, joins of literal numbers.

use indexmap::IndexMap;
use ivs_cdk::*;
use serde_json::{json, Value as Json};

fn template(app: &App, i: usize) -> Json {
    let r = app.synth_in_memory().unwrap_or_else(|e| panic!("{e}"));
    serde_json::from_str(&r.stacks[i].template).unwrap()
}

fn lid(path: &[&str]) -> String {
    names::make_unique_id(path).unwrap()
}

/// Props of a custom resource type that read another construct's attribute while
/// rendering.
struct LinkProps {
    channel: Channel,
}

impl CfnProps for LinkProps {
    fn cfn_type(&self) -> &'static str {
        "Custom::Link"
    }
    fn render(&self) -> IndexMap<String, Value> {
        let mut m = IndexMap::new();
        m.insert("ChannelArn".to_owned(), self.channel.channel_arn());
        m
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
    fn as_any_mut(&mut self) -> &mut dyn std::any::Any {
        self
    }
}

#[test]
fn custom_props_may_read_attributes_while_the_app_synthesizes() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    CfnResource::with_props(
        &stack,
        "Link",
        "Custom::Link",
        Box::new(LinkProps { channel }),
        "x.Link",
    );
    let t = template(&app, 0);
    assert_eq!(
        t["Resources"]["Link"]["Properties"]["ChannelArn"],
        json!({"Fn::GetAtt": [lid(&["Channel", "Resource"]), "Arn"]})
    );
}

#[test]
fn synthesizing_inside_an_update_closure_is_refused() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let inner = std::cell::RefCell::new(None);
    channel.cfn().update(|p| {
        p.latency_mode = Some("LOW".into());
        *inner.borrow_mut() = Some(app.synth_in_memory().map(|_| ()));
    });
    let err = inner.into_inner().unwrap().unwrap_err();
    assert_eq!(err.problems()[0].rule, "synth-during-update");
    // After the closure, the app synthesizes with the change.
    let t = template(&app, 0);
    assert_eq!(
        t["Resources"][&lid(&["Channel", "Resource"])]["Properties"]["LatencyMode"],
        "LOW"
    );
}

#[test]
fn a_dependency_on_a_resource_of_another_stack_orders_the_stacks() {
    let app = App::with_props(AppProps::default());
    let a = Stack::new(&app, "A");
    let b = Stack::new(&app, "B");
    let ca = Channel::new(&a, "CA", ChannelProps::default());
    let cb = Channel::new(&b, "CB", ChannelProps::default());
    cb.cfn().add_dependency(&ca);
    let r = app.synth_in_memory().unwrap();
    assert_eq!(
        r.stacks[1].artifact["dependencies"],
        json!(["A", "B.assets"])
    );
    let t: Json = serde_json::from_str(&r.stacks[1].template).unwrap();
    assert!(t["Resources"][&lid(&["CB", "Resource"])]
        .get("DependsOn")
        .is_none());
}

#[test]
fn overrides_merge_into_objects_set_by_earlier_overrides() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    let mut enabled = IndexMap::new();
    enabled.insert("Enabled".to_owned(), Value::from(true));
    channel
        .cfn()
        .add_property_override("MultitrackInputConfiguration", Value::Map(enabled));
    channel
        .cfn()
        .add_property_override("MultitrackInputConfiguration.Policy", "ALLOW");
    channel
        .cfn()
        .add_property_override("MultitrackInputConfiguration.MaximumResolution", "HD");
    channel
        .cfn()
        .add_property_override("ContainerFormat", "FRAGMENTED_MP4");
    channel
        .cfn()
        .add_override("Metadata", Value::Map(IndexMap::new()));
    let t = template(&app, 0);
    let resource = &t["Resources"][&lid(&["Channel", "Resource"])];
    assert_eq!(
        resource["Properties"]["MultitrackInputConfiguration"],
        json!({"Enabled": true, "Policy": "ALLOW", "MaximumResolution": "HD"})
    );
    assert!(resource.get("Metadata").is_none(), "{resource}");
}

#[test]
fn tag_values_are_strings_and_accented_keys_sort_by_their_letter() {
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    for key in ["Zeta", "Équipe", "alpha", "Éa", "f"] {
        Tags::of(&channel).add(key, "x");
    }
    Tags::of(&channel).add("num", 42);
    let t = template(&app, 0);
    let tags = t["Resources"][&lid(&["Channel", "Resource"])]["Properties"]["Tags"]
        .as_array()
        .unwrap()
        .clone();
    let keys: Vec<&str> = tags.iter().map(|t| t["Key"].as_str().unwrap()).collect();
    assert_eq!(keys, ["alpha", "Éa", "Équipe", "f", "num", "Zeta"]);
    assert_eq!(tags[4]["Value"], "42");
}

#[test]
fn joins_merge_literal_numbers_as_text() {
    assert_eq!(Fn::join("-", ["a".into(), 1.into()]), Value::from("a-1"));
    let app = App::with_props(AppProps::default());
    let stack = Stack::new(&app, "S");
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    CfnOutput::new(
        &stack,
        "Out",
        CfnOutputProps {
            value: Some(Value::Join(
                "-".into(),
                vec!["a".into(), 1.into(), channel.channel_arn()],
            )),
            ..Default::default()
        },
    );
    let t = template(&app, 0);
    assert_eq!(
        t["Outputs"]["Out"]["Value"],
        json!({"Fn::Join": ["-", ["a-1", {"Fn::GetAtt": [lid(&["Channel", "Resource"]), "Arn"]}]]})
    );
}
