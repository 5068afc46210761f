#!/usr/bin/env bash
# Synthesis benchmark: this project (Rust) against the JavaScript AWS CDK, on
# the same machine, on the same workload: one stack with N IVS channels, each
# with one stream key and one output (2N resources, N outputs).
#
#   Rust:  the example `perf` of this workspace, run as `perf N OUTDIR`
#          (built once with `cargo build --release --example perf`)
#   JS:    ../shared/reference/cdk-out/apps/perf.js N OUTDIR with aws-cdk-lib,
#          once with CDK_VALIDATION=false (aws-cdk-lib's built-in template
#          validation off) and once with validation on (the aws-cdk-lib default)
#
# Each (N, variant) is run BENCH_RUNS times, interleaved (Rust, JS off, JS on,
# Rust, ...), with /usr/bin/time -v for peak RSS and a nanosecond clock for
# wall time; the table shows medians. It is printed and written to
# bench/synth/results.md.
#
# Usage: bench/synth/run.sh        (from anywhere; paths are relative to the repo)
# Environment:
#   BENCH_NS="1 100 1000 5000 20000"  channel counts
#   BENCH_RUNS=3                      repetitions per (N, variant)
#   BENCH_JS_VALIDATION_MAX_N=5000    skip JS validation-on runs for larger N (slow)
#   BENCH_SKIP_RUST=1                 do not build or run the Rust half
#   BENCH_OUT=bench/synth/results.md  where to write the Markdown report
#   BENCH_WORKDIR=<temp dir>          scratch space for the outputs (removed at the end
#                                     unless given)
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd -P)
cd "$ROOT"

NS=${BENCH_NS:-1 100 1000 5000 20000}
RUNS=${BENCH_RUNS:-3}
JS_VALIDATION_MAX_N=${BENCH_JS_VALIDATION_MAX_N:-5000}
SKIP_RUST=${BENCH_SKIP_RUST:-0}
OUT=${BENCH_OUT:-bench/synth/results.md}
PERF_JS_REL=../shared/reference/cdk-out/apps/perf.js
PERF_JS="$ROOT/$PERF_JS_REL"

log() { printf 'bench: %s\n' "$*" >&2; }
die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive integer, got '$RUNS'"
[[ $JS_VALIDATION_MAX_N =~ ^[0-9]+$ ]] || die "BENCH_JS_VALIDATION_MAX_N must be an integer"
for n in $NS; do [[ $n =~ ^[0-9]+$ ]] || die "BENCH_NS must hold integers, got '$n'"; done
[[ -f $PERF_JS ]] || die "$PERF_JS_REL not found (the shared reference folder must sit beside the repository)"

# ---- prerequisites ----------------------------------------------------------
if [[ ! -x /usr/bin/time ]]; then
  log "/usr/bin/time missing: installing the Debian package 'time'"
  SUDO=()
  [[ $(id -u) -eq 0 ]] || SUDO=(sudo)
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2 \
    && "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >&2 \
    || die "could not install the package 'time' (apt-get install time)"
fi
# Captured first: `grep -q` closing the pipe early would fail the pipeline under pipefail.
time_probe=$(/usr/bin/time -v true 2>&1 || true)
[[ $time_probe == *'Maximum resident set size'* ]] \
  || die "/usr/bin/time -v does not report the peak RSS (GNU time needed)"

JSCDK=$(bash scripts/tools.sh jscdk) || die "scripts/tools.sh jscdk failed"

RUST_BIN=""
RUST_NOTE=""
if [[ $SKIP_RUST == 1 ]]; then
  RUST_NOTE="Rust half skipped (BENCH_SKIP_RUST=1)."
  log "$RUST_NOTE"
else
  has_perf=$(cargo metadata --no-deps --format-version 1 | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const pkgs = JSON.parse(s).packages;
      const hit = pkgs.some((p) => p.targets.some((t) => t.name === "perf" && t.kind.includes("example")));
      console.log(hit ? "yes" : "no");
    });') || die "cargo metadata failed"
  if [[ $has_perf == yes ]]; then
    log "building the Rust half: cargo build --release --example perf"
    build_json=$(mktemp)
    cargo build --release --example perf --message-format=json-render-diagnostics >"$build_json" \
      || die "cargo build --release --example perf failed (see above)"
    RUST_BIN=$(node -e '
      for (const l of require("fs").readFileSync(process.argv[1], "utf8").split("\n")) {
        if (!l.startsWith("{")) continue;
        const m = JSON.parse(l);
        if (m.reason === "compiler-artifact" && m.target.name === "perf"
            && m.target.kind.includes("example") && m.executable) console.log(m.executable);
      }' "$build_json" | tail -n 1)
    rm -f "$build_json"
    [[ -n $RUST_BIN && -x $RUST_BIN ]] || die "cargo built the example perf but its executable was not found"
  else
    RUST_NOTE="Rust half not measured: the workspace has no example \`perf\` yet (\`cargo build --release --example perf\` has nothing to build)."
    log "WARNING: $RUST_NOTE Continuing with the JavaScript half only."
  fi
fi

if [[ -n ${BENCH_WORKDIR:-} ]]; then
  WORK=$BENCH_WORKDIR
  mkdir -p "$WORK"
else
  WORK=$(mktemp -d "${TMPDIR:-/tmp}/ivs-bench-synth.XXXXXX")
  trap 'rm -rf "$WORK"' EXIT
fi

LOAD_AT_START=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')

# ---- measuring --------------------------------------------------------------
# One line per run: variant N rep wall_ns rss_kb bytes_written js_phases
RAW="$WORK/raw.tsv"
: >"$RAW"

# measure <variant> <n> <rep> <command...>: runs in a fresh OUTDIR (the last
# argument of the command is "$WORK/out"), appends a line to $RAW.
measure() {
  local variant=$1 n=$2 rep=$3; shift 3
  local outdir="$WORK/out" tv="$WORK/time.txt" so="$WORK/stdout.txt" se="$WORK/stderr.txt"
  rm -rf "$outdir"
  sync
  local t0 t1 rc=0
  t0=$(date +%s%N)
  /usr/bin/time -v -o "$tv" "$@" >"$so" 2>"$se" </dev/null || rc=$?
  t1=$(date +%s%N)
  if [[ $rc -ne 0 ]]; then
    cat "$se" >&2
    die "$variant N=$n run $rep exited with $rc: $*"
  fi
  local rss bytes phases
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$tv")
  bytes=0
  if [[ -d $outdir ]]; then
    bytes=$(find "$outdir" -type f -printf '%s\n' | awk '{s += $1} END {printf "%d", s}')
  fi
  [[ $bytes -gt 0 ]] || die "$variant N=$n run $rep wrote nothing to its output directory"
  # perf.js prints one JSON line of in-process phase timings.
  phases=$(grep -m1 '^{' "$so" | tr -d '\t' || true)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$variant" "$n" "$rep" "$((t1 - t0))" "$rss" "$bytes" "${phases:--}" >>"$RAW"
  log "$(printf '%-7s N=%-6s run %s: %8.1f ms, %7.1f MiB RSS, %s bytes' \
    "$variant" "$n" "$rep" "$(awk -v ns=$((t1 - t0)) 'BEGIN{print ns/1e6}')" \
    "$(awk -v kb="$rss" 'BEGIN{print kb/1024}')" "$bytes")"
}

# Commands as arrays (/usr/bin/time runs programs, not shell functions).
JS_OFF=(env PEER_CDK_V2_DIR="$JSCDK" CDK_VALIDATION=false node "$PERF_JS")
JS_ON=(env -u CDK_VALIDATION PEER_CDK_V2_DIR="$JSCDK" node "$PERF_JS")

for n in $NS; do
  for ((rep = 1; rep <= RUNS; rep++)); do
    if [[ -n $RUST_BIN ]]; then
      measure rust "$n" "$rep" "$RUST_BIN" "$n" "$WORK/out"
    fi
    measure js-off "$n" "$rep" "${JS_OFF[@]}" "$n" "$WORK/out"
    if [[ $n -le $JS_VALIDATION_MAX_N ]]; then
      measure js-on "$n" "$rep" "${JS_ON[@]}" "$n" "$WORK/out"
    fi
  done
done
rm -rf "$WORK/out"

# ---- report -----------------------------------------------------------------
# median <variant> <n> <column>: median over the runs (empty if none)
median() {
  awk -F'\t' -v v="$1" -v n="$2" -v c="$3" '$1 == v && $2 == n {print $c}' "$RAW" | sort -g |
    awk '{a[NR] = $1} END {if (NR == 0) exit; if (NR % 2) print a[(NR + 1) / 2]; else print (a[NR / 2] + a[NR / 2 + 1]) / 2}'
}
fmt_time() { # ns
  [[ -n $1 ]] || { printf '—'; return; }
  awk -v ns="$1" 'BEGIN {ms = ns / 1e6;
    if (ms < 10) printf "%.1f ms", ms; else if (ms < 1000) printf "%.0f ms", ms; else printf "%.2f s", ms / 1000}'
}
fmt_rss() { # kB
  [[ -n $1 ]] || { printf '—'; return; }
  awk -v kb="$1" 'BEGIN {printf "%.1f MiB", kb / 1024}'
}
ratio() {
  [[ -n $1 && -n $2 ]] || { printf '—'; return; }
  awk -v a="$1" -v b="$2" 'BEGIN {r = a / b; if (r < 10) printf "%.2f×", r; else printf "%.0f×", r}'
}

cpu_model=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo 2>/dev/null || true)
mem_total=$(awk '/^MemTotal/ {printf "%.1f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null || true)
os_name=$(. /etc/os-release 2>/dev/null && echo "$PRETTY_NAME" || uname -s)
pkg_version() { node -e 'console.log(require(process.argv[1]).version)' "$JSCDK/node_modules/$1/package.json"; }
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
status=$(git status --porcelain 2>/dev/null || true)
dirty=$([[ -n $status ]] && echo ' (uncommitted changes in the tree)' || true)

report() {
  echo "# Synthesis benchmark: Rust vs JavaScript CDK"
  echo
  echo "Workload: one stack with N IVS channels, each with one stream key (\`add_stream_key\`)"
  echo "and one output (its playback URL): 2N resources and N outputs, written as a cloud assembly."
  echo "Wall time of the whole process (start-up included) and peak RSS, median of $RUNS interleaved runs."
  echo
  echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "- machine: ${cpu_model:-unknown CPU}, nproc $(nproc), ${mem_total:-? GiB} RAM, $os_name"
  echo "- load average (1/5/15 min) at start: $LOAD_AT_START, at end: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo '?')"
  echo "- Rust: $(rustc --version), release profile, commit $commit$dirty"
  echo "- JavaScript: Node.js $(node --version), aws-cdk-lib $(pkg_version aws-cdk-lib), constructs $(pkg_version constructs), @aws-cdk/aws-ivs-alpha $(pkg_version @aws-cdk/aws-ivs-alpha)"
  echo "- reproduce: \`BENCH_NS=\"$NS\" BENCH_RUNS=$RUNS BENCH_JS_VALIDATION_MAX_N=$JS_VALIDATION_MAX_N bench/synth/run.sh\`"
  echo
  echo "| N | Rust time | Rust RSS | Rust output | Rust MB/s | JS time (valid. off) | JS RSS (valid. off) | JS time (valid. on) | JS RSS (valid. on) | JS off / Rust time | JS on / Rust time | JS off / Rust RSS |"
  echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
  local n rt rr rb jt jr vt vr mbs rout skipped=0
  for n in $NS; do
    rt=$(median rust "$n" 4); rr=$(median rust "$n" 5); rb=$(median rust "$n" 6)
    jt=$(median js-off "$n" 4); jr=$(median js-off "$n" 5)
    vt=$(median js-on "$n" 4); vr=$(median js-on "$n" 5)
    if [[ -n $rt && -n $rb ]]; then
      mbs=$(awk -v b="$rb" -v ns="$rt" 'BEGIN {r = (b / 1e6) / (ns / 1e9); if (r < 10) printf "%.2f", r; else printf "%.0f", r}')
      rout=$(awk -v b="$rb" 'BEGIN {if (b < 1e3) printf "%d B", b; else if (b < 1e6) printf "%.1f kB", b / 1e3; else printf "%.1f MB", b / 1e6}')
    else
      mbs='—'; rout='—'
    fi
    local vtime vrss
    if [[ $n -gt $JS_VALIDATION_MAX_N ]]; then
      vtime="skipped¹"; vrss="skipped¹"; skipped=1
    else
      vtime=$(fmt_time "$vt"); vrss=$(fmt_rss "$vr")
    fi
    printf '| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n' \
      "$n" "$(fmt_time "$rt")" "$(fmt_rss "$rr")" "$rout" "$mbs" \
      "$(fmt_time "$jt")" "$(fmt_rss "$jr")" "$vtime" "$vrss" \
      "$(ratio "$jt" "$rt")" "$(ratio "$vt" "$rt")" "$(ratio "$jr" "$rr")"
  done
  echo
  if [[ $skipped == 1 ]]; then
    echo "¹ JS runs with validation on are skipped for N > $JS_VALIDATION_MAX_N (BENCH_JS_VALIDATION_MAX_N): they are very slow."
    echo
  fi
  if [[ -n $RUST_NOTE ]]; then
    echo "Note: $RUST_NOTE"
    echo
  fi
  echo "Rust output: bytes of the files the Rust run wrote (template, manifest, assets, tree); MB/s: those bytes over its wall time (10^6 bytes/s)."
  echo "JS with validation off: \`CDK_VALIDATION=false\` (aws-cdk-lib's built-in CloudFormation validation turned off)."
  echo
  echo "<details><summary>All runs</summary>"
  echo
  echo "| variant | N | run | wall ms | peak RSS MiB | bytes written | JS in-process phases (ms) |"
  echo "|---|---:|---:|---:|---:|---:|---|"
  awk -F'\t' '{
    ph = $7
    if (ph != "-") {
      out = ""
      n = split("requireMs constructMs synthMs", keys, " ")
      for (i = 1; i <= n; i++) if (match(ph, "\"" keys[i] "\":[0-9.]+")) {
        v = substr(ph, RSTART + length(keys[i]) + 3, RLENGTH - length(keys[i]) - 3)
        out = out sprintf("%s%s %.0f", (out == "" ? "" : ", "), substr(keys[i], 1, length(keys[i]) - 2), v)
      }
      ph = out
    }
    printf "| %s | %s | %s | %.1f | %.1f | %s | %s |\n", $1, $2, $3, $4 / 1e6, $5 / 1024, $6, ph
  }' "$RAW"
  echo
  echo "</details>"
}

mkdir -p "$(dirname "$OUT")"
report | tee "$OUT"
log "written to $OUT"
