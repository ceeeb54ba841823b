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

# wasm-opt: binaryen 132, pinned by tools/binaryen/package-lock.json and
# installed from npm (Debian's binaryen 108 left the fund vault 6 KB larger).
# Only MVP features plus the two every CosmWasm 2.x VM accepts are enabled.
WASM_OPT="$ROOT/tools/binaryen/node_modules/.bin/wasm-opt"
WASM_OPT_FEATURES=(--mvp-features --enable-sign-ext --enable-mutable-globals)

ensure_wasm_opt() {
  if [ ! -x "$WASM_OPT" ]; then
    command -v npm >/dev/null \
      || die "npm is needed for wasm-opt (Debian: apt-get install -y nodejs npm)"
    log "installing wasm-opt (binaryen, from npm)"
    (cd "$ROOT/tools/binaryen" && npm ci --no-audit --no-fund --silent)
  fi
}

# Rust flags of every wasm build: strip symbols, and drop the machine's cargo
# registry path from the panic locations compiled in (smaller, and the same
# bytes wherever the registry lives).
wasm_rustflags() {
  local flags="-C link-arg=-s" dir
  for dir in "${CARGO_HOME:-$HOME/.cargo}"/registry/src/*/; do
    flags="$flags --remap-path-prefix=$dir="
  done
  printf '%s' "$flags"
}

# Package names of every contract crate (contracts/*).
contract_packages() {
  for manifest in "$ROOT"/contracts/*/Cargo.toml; do
    sed -n 's/^name = "\(.*\)"/\1/p' "$manifest" | head -n 1
  done
}
