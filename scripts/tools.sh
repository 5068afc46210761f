#!/usr/bin/env bash
# Install the pinned external tools the project tests and benchmarks use, into
# the git-ignored folder .tools/ at the repository root.
#
# Usage: scripts/tools.sh cdk|cfn-lint|jscdk|all
#
#   cdk       the AWS CDK CLI (npm package aws-cdk) in .tools/cdk/;
#             prints the absolute path of the `cdk` executable
#   cfn-lint  cfn-lint in the virtualenv .tools/venv/;
#             prints the absolute path of the `cfn-lint` executable
#   jscdk     the JavaScript CDK (aws-cdk-lib, constructs, aws-ivs-alpha) in
#             .tools/jscdk/, used by the synthesis benchmark; prints the folder
#             (usable as PEER_CDK_V2_DIR for ../shared/reference/cdk-out/apps/)
#   all       cdk and cfn-lint (what the test suite needs), one path per line
#
# Idempotent: a tool that is already installed at the pinned version is reused.
# Only the requested paths go to stdout; progress goes to stderr.
# Installs are made in a temporary folder and renamed into place, so an
# interrupted run never leaves a half-installed tool that looks complete.
# Environment: PYTHON (default python3) selects the interpreter for the venv.
set -euo pipefail

# ---- pinned versions --------------------------------------------------------
# Keep in step with ../shared/reference/cdk-out/README.md (the reference
# outputs were made with these).
CDK_CLI_VERSION=2.1148.1
CFN_LINT_VERSION=1.58.0
CDK_LIB_VERSION=2.276.0
CONSTRUCTS_VERSION=10.8.1
IVS_ALPHA_VERSION=2.91.0-alpha.0
# -----------------------------------------------------------------------------

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd -P)
TOOLS="$ROOT/.tools"
NPM_FLAGS=(--no-audit --no-fund --no-update-notifier --save-exact --loglevel=error)

log() { printf 'tools.sh: %s\n' "$*" >&2; }
die() { printf 'tools.sh: error: %s\n' "$*" >&2; exit 1; }

usage() {
  sed -n '2,19p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit "${1:-2}"
}

need() { command -v "$1" >/dev/null 2>&1 || die "'$1' not found on PATH (needed for $2)"; }

# Version of an installed npm package under <prefix>/node_modules, or empty.
npm_pkg_version() {
  local prefix=$1 pkg=$2 manifest="$1/node_modules/$2/package.json"
  [[ -f $manifest ]] || return 0
  node -e 'process.stdout.write(String(require(process.argv[1]).version || ""))' "$manifest" 2>/dev/null || true
}

# npm_install_fresh <dest> <extra npm flags...> -- <package@version...>
# Installs into a temporary sibling of <dest>, then swaps it into place.
npm_install_fresh() {
  local dest=$1; shift
  local flags=()
  while [[ $# -gt 0 && $1 != -- ]]; do flags+=("$1"); shift; done
  [[ ${1:-} == -- ]] && shift
  need node "npm packages"
  need npm "npm packages"
  local tmp="$dest.tmp.$$"
  rm -rf "$tmp"
  mkdir -p "$tmp"
  # A private package.json so npm treats the folder as its own project (and
  # keeps its package-lock.json there, never in the repository).
  printf '{\n  "name": "ivs-cdk-tools-%s",\n  "private": true\n}\n' "$(basename "$dest")" >"$tmp/package.json"
  local start=$SECONDS
  log "npm install ${*} -> ${dest#"$ROOT"/}"
  if ! npm install --prefix "$tmp" "${NPM_FLAGS[@]}" "${flags[@]}" "$@" >&2; then
    rm -rf "$tmp"
    die "npm install failed for: $*"
  fi
  rm -rf "$dest"
  mv "$tmp" "$dest"
  log "installed in $((SECONDS - start)) s"
}

# ---- cdk --------------------------------------------------------------------
install_cdk() {
  local dir="$TOOLS/cdk" bin="$TOOLS/cdk/node_modules/.bin/cdk"
  local have
  have=$(npm_pkg_version "$dir" aws-cdk)
  if [[ $have == "$CDK_CLI_VERSION" && -x $bin ]]; then
    log "aws-cdk $have already installed"
  else
    [[ -n $have ]] && log "aws-cdk $have found, want $CDK_CLI_VERSION: reinstalling"
    npm_install_fresh "$dir" -- "aws-cdk@$CDK_CLI_VERSION"
  fi
  local out
  out=$("$bin" --version 2>&1) || die "'$bin --version' failed: $out"
  [[ $out == "$CDK_CLI_VERSION"* ]] || die "'$bin --version' printed '$out', expected $CDK_CLI_VERSION"
  log "cdk --version: $out"
  printf '%s\n' "$bin"
}

# ---- cfn-lint ---------------------------------------------------------------
install_cfn_lint() {
  local venv="$TOOLS/venv" bin="$TOOLS/venv/bin/cfn-lint"
  local py=${PYTHON:-python3}
  local have=""
  if [[ -x $venv/bin/python ]]; then
    have=$("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("cfn-lint"))' 2>/dev/null || true)
  fi
  if [[ $have == "$CFN_LINT_VERSION" && -x $bin ]]; then
    log "cfn-lint $have already installed"
  else
    need "$py" "the cfn-lint virtualenv"
    local start=$SECONDS
    if [[ ! -x $venv/bin/python ]] || ! "$venv/bin/python" -m pip --version >/dev/null 2>&1; then
      log "creating virtualenv ${venv#"$ROOT"/} with $("$py" --version 2>&1)"
      rm -rf "$venv"
      "$py" -m venv "$venv" >&2 || die "'$py -m venv' failed (on Debian: apt-get install python3-venv)"
    fi
    [[ -n $have ]] && log "cfn-lint $have found, want $CFN_LINT_VERSION: reinstalling"
    log "pip install cfn-lint==$CFN_LINT_VERSION"
    "$venv/bin/python" -m pip install --disable-pip-version-check --no-input -q \
      "cfn-lint==$CFN_LINT_VERSION" >&2 || die "pip install cfn-lint==$CFN_LINT_VERSION failed"
    log "installed in $((SECONDS - start)) s"
  fi
  local out
  out=$("$bin" --version 2>&1) || die "'$bin --version' failed: $out"
  [[ $out == *"$CFN_LINT_VERSION"* ]] || die "'$bin --version' printed '$out', expected $CFN_LINT_VERSION"
  log "cfn-lint --version: $out"
  printf '%s\n' "$bin"
}

# ---- jscdk ------------------------------------------------------------------
install_jscdk() {
  local dir="$TOOLS/jscdk"
  local lib cons alpha
  lib=$(npm_pkg_version "$dir" aws-cdk-lib)
  cons=$(npm_pkg_version "$dir" constructs)
  alpha=$(npm_pkg_version "$dir" @aws-cdk/aws-ivs-alpha)
  if [[ $lib == "$CDK_LIB_VERSION" && $cons == "$CONSTRUCTS_VERSION" && $alpha == "$IVS_ALPHA_VERSION" ]]; then
    log "aws-cdk-lib $lib, constructs $cons, @aws-cdk/aws-ivs-alpha $alpha already installed"
  else
    [[ -n $lib$cons$alpha ]] && log "found aws-cdk-lib '$lib', constructs '$cons', aws-ivs-alpha '$alpha': reinstalling"
    # The only alpha on the registry declares a peer range that excludes
    # aws-cdk-lib 2.276.0; it works with it, hence --legacy-peer-deps.
    npm_install_fresh "$dir" --legacy-peer-deps -- \
      "aws-cdk-lib@$CDK_LIB_VERSION" "constructs@$CONSTRUCTS_VERSION" "@aws-cdk/aws-ivs-alpha@$IVS_ALPHA_VERSION"
  fi
  # Smoke test: the three modules load together.
  local out
  out=$(cd "$dir" && node -e '
    const { createRequire } = require("module");
    const req = createRequire(require("path").join(process.argv[1], "package.json"));
    req("aws-cdk-lib"); req("constructs"); req("@aws-cdk/aws-ivs-alpha");
  ' "$dir" 2>&1) || die "the JavaScript CDK in $dir does not load: $out"
  printf '%s\n' "$dir"
}

# ---- main -------------------------------------------------------------------
[[ $# -eq 1 ]] || usage
mkdir -p "$TOOLS"
# One installer at a time (CI and a benchmark may start together).
exec 9>"$TOOLS/.lock"
flock 9

case $1 in
  cdk) install_cdk ;;
  cfn-lint) install_cfn_lint ;;
  jscdk) install_jscdk ;;
  all) install_cdk; install_cfn_lint ;;
  -h|--help|help) usage 0 ;;
  *) log "unknown subcommand '$1'"; usage ;;
esac
