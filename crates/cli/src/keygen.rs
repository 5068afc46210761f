//! `ivs-cdk keygen`: a new P-384 key pair on disk.

use std::path::PathBuf;

use ivs_playback_auth::PrivateKey;

use crate::files::write_new;
use crate::Failure;

/// Generate a P-384 (secp384r1) key pair for a private channel's playback key pair
/// or a stage's public key.
///
/// The private key is written as PKCS#8 PEM with mode 0600; keep it secret. The
/// public key is written as SPKI PEM (BEGIN PUBLIC KEY): import it as the
/// PlaybackKeyPair's public_key_material.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Example:\n  ivs-cdk keygen --private-key private.pem --public-key public.pem"
)]
pub struct Args {
    /// Where to write the private key (PKCS#8 PEM, mode 0600).
    #[arg(long, value_name = "FILE")]
    private_key: PathBuf,
    /// Where to write the public key (SPKI PEM).
    #[arg(long, value_name = "FILE")]
    public_key: PathBuf,
    /// Write the private key as SEC1 (BEGIN EC PRIVATE KEY, as `openssl ecparam -genkey`) instead of PKCS#8.
    #[arg(long)]
    sec1: bool,
    /// Overwrite files that already exist.
    #[arg(long)]
    force: bool,
}

/// Runs `keygen`.
pub fn run(args: &Args) -> Result<(), Failure> {
    if args.private_key == args.public_key {
        return Err(Failure::usage(
            "--private-key and --public-key must be different files",
        ));
    }
    if !args.force {
        for path in [&args.private_key, &args.public_key] {
            if path.exists() {
                return Err(Failure::rejected(format!(
                    "{} already exists; pass --force to overwrite it (nothing was written)",
                    path.display()
                )));
            }
        }
    }
    let key = PrivateKey::generate().map_err(Failure::rejected)?;
    let private_pem = if args.sec1 {
        key.to_sec1_pem()
    } else {
        key.to_pkcs8_pem()
    };
    write_new(&args.private_key, private_pem.as_bytes(), args.force, true)?;
    write_new(
        &args.public_key,
        key.public_key().to_spki_pem().as_bytes(),
        args.force,
        false,
    )?;
    println!(
        "Wrote the private key to {} (keep it secret) and the public key to {}.\n\
         Import the public key as PlaybackKeyPairProps {{ public_key_material, .. }}.",
        args.private_key.display(),
        args.public_key.display()
    );
    Ok(())
}
