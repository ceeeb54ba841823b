#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the optimized artifacts and their
# VM checks, every unit / multi-test / property / VM test, schema drift, and
# the gas and size gate on the real VM beside the peers.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

log "cargo fmt --check"
cargo fmt --all -- --check

log "cargo clippy -D warnings"
cargo clippy --locked --workspace --all-targets -- -D warnings

log "artifacts (needed by the VM tests)"
scripts/build-artifacts.sh

log "cargo test"
cargo test --locked --workspace

log "schema drift"
scripts/schema.sh --check

log "peers for the benchmark"
scripts/build-peers.sh

log "gas and size gate (N = 10 and 1,000)"
scripts/bench.sh --quick --check bench/baseline.json
