#!/usr/bin/env bash
# The TypeScript client package, clients/ts (@backstop/contracts).
#
#   scripts/ts-client.sh gen      regenerates clients/ts/src/generated from
#                                 schema/, packages/types/src/*/events.rs and
#                                 docs/GAS.md (commit the result)
#   scripts/ts-client.sh --check  regenerates into a scratch directory and
#                                 fails when the committed files differ
#   scripts/ts-client.sh test     npm ci, the strict build, the unit tests and
#                                 the end-to-end test on artifacts/*.wasm and
#                                 artifacts/peers/cw20_base.wasm
#
# Needs node and npm (>= 18); gen and --check run npm ci first when
# clients/ts/node_modules is missing or older than package-lock.json.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PKG="$ROOT/clients/ts"
cd "$PKG"

command -v node >/dev/null && command -v npm >/dev/null \
  || die "node and npm are needed (Debian: apt-get install -y nodejs npm)"

install_deps() {
  log "npm ci (clients/ts)"
  npm ci --no-audit --no-fund
}

ensure_deps() {
  if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    install_deps
  fi
}

case "${1:-}" in
  gen)
    ensure_deps
    node codegen/generate.mjs src/generated
    log "clients/ts/src/generated written"
    ;;
  --check)
    ensure_deps
    out="$(mktemp -d)"
    node codegen/generate.mjs "$out"
    if ! diff -r src/generated "$out"; then
      rm -rf "$out"
      die "committed clients/ts/src/generated differs from schema/, events.rs or docs/GAS.md: run scripts/ts-client.sh gen and commit the result"
    fi
    rm -rf "$out"
    log "clients/ts/src/generated is up to date"
    ;;
  test)
    install_deps
    log "tsc --strict (clients/ts)"
    rm -rf dist
    npx tsc -p tsconfig.json --strict
    log "unit tests (clients/ts)"
    node --test dist/test/unit/*.test.js
    log "end-to-end test on the artifacts (clients/ts)"
    for wasm in fund_vault staking_rewards loss_socializer peers/cw20_base; do
      [ -f "$ROOT/artifacts/$wasm.wasm" ] \
        || die "artifacts/$wasm.wasm is missing: run scripts/build-artifacts.sh and scripts/build-peers.sh"
    done
    node --test dist/test/e2e/*.test.js
    ;;
  *)
    die "usage: scripts/ts-client.sh gen | --check | test"
    ;;
esac
