# Shared by setup.sh and build.sh: which route builds the wasm, and how to call it.
# Sets WASM_ROUTE (rustup | debian | none), WASM_CARGO, and WASM_CARGO_FLAGS.

wasm_bindgen_version() {
  # The exact version pinned in Cargo.toml (wasm-bindgen = "=X.Y.Z").
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml
}

debian_route_present() {
  [ -x /usr/bin/cargo ] && [ -x /usr/bin/rustc ] && [ -d /usr/lib/rustlib/src/rust/library ] \
    && [ -e /usr/bin/rust-lld ] && /usr/bin/rustc --version 2>/dev/null | grep -q '^rustc 1\.'
}

rustup_route_present() {
  command -v rustup >/dev/null 2>&1 \
    && rustup target list --installed 2>/dev/null | grep -qx 'wasm32-unknown-unknown'
}

detect_wasm_route() {
  if rustup_route_present; then
    WASM_ROUTE=rustup
    WASM_CARGO=cargo
    WASM_CARGO_FLAGS=""
  elif debian_route_present; then
    WASM_ROUTE=debian
    WASM_CARGO=/usr/bin/cargo
    WASM_CARGO_FLAGS="-Zbuild-std=std,panic_abort"
  else
    WASM_ROUTE=none
    WASM_CARGO=""
    WASM_CARGO_FLAGS=""
  fi
}

say() { printf '\033[1m[nexttier]\033[0m %s\n' "$*"; }
