#!/usr/bin/env bash
# ensure-azuread-plugin.sh - provide the azuread resource plugin (pulumi-resource-azuread
# v$AZUREAD_VERSION, the version @pulumi/azuread asks for) for the managed-mode end-to-end tests.
#
# A user's machine needs none of this: `pulumi up` downloads the plugin. These machines cannot,
# so the tests take it, in this order:
#   1. a pulumi-resource-azuread on PATH that reports exactly v$AZUREAD_VERSION;
#   2. the Pulumi plugin folder (${PULUMI_HOME:-~/.pulumi}/plugins/resource-azuread-v$AZUREAD_VERSION);
#   3. a build from source: the pulumi-azuread bridge and terraform-provider-azuread in
#      $AZUREAD_SOURCE (default ../shared/third_party/azuread-provider beside this repository; see
#      its README for versions and licenses). That folder may be read-only, so it is copied into
#      .tools/ first; the binary is cached in .tools/azuread/<hash of the source tree>/, so a
#      changed source tree is rebuilt and an unchanged one is not.
# The directory holding the plugin is printed on the last line of stdout ("AZUREAD_PLUGIN=<dir>");
# put it on PATH and the Pulumi CLI uses it ("using pulumi-resource-azuread from $PATH").
#
# Exits non-zero, naming the failed step and printing Go's error, when the plugin cannot be provided.
set -euo pipefail

AZUREAD_VERSION=6.9.1
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS="$ROOT/.tools"
SOURCE="${AZUREAD_SOURCE:-$ROOT/../shared/third_party/azuread-provider}"
LOG="$TOOLS/azuread-build.log"
PLUGIN=pulumi-resource-azuread

log() { echo "ensure-azuread-plugin: $*" >&2; }
fail() {
  local step="$1"; shift
  log "FAILED at step '$step': $*"
  if [[ -s "$LOG" ]]; then
    log "----- go output (first 30 lines; all of it in $LOG) -----"
    head -n 30 "$LOG" >&2
  fi
  exit 1
}
done_with() {
  log "pulumi-resource-azuread v$AZUREAD_VERSION ready: $1/$PLUGIN"
  echo "AZUREAD_VERSION=v$AZUREAD_VERSION"
  echo "AZUREAD_PLUGIN=$1"
  exit 0
}
# The version a plugin binary reports (`-version` prints e.g. 6.9.1), or nothing.
version_of() { timeout 60 "$1" -version 2>/dev/null | tr -d '[:space:]v' || true; }

# 1. On PATH.
if existing="$(command -v "$PLUGIN" 2>/dev/null)"; then
  if [[ "$(version_of "$existing")" == "$AZUREAD_VERSION" ]]; then
    log "using the $PLUGIN on PATH ($existing)"
    done_with "$(dirname "$(readlink -f "$existing")")"
  fi
  log "ignoring $existing on PATH: it does not report $AZUREAD_VERSION"
fi

# 2. The Pulumi plugin folder.
installed="${PULUMI_HOME:-$HOME/.pulumi}/plugins/resource-azuread-v$AZUREAD_VERSION"
if [[ -x "$installed/$PLUGIN" && "$(version_of "$installed/$PLUGIN")" == "$AZUREAD_VERSION" ]]; then
  log "using the installed plugin in $installed"
  done_with "$installed"
fi

# 3. Build from source (cached by the source tree's hash).
[[ -f "$SOURCE/provider/go.mod" ]] \
  || fail "find source" "no $PLUGIN v$AZUREAD_VERSION on PATH or in $installed, and no source at $SOURCE (set AZUREAD_SOURCE, or check out ../shared beside the repository)"
hash="$(cd "$SOURCE" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum | cut -c1-16)"
OUT="$TOOLS/azuread/$hash"
if [[ -x "$OUT/$PLUGIN" && "$(version_of "$OUT/$PLUGIN")" == "$AZUREAD_VERSION" ]]; then
  log "cached build in $OUT"
  done_with "$OUT"
fi
command -v go >/dev/null 2>&1 || fail "find go" "no $PLUGIN v$AZUREAD_VERSION found and no 'go' to build one (install Go >= 1.25)"

mkdir -p "$TOOLS"
: >"$LOG"
WORK="$TOOLS/azuread-src"
rm -rf "$WORK"
cp -r "$SOURCE" "$WORK" || fail "copy source" "cp -r $SOURCE $WORK"
chmod -R u+w "$WORK"
mkdir -p "$OUT"
log "building $PLUGIN v$AZUREAD_VERSION with $(go version) into $OUT (first build: ~10 min and 1.5 GB of modules on 2 cores; < 1 min with a warm Go cache)"
t0=$SECONDS
# The source README's build command, as it is (same flags, so Go's build cache is shared with it).
if ! (cd "$WORK/provider" && GOTOOLCHAIN="${GOTOOLCHAIN:-local}" GOFLAGS="-mod=readonly -buildvcs=false" go build \
      -ldflags "-X github.com/pulumi/pulumi-azuread/provider/v6/pkg/version.Version=$AZUREAD_VERSION" \
      -o "$OUT/$PLUGIN.tmp" ./cmd/pulumi-resource-azuread) >>"$LOG" 2>&1; then
  fail "go build" "building $WORK/provider/cmd/pulumi-resource-azuread failed"
fi
mv -f "$OUT/$PLUGIN.tmp" "$OUT/$PLUGIN"
rm -rf "$WORK"
log "built in $((SECONDS - t0))s"
got="$(version_of "$OUT/$PLUGIN")"
[[ "$got" == "$AZUREAD_VERSION" ]] || fail "check version" "$OUT/$PLUGIN reports '${got:-nothing}', expected $AZUREAD_VERSION"
done_with "$OUT"
