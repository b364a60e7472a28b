#!/usr/bin/env bash
# ensure-pulumi.sh - provide a pinned Pulumi CLI for the end-to-end tests.
#
# Result: a directory holding
#   pulumi                          the CLI, pinned to v$PULUMI_VERSION
#   pulumi-language-nodejs          the Node.js language host the CLI starts for `runtime: nodejs`
#   pulumi-resource-pulumi-nodejs   the launcher the CLI starts for `pulumi.dynamic` providers
#   pulumi-analyzer-policy          the launcher for Node.js policy packs (`--policy-pack policy`)
# Its path is printed on the last line of stdout ("PULUMI_BIN=<dir>"), so callers can do
#   export PATH="$(bash scripts/ensure-pulumi.sh | sed -n 's/^PULUMI_BIN=//p'):$PATH"
#
# Order of preference:
#   1. a `pulumi` on PATH that reports exactly v$PULUMI_VERSION and has its Node.js language host
#      next to it (an official install ships both);
#   2. .tools/bin of this repo when it already holds that version (cache);
#   3. otherwise build it with Go into .tools/bin (git-ignored) from scripts/pulumi-cli/go.mod:
#        - the CLI: module github.com/pulumi/pulumi/pkg/v3, package cmd/pulumi;
#        - the Node.js language host: scripts/pulumi-cli/language-nodejs (ours; upstream's
#          module github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 is never
#          published - it is only buildable inside pulumi's repo - so no Go proxy serves it);
#        - the dynamic-provider launcher: a small shell script written below.
# Go's module and build caches stay in their default places, so a rebuild after `rm -rf .tools`
# is quick on a machine that built once.
#
# Exits non-zero, naming the failed step and printing Go's error, when the CLI cannot be provided.
set -euo pipefail

PULUMI_VERSION=3.259.0
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
BIN="$TOOLS/bin"
MODDIR="$ROOT/scripts/pulumi-cli"
LOG="$TOOLS/build.log"

log() { echo "ensure-pulumi: $*" >&2; }
fail() {
  local step="$1"; shift
  log "FAILED at step '$step': $*"
  if [[ -s "$LOG" ]]; then
    log "----- go output (first 30 lines; all of it in $LOG) -----"
    grep -v '^### ' "$LOG" | head -n 30 >&2
  fi
  exit 1
}

# Prints the version a pulumi binary reports (e.g. v3.259.0), or nothing.
pulumi_version_of() {
  PULUMI_SKIP_UPDATE_CHECK=true PULUMI_HOME="${PULUMI_HOME:-$TOOLS/pulumi-home-probe}" \
    timeout 60 "$1" version 2>/dev/null | tr -d '[:space:]' || true
}

done_with() {
  echo "Pulumi CLI v$PULUMI_VERSION ready: $1/pulumi" >&2
  echo "Add it to PATH:  export PATH=\"$1:\$PATH\"" >&2
  echo "PULUMI_VERSION=v$PULUMI_VERSION"
  echo "PULUMI_BIN=$1"
  exit 0
}

# 1. An installed CLI of exactly the pinned version.
if existing="$(command -v pulumi 2>/dev/null)" && [[ "$existing" != "$BIN/pulumi" ]]; then
  v="$(pulumi_version_of "$existing")"
  dir="$(dirname "$(readlink -f "$existing")")"
  if [[ "$v" == "v$PULUMI_VERSION" && -x "$dir/pulumi-language-nodejs" ]]; then
    log "using the pulumi on PATH ($existing)"
    done_with "$dir"
  fi
  log "ignoring the pulumi on PATH ($existing reports '${v:-nothing}', want v$PULUMI_VERSION with pulumi-language-nodejs beside it)"
fi

mkdir -p "$BIN"

# 3c. The dynamic-provider launcher. The engine starts it as a resource plugin, with the Pulumi
# program's directory as working directory and the engine's gRPC address and flags as arguments;
# it has to run the provider server that ships in the program's own @pulumi/pulumi package.
write_launcher() {
  local target="$BIN/pulumi-resource-pulumi-nodejs"
  cat >"$target.tmp" <<'LAUNCHER'
#!/bin/sh
# Resource plugin "pulumi-nodejs": serves pulumi.dynamic.Resource providers by running the
# dynamic-provider entry point of the @pulumi/pulumi package the program itself depends on.
# Written by scripts/ensure-pulumi.sh.
entry="$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js", { paths: [process.cwd()] }))' 2>/dev/null)" \
  || entry="$PWD/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js"
exec node "$entry" "$@"
LAUNCHER
  chmod 0755 "$target.tmp"
  mv -f "$target.tmp" "$target"
}

# 3d. The policy-pack launcher, for engines that start a Node.js policy pack as the analyzer
# plugin "policy" (`pulumi-analyzer-policy <engine address> <pack dir>`, working directory the
# pack's folder) instead of through the language host's RunPlugin (language-nodejs/runplugin.go,
# which this CLI uses). Like upstream's script, it runs @pulumi/pulumi's cmd/run-policy-pack as
# Node resolves it from the pack's folder (the pack in policy/ uses the root node_modules).
write_policy_launcher() {
  local target="$BIN/pulumi-analyzer-policy"
  cat >"$target.tmp" <<'LAUNCHER'
#!/bin/sh
# Analyzer plugin "policy": runs a Node.js policy pack with @pulumi/pulumi's cmd/run-policy-pack.
# Written by scripts/ensure-pulumi.sh.
entry="$(node -e 'process.stdout.write(require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [process.cwd()] }))')" || exit 1
exec node "$entry" "$@"
LAUNCHER
  chmod 0755 "$target.tmp"
  mv -f "$target.tmp" "$target"
}

# Fingerprint of what the language host is built from, to rebuild it when our source changes.
host_stamp() {
  (cd "$MODDIR" && cat go.mod go.sum language-nodejs/*.go) | sha256sum | cut -d' ' -f1
}

# 2. Cache.
if [[ -x "$BIN/pulumi" && "$(pulumi_version_of "$BIN/pulumi")" == "v$PULUMI_VERSION" \
      && -x "$BIN/pulumi-language-nodejs" \
      && "$(cat "$TOOLS/pulumi-language-nodejs.stamp" 2>/dev/null)" == "$(host_stamp)" ]]; then
  write_launcher
  write_policy_launcher
  log "cached build in $BIN"
  done_with "$BIN"
fi

# 3. Build with Go.
command -v go >/dev/null 2>&1 \
  || fail "find go" "no pulumi v$PULUMI_VERSION on PATH and no 'go' to build one (install Go >= 1.25.11)"
[[ -f "$MODDIR/go.mod" && -f "$MODDIR/go.sum" ]] || fail "find go.mod" "$MODDIR/go.mod or go.sum is missing"

export CGO_ENABLED=0
export GOFLAGS="-mod=mod -buildvcs=false"
export GOTOOLCHAIN="${GOTOOLCHAIN:-local}"
LDFLAGS="-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$PULUMI_VERSION"
: >"$LOG"

run_step() { # run_step NAME CMD... (output goes to $LOG)
  local name="$1"; shift
  local t0=$SECONDS
  log "$name ..."
  echo "### $name: $*" >>"$LOG"
  if ! (cd "$MODDIR" && "$@") >>"$LOG" 2>&1; then
    fail "$name" "command failed: $*"
  fi
  log "$name done in $((SECONDS - t0))s"
}

log "building Pulumi CLI v$PULUMI_VERSION with $(go version) into $BIN (first build: ~10+ min on 2 cores)"
# No separate `go mod download`: it also asks the proxy for .info files of every module in the
# build list, which a filtering proxy may refuse; `go build` fetches just the .mod/.zip it needs.
if [[ -x "$BIN/pulumi" && "$(pulumi_version_of "$BIN/pulumi")" == "v$PULUMI_VERSION" ]]; then
  log "pulumi v$PULUMI_VERSION already built, keeping it"
else
  run_step "build pulumi CLI (go build github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)" go build -trimpath -ldflags "$LDFLAGS" -o "$BIN/pulumi.tmp" \
    github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
  mv -f "$BIN/pulumi.tmp" "$BIN/pulumi"
fi
run_step "build pulumi-language-nodejs" go build -trimpath -ldflags "$LDFLAGS" \
  -o "$BIN/pulumi-language-nodejs.tmp" ./language-nodejs
mv -f "$BIN/pulumi-language-nodejs.tmp" "$BIN/pulumi-language-nodejs"
host_stamp >"$TOOLS/pulumi-language-nodejs.stamp"
write_launcher
write_policy_launcher

got="$(pulumi_version_of "$BIN/pulumi")"
[[ "$got" == "v$PULUMI_VERSION" ]] \
  || fail "check version" "$BIN/pulumi reports '${got:-nothing}', expected v$PULUMI_VERSION"
done_with "$BIN"
