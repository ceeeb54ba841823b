#!/usr/bin/env bash
# Generates the JSON schema of every contract into schema/<contract>/.
# With --check, regenerates into a scratch directory and fails when the
# committed schema differs from the code.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

check=false
[ "${1:-}" = "--check" ] && check=true

out="$ROOT/schema"
if $check; then out="$(mktemp -d)"; fi

for pkg in $(contract_packages); do
  work="$(mktemp -d)"
  cargo build --locked --quiet -p "$pkg" --bin "$pkg-schema"
  (cd "$work" && "$ROOT/target/debug/$pkg-schema" >/dev/null)
  rm -rf "${out:?}/$pkg"
  mkdir -p "$out/$pkg"
  cp -r "$work/schema/." "$out/$pkg/"
  rm -rf "$work"
done

if $check; then
  if ! diff -r "$ROOT/schema" "$out"; then
    die "committed schema/ differs from the code: run scripts/schema.sh and commit the result"
  fi
  rm -rf "$out"
  log "schema is up to date"
else
  log "schema written to schema/"
fi
