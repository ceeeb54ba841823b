#!/usr/bin/env bash
# Writes the JSON of a `wasmd tx gov submit-proposal` (MsgSudoContract) that
# changes the loss socializer's haircut parameters, after validating the
# change with the contract's own Rust validation. Arguments are passed to
# tools/gov-proposal; see docs/operations.md. Example:
#
#   scripts/gov-proposal.sh --prefix inj --contract inj1... --authority inj10d07y... \
#     --msg change.json --unbonding-seconds 604800 --deposit 100000000inj --out proposal.json
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
exec cargo run --locked --quiet -p gov-proposal -- "$@"
