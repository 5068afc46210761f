//! `ivs-cdk`: the command-line tool of the ivs-cdk project.
//!
//! Each subcommand lives in its own module with an `Args` type and a `run`
//! function; `main` only parses and dispatches. Add a subcommand by adding a
//! module, a variant to [`Command`] and a line to [`main`].

// Doc comments on clap arguments are terminal help text, where bare URLs are right.
#![allow(rustdoc::bare_urls)]

mod failure;
mod files;
mod keygen;
mod lint;
mod token;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

pub use failure::Failure;

/// Amazon IVS infrastructure as code: keys and tokens for private channels.
#[derive(Debug, Parser)]
#[command(name = "ivs-cdk", version, propagate_version = true)]
#[command(
    after_help = "Example:\n  ivs-cdk keygen --private-key private.pem --public-key public.pem\n  \
ivs-cdk token sign --private-key private.pem --channel-arn arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Generate a P-384 key pair for a playback key pair or a stage public key.
    Keygen(keygen::Args),
    /// Sign and verify playback and participant tokens.
    #[command(subcommand)]
    #[command(
        after_help = "Example:\n  ivs-cdk token sign --private-key private.pem \\\n      \
--channel-arn arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456 --ttl 5m\n  \
ivs-cdk token verify --public-key public.pem eyJhbGciOiJFUzM4NCIsInR5cCI6IkpXVCJ9..."
    )]
    Token(token::Command),
    /// Check the IVS resources of CloudFormation templates (JSON or YAML).
    Lint(lint::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Keygen(args) => keygen::run(&args),
        Command::Token(command) => token::run(command),
        Command::Lint(args) => lint::run(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => {
            eprintln!("error: {}", failure.message());
            ExitCode::from(failure.exit_code())
        }
    }
}
