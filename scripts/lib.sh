# Shared helpers for the scripts in this directory. Source it; do not run it.

# The toolchain that builds wasm: Rust 1.82+ emits reference-types (and from
# 1.87 bulk-memory), which every CosmWasm 2.x VM rejects.
WASM_TOOLCHAIN=1.81.0
WASM_TARGET=wasm32-unknown-unknown

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
die() { printf '\033[31merror: %s\033[0m\n' "$*" >&2; exit 1; }

# Runs a command as root (directly, or through sudo when available).
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    die "need root to run: $*"; fi
}

ensure_wasm_toolchain() {
  # cargo is checked too: an interrupted install can leave rustc without it
  if ! rustup run "$WASM_TOOLCHAIN" rustc --version >/dev/null 2>&1 \
     || ! rustup run "$WASM_TOOLCHAIN" cargo --version >/dev/null 2>&1 \
     || ! rustup target list --toolchain "$WASM_TOOLCHAIN" --installed | grep -qx "$WASM_TARGET"; then
    log "installing Rust $WASM_TOOLCHAIN with $WASM_TARGET"
    rustup toolchain uninstall "$WASM_TOOLCHAIN" >/dev/null 2>&1 || true
    rustup toolchain install "$WASM_TOOLCHAIN" --profile minimal --target "$WASM_TARGET"
  fi
}

ensure_wasm_opt() {
  if ! command -v wasm-opt >/dev/null; then
    log "installing binaryen (wasm-opt) from Debian"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq binaryen >/dev/null
  fi
}

# Package names of every contract crate (contracts/*).
contract_packages() {
  for manifest in "$ROOT"/contracts/*/Cargo.toml; do
    sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1
  done
}
