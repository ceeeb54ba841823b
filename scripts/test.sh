#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the optimized artifacts and their
# VM checks, every unit / multi-test / property / VM test, and schema drift.
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
