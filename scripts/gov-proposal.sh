#!/usr/bin/env bash
# Writes the JSON of a `wasmd tx gov submit-proposal` for a Backstop
# contract (MsgSudoContract of a GovMsg, or with --code-id a
# MsgMigrateContract), after validating the message with the contract's own
# Rust rules: `backstop propose`. Arguments are passed on; see
# docs/operations.md. Example:
#
#   scripts/gov-proposal.sh --prefix inj --contract inj1... --authority inj10d07y... \
#     --msg change.json --unbonding-seconds 604800 --deposit 100000000inj --out proposal.json
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
exec cargo run --locked --quiet -p backstop -- propose "$@"
