//! Injectable clocks, so tokens can be made and checked at a pinned time.

use std::time::{SystemTime, UNIX_EPOCH};

/// A source of the current time in whole seconds since the Unix epoch.
///
/// [`SystemClock`] is the default everywhere; tests and the CLI's `--now` use
/// [`FixedClock`]. Any `Fn() -> u64 + Send + Sync` closure is a clock too.
pub trait Clock: Send + Sync {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn now(&self) -> u64;
}

/// The operating system's wall clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> u64 {
        // A clock set before 1970 reads as the epoch; every token then looks far
        // in the future rather than crashing the caller.
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0)
    }
}

/// A clock that always reads the same instant.
///
/// ```
/// use ivs_playback_auth::{Clock, FixedClock};
/// assert_eq!(FixedClock(1_700_000_000).now(), 1_700_000_000);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub u64);

impl Clock for FixedClock {
    fn now(&self) -> u64 {
        self.0
    }
}

impl<F: Fn() -> u64 + Send + Sync> Clock for F {
    fn now(&self) -> u64 {
        self()
    }
}
