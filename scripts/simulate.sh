#!/usr/bin/env bash
# The simulator on a scenario (examples/cascade.toml by default): builds the
# optimized artifacts first (scripts/build-artifacts.sh: Rust 1.81.0 and
# wasm-opt, installed when missing), then plays the scenario through them in
# cosmwasm-vm. Prints the waterfall, the gains and losses per group of
# actors and the layers' totals, and writes the charts to backstop-out/.
# Other arguments go to `backstop simulate` (see docs/simulator.md), e.g.
#   scripts/simulate.sh examples/exit-rush.toml --json backstop-out/exit-rush.json
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

scenario="examples/cascade.toml"
if [ $# -gt 0 ] && [ "${1#--}" = "$1" ]; then
  scenario="$1"
  shift
fi

log "building the optimized artifacts the simulator runs"
scripts/build-artifacts.sh >/dev/null

log "simulating $scenario"
exec cargo run --locked --release --quiet -p backstop -- simulate "$scenario" "$@"
