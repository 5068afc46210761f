//! The seed's examples in one app: a channel with a stream key, an imported channel
//! with a stream key, a playback key pair, and a private channel.
//!
//! `cargo run --example seed` writes `./cdk.out` (or `$CDK_OUTDIR`); `cdk.json` at the
//! repository root runs it for the `cdk` CLI.

use std::process::ExitCode;

use ivs_cdk::{App, Channel, ChannelProps, PlaybackKeyPair, PlaybackKeyPairProps, Stack};

/// A P-384 public key (SPKI PEM), made with
/// `openssl ecparam -name secp384r1 -genkey -noout -out priv.pem` and
/// `openssl ec -in priv.pem -pubout -out p384-public.pem`.
const PUBLIC_KEY_PEM: &str = include_str!("fixtures/p384-public.pem");

/// Declares the seed's stack in `app`.
pub fn build(app: &App) {
    let stack = Stack::new(app, "IvsSeedStack");

    // You can create a channel ...
    let channel = Channel::new(&stack, "Channel", ChannelProps::default());
    // ... and a stream key for it.
    channel.add_stream_key("StreamKey");

    // You can reference an existing channel, e.g. to create a stream key for it.
    let imported = Channel::from_channel_arn(
        &stack,
        "ImportedChannel",
        "arn:aws:ivs:us-west-2:123456789012:channel/abcdABCDefgh",
    );
    imported.add_stream_key("StreamKey");

    // Private channels: import the public key that verifies viewers' tokens ...
    PlaybackKeyPair::new(
        &stack,
        "PlaybackKeyPair",
        PlaybackKeyPairProps {
            public_key_material: PUBLIC_KEY_PEM.into(),
            ..Default::default()
        },
    );
    // ... and create the channel with playback authorization.
    Channel::new(
        &stack,
        "PrivateChannel",
        ChannelProps {
            authorized: Some(true),
            ..Default::default()
        },
    );
}

fn main() -> ExitCode {
    let app = App::new();
    build(&app);
    match app.synth() {
        Ok(assembly) => {
            // Under the `cdk` CLI, which prints the warnings itself, only the summary.
            let under_cli = std::env::var_os("CDK_CLI_VERSION").is_some();
            eprint!("{}", assembly.report_with(!under_cli));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
