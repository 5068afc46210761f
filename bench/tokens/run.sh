#!/usr/bin/env bash
# Playback-token signing benchmark: Node.js `jsonwebtoken` and ivs-playback-auth,
# side by side on this machine. BENCH_SECONDS sets the time per run (default 2)
# and BENCH_ROUNDS the number of runs of which the best counts (default 3).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
here="$root/bench/tokens"
tools="$root/.tools/bench-tokens"

# Install the pinned jsonwebtoken into a git-ignored folder; reuse it when the
# installed version already matches the pin.
pinned="$(node -p "require('$here/package.json').dependencies.jsonwebtoken")"
installed="$(node -p "try { require('$tools/node_modules/jsonwebtoken/package.json').version } catch (e) { '' }")"
if [ "$installed" != "$pinned" ]; then
  mkdir -p "$tools"
  cp "$here/package.json" "$here/package-lock.json" "$tools/"
  (cd "$tools" && npm ci --no-audit --no-fund --loglevel=error)
fi

echo "== Node.js (bench/tokens/sign.js)"
NODE_PATH="$tools/node_modules" node "$here/sign.js"
echo
echo "== Rust (crates/playback-auth/benches/tokens.rs)"
cd "$root"
cargo bench -q -p ivs-playback-auth --bench tokens
