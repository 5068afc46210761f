//! The synthesis benchmark's workload: one stack with N channels, each with a stream
//! key and an output of its playback URL (2N resources, N outputs).
//!
//! `cargo run --release --example perf -- N OUTDIR` synthesizes into OUTDIR and prints
//! one JSON line with phase timings and the bytes written. It is the Rust form of the
//! JavaScript CDK app `perf.js` that the benchmark runs beside it.

use std::process::ExitCode;
use std::time::Instant;

use ivs_cdk::{
    App, AppProps, CfnOutput, CfnOutputProps, Channel, ChannelProps, Stack,
    STACK_RESOURCE_LIMIT_CONTEXT,
};

/// An app whose one stack may hold more than 500 resources, writing to `outdir`.
pub fn new_app(outdir: Option<std::path::PathBuf>) -> App {
    let mut props = AppProps {
        outdir,
        ..Default::default()
    };
    props
        .context
        .insert(STACK_RESOURCE_LIMIT_CONTEXT.to_owned(), 0.into());
    App::with_props(props)
}

/// Declares the benchmark stack with `n` channels in `app`.
pub fn build(app: &App, n: usize) {
    let stack = Stack::new(app, "IvsPerf");
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
}

fn dir_size(path: &std::path::Path) -> u64 {
    std::fs::read_dir(path)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .filter_map(|e| e.metadata().ok())
                .filter(|m| m.is_file())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let (Some(n), Some(outdir)) = (
        args.get(1).and_then(|a| a.parse::<usize>().ok()),
        args.get(2),
    ) else {
        eprintln!("usage: perf N OUTDIR");
        return ExitCode::from(2);
    };
    let t0 = Instant::now();
    let app = new_app(Some(outdir.into()));
    build(&app, n);
    let t1 = Instant::now();
    let result = app.synth();
    let t2 = Instant::now();
    match result {
        Ok(assembly) => {
            let bytes = dir_size(&assembly.outdir);
            let ms = |a: Instant, b: Instant| (b - a).as_secs_f64() * 1000.0;
            println!(
                "{{\"lib\":\"ivs-cdk\",\"n\":{n},\"constructMs\":{:.3},\"synthMs\":{:.3},\"totalMs\":{:.3},\"bytes\":{bytes}}}",
                ms(t0, t1),
                ms(t1, t2),
                ms(t0, t2)
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
