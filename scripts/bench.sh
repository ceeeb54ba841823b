#!/usr/bin/env bash
# Gas and size benchmark on the real VM (tools/bench). Needs the artifacts
# (scripts/build-artifacts.sh) and the peers (scripts/build-peers.sh).
#   scripts/bench.sh                       full run (N = 10, 1,000, 100,000), writes docs/GAS.md
#   scripts/bench.sh --quick --check bench/baseline.json   the CI gate
# Other flags go to tools/bench (see its crate docs).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
if [ $# -eq 0 ]; then
  set -- --markdown docs/GAS.md
fi
exec cargo run --locked --release --quiet -p bench -- "$@"
