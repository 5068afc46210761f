//! Token signing throughput: playback tokens per second on one thread and on
//! every core, next to the raw P-384 ECDSA sign rate of the backend.
//!
//! Run: `cargo bench -p ivs-playback-auth --bench tokens` (or `bench/tokens/run.sh`
//! for the Node.js comparison). `BENCH_SECONDS` sets the time per measurement
//! (default 2) and `BENCH_ROUNDS` the number of runs of which the best counts
//! (default 3). The claims match `bench/tokens/sign.js`.

use std::hint::black_box;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use ivs_playback_auth::{
    MaximumResolution, PlaybackClaims, PrivateKey, Signer, SigningMode, Verifier,
};

const CHANNEL_ARN: &str = "arn:aws:ivs:us-west-2:123456789012:channel/AbCdEf123456";

/// Runs `work` on `threads` threads for `secs` seconds; returns operations per second.
fn rate(threads: usize, secs: f64, work: &(dyn Fn() + Sync)) -> f64 {
    // Warm up caches and lazy initialization outside the timed window.
    for _ in 0..20 {
        work();
    }
    let stop = AtomicBool::new(false);
    let start = Instant::now();
    let total: u64 = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut n = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        work();
                        n += 1;
                    }
                    n
                })
            })
            .collect();
        std::thread::sleep(Duration::from_secs_f64(secs));
        stop.store(true, Ordering::Relaxed);
        handles.into_iter().map(|h| h.join().unwrap_or(0)).sum()
    });
    total as f64 / start.elapsed().as_secs_f64()
}

fn build_and_sign(signer: &Signer) -> String {
    PlaybackClaims::builder(CHANNEL_ARN)
        .expires_in(Duration::from_secs(300))
        .allowed_origin("https://example.com")
        .viewer_id("viewer-0042")
        .viewer_session_version(1_699_999_999)
        .maximum_resolution(MaximumResolution::Hd)
        .sign(signer)
        .unwrap_or_default()
}

fn main() {
    // `cargo bench` passes --bench; under `cargo test --all-targets` this is a no-op.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let secs: f64 = std::env::var("BENCH_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(2.0);
    let cores = std::thread::available_parallelism()
        .map(|n| n.get())
        .unwrap_or(1);
    let key = PrivateKey::generate().expect("key generation");
    let signer = Signer::new(&key).expect("signer");
    let deterministic = Signer::new(&key)
        .expect("signer")
        .with_mode(SigningMode::Deterministic);
    let sample = build_and_sign(&signer);
    let input = sample
        .rsplit_once('.')
        .map(|(i, _)| i.to_string())
        .unwrap_or_default();
    println!(
        "token: {} bytes, signing input {} bytes, {cores} cores",
        sample.len(),
        input.len()
    );

    let mut rows: Vec<(String, f64, f64)> = Vec::new();
    // Best of `rounds` runs: other processes on the machine only ever slow a run down.
    let rounds: usize = std::env::var("BENCH_ROUNDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(3);
    let best = |threads: usize, work: &(dyn Fn() + Sync)| {
        (0..rounds.max(1))
            .map(|_| rate(threads, secs, work))
            .fold(0.0, f64::max)
    };
    let mut measure = |name: &str, work: &(dyn Fn() + Sync)| {
        let one = best(1, work);
        let all = best(cores, work);
        println!("{name:<58} {one:>10.0} /s  {all:>10.0} /s");
        rows.push((name.to_string(), one, all));
    };
    println!(
        "{:<58} {:>13}  {:>13}",
        "",
        "1 thread",
        format!("{cores} threads")
    );

    #[cfg(feature = "aws-lc")]
    {
        use aws_lc_rs::signature::{EcdsaKeyPair, ECDSA_P384_SHA384_FIXED_SIGNING};
        let der = key.to_pkcs8_der();
        let raw =
            EcdsaKeyPair::from_pkcs8(&ECDSA_P384_SHA384_FIXED_SIGNING, &der).expect("aws-lc key");
        let rng = aws_lc_rs::rand::SystemRandom::new();
        measure("raw ECDSA P-384 sign, aws-lc-rs (backend)", &|| {
            black_box(raw.sign(&rng, black_box(input.as_bytes())).ok());
        });
    }
    measure(
        "playback token: build claims + sign (ivs-playback-auth)",
        &|| {
            black_box(build_and_sign(&signer));
        },
    );
    let claims = PlaybackClaims::builder(CHANNEL_ARN)
        .allowed_origin("https://example.com")
        .viewer_id("viewer-0042")
        .viewer_session_version(1_699_999_999)
        .maximum_resolution(MaximumResolution::Hd)
        .build()
        .expect("claims");
    measure("playback token: sign prebuilt claims", &|| {
        black_box(signer.sign_playback(&claims).ok());
    });
    {
        use p384::ecdsa::signature::Signer as _;
        let raw = p384::ecdsa::SigningKey::from_slice(&p384_scalar(&key)).expect("p384 key");
        measure("raw ECDSA P-384 sign, RustCrypto p384 (RFC 6979)", &|| {
            let sig: p384::ecdsa::Signature = raw.sign(black_box(input.as_bytes()));
            black_box(sig);
        });
    }
    measure(
        "playback token, deterministic mode (RustCrypto p384)",
        &|| {
            black_box(deterministic.sign_playback(&claims).ok());
        },
    );
    let verifier = Verifier::new(&key.public_key());
    measure("playback token: verify (RustCrypto p384)", &|| {
        black_box(verifier.verify_playback(black_box(&sample)).ok());
    });

    if let (Some(raw), Some(token)) = (rows.first(), rows.get(1)) {
        println!(
            "token signing / raw backend sign: {:.0}% on 1 thread, {:.0}% on {cores} threads",
            100.0 * token.1 / raw.1,
            100.0 * token.2 / raw.2
        );
    }
}

/// The private scalar, for building a bare RustCrypto signing key.
fn p384_scalar(key: &PrivateKey) -> Vec<u8> {
    use p384::pkcs8::DecodePrivateKey;
    p384::SecretKey::from_pkcs8_der(&key.to_pkcs8_der())
        .map(|k| k.to_bytes().to_vec())
        .unwrap_or_default()
}
