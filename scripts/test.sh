#!/usr/bin/env bash
# The whole test suite: formatting, clippy, the optimized artifacts and their
# VM checks, every unit / multi-test / property / VM test, schema drift, the
# TypeScript client (drift of its generated files, strict build, unit tests,
# end-to-end test on the artifacts), and the gas and size gate on the real VM
# beside the peers.
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
cargo test --locked --workspace -- --skip the_pipeline_keeps_every_invariant \
  --skip no_input_to_any_entry_point_panics --skip migrates_on_the_vm

log "invariant state machine (BACKSTOP_INVARIANT_OPS operations, default 10,000)"
cargo test --locked -p pipeline-tests --test invariants -- --nocapture

log "fuzzed entry points on the VM (BACKSTOP_FUZZ_SECONDS per contract, default 8)"
cargo test --locked -p vm-harness --test fuzz -- --nocapture

log "migration of a live v0.1.0 deployment on the VM"
cargo test --locked -p backstop --test migration -- --nocapture migrates_on_the_vm

log "schema drift"
scripts/schema.sh --check

log "TypeScript client drift (clients/ts/src/generated)"
scripts/ts-client.sh --check

log "peers for the benchmark"
scripts/build-peers.sh

log "TypeScript client: strict build, unit tests, end-to-end test on the artifacts and cw20-base"
scripts/ts-client.sh test

log "gas and size gate (N = 10 and 1,000)"
scripts/bench.sh --quick --check bench/baseline.json
