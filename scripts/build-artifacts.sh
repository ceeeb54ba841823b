#!/usr/bin/env bash
# Builds every contract in contracts/ to optimized wasm with Rust 1.81.0,
# writes artifacts/<contract>.wasm and artifacts/checksums.txt, and checks each
# artifact with the real VM's upload checks (cosmwasm-vm check_wasm with a
# CosmWasm 2.1 chain's capabilities) plus its required entry points.
# Installs the toolchain, the wasm target and wasm-opt when they are missing.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

ensure_wasm_toolchain
ensure_wasm_opt

# A separate target dir keeps 1.81 and the native toolchain from invalidating
# each other's build caches.
export CARGO_TARGET_DIR="$ROOT/target/wasm-$WASM_TOOLCHAIN"
mkdir -p artifacts
rm -f artifacts/*.wasm artifacts/checksums.txt

for pkg in $(contract_packages); do
  log "building $pkg with Rust $WASM_TOOLCHAIN"
  RUSTFLAGS="$(wasm_rustflags)" cargo "+$WASM_TOOLCHAIN" build --locked --release --lib \
    --target "$WASM_TARGET" -p "$pkg"
  crate="${pkg//-/_}"
  "$WASM_OPT" -Oz "${WASM_OPT_FEATURES[@]}" \
    "$CARGO_TARGET_DIR/$WASM_TARGET/release/$crate.wasm" -o "artifacts/$crate.wasm"
done

(cd artifacts && sha256sum -- *.wasm > checksums.txt)

log "checking artifacts with cosmwasm-vm"
cargo run --locked --release --quiet -p vm-harness -- check artifacts/*.wasm

log "artifact sizes"
for f in artifacts/*.wasm; do
  printf '%-32s %9d bytes\n' "$(basename "$f")" "$(stat -c %s "$f")"
done
cat artifacts/checksums.txt
