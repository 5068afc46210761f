//! `for_each_property` (the borrowing walk synthesis uses) visits exactly what `render`
//! returns, in the same order, for the generated L1 types.

use ivs_cdk::cfn::*;
use ivs_cdk::{CfnProps, CfnTag, Value};

fn walked(p: &dyn CfnProps) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    p.for_each_property(&mut |k, v| out.push((k.to_owned(), v.clone())));
    out
}

fn rendered(p: &dyn CfnProps) -> Vec<(String, Value)> {
    p.render().into_iter().collect()
}

#[test]
fn the_property_walk_matches_rendering() {
    let channel = CfnChannelProps {
        name: Some("x".into()),
        multitrack_input_configuration: Some(ivs_channel::MultitrackInputConfigurationProperty {
            enabled: Some(true.into()),
            ..Default::default()
        }),
        tags: Some(vec![CfnTag::new("k", "v")]),
        ..Default::default()
    };
    let recording = CfnRecordingConfigurationProps {
        destination_configuration: Some(DestinationConfigurationProperty {
            s3: Some(S3DestinationConfigurationProperty {
                bucket_name: Some("b".into()),
            }),
        }),
        recording_reconnect_window_seconds: Some(30.into()),
        ..Default::default()
    };
    let cases: Vec<Box<dyn CfnProps>> = vec![
        Box::new(channel),
        Box::new(CfnChannelProps::default()),
        Box::new(recording),
        Box::new(CfnStageProps::default()),
        Box::new(CfnStreamKeyProps::default()),
        Box::new(CfnBucketProps::default()),
        Box::new(CfnRoomProps::default()),
    ];
    for p in &cases {
        assert_eq!(walked(p.as_ref()), rendered(p.as_ref()), "{}", p.cfn_type());
    }
}
