#!/usr/bin/env bash
# Builds the peer contracts the benchmark compares with (cw20-base 2.0.0,
# DAO DAO cw20-stake 2.6.0 and cw20-stake-external-rewards 2.6.0) from
# crates.io, each as its own cargo project under bench/peers/ with its own
# lockfile, with Rust 1.81.0 and the same wasm-opt as ours, into
# artifacts/peers/, and checks them with the VM like ours (exports included).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_wasm_toolchain
ensure_wasm_opt
export CARGO_TARGET_DIR="$ROOT/target/peers"
mkdir -p artifacts/peers
rm -f artifacts/peers/*.wasm

for dir in bench/peers/*/; do
  name="$(basename "$dir")"
  log "building peer $name with Rust $WASM_TOOLCHAIN"
  (cd "$dir" && RUSTFLAGS="-C link-arg=-s" cargo "+$WASM_TOOLCHAIN" build --locked --release --target "$WASM_TARGET")
  crate="peer_${name//-/_}"
  "$WASM_OPT" -Os "${WASM_OPT_FEATURES[@]}" \
    "$CARGO_TARGET_DIR/$WASM_TARGET/release/$crate.wasm" -o "artifacts/peers/${name//-/_}.wasm"
done

log "checking peers with cosmwasm-vm"
cargo run --locked --release --quiet -p vm-harness -- check artifacts/peers/*.wasm
