//! Hot paths of synthesis, so that regressions show in review:
//! `cargo bench --bench synth`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use ivs_cdk::names::{make_unique_id, unique_resource_name};
use ivs_cdk::*;

fn perf_app(n: usize) -> App {
    let mut props = AppProps::default();
    props
        .context
        .insert(STACK_RESOURCE_LIMIT_CONTEXT.into(), 0.into());
    let app = App::with_props(props);
    let stack = Stack::new(&app, "IvsPerf");
    for i in 0..n {
        let channel = Channel::new(&stack, &format!("Channel{i}"), ChannelProps::default());
        channel.add_stream_key("Key");
        CfnOutput::new(
            &stack,
            &format!("Url{i}"),
            CfnOutputProps {
                value: Some(channel.channel_playback_url()),
                ..Default::default()
            },
        );
    }
    app
}

fn names(c: &mut Criterion) {
    c.bench_function("logical_id", |b| {
        b.iter(|| make_unique_id(&["Channel1234", "StreamKey", "Resource"]))
    });
    c.bench_function("generated_name", |b| {
        b.iter(|| unique_resource_name(&["IvsPerf", "Channel1234"], 128, "-_"))
    });
}

fn render(c: &mut Criterion) {
    let mut group = c.benchmark_group("synth_in_memory");
    group.sample_size(20);
    for n in [100usize, 1000] {
        let app = perf_app(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &app, |b, app| {
            b.iter(|| app.synth_in_memory().map(|r| r.stacks.len()))
        });
    }
    group.finish();
}

fn construct(c: &mut Criterion) {
    let mut group = c.benchmark_group("construct");
    group.sample_size(20);
    group.bench_function("1000_channels", |b| b.iter(|| perf_app(1000)));
    group.finish();
}

fn write(c: &mut Criterion) {
    let rendered = perf_app(1000).synth_in_memory().expect("valid app");
    let bytes: usize = rendered.stacks.iter().map(|s| s.template.len()).sum();
    let dir = tempfile::tempdir().expect("temp dir");
    let out = dir.path().join("cdk.out");
    let mut group = c.benchmark_group("write");
    group.sample_size(20);
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("1000_channels", |b| {
        b.iter(|| rendered.write_to(&out).map(|a| a.stacks.len()))
    });
    group.finish();
}

criterion_group!(benches, names, construct, render, write);
criterion_main!(benches);
