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

# The rustc flags of the shipped wasm, for scripts/build.sh and scripts/size-report.sh (which builds
# the same code with names kept). Call after detect_wasm_route.
wasm_rustflags() {
  # The MVP feature set plus what every browser we support has (Safari 16.0 included): no reference
  # types, no multi-value, no SIMD. With build-std, std is compiled with the same features.
  local flags="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
  # Size: no Debug formatting and no panic locations in the binary (a panic is a trap either way).
  flags="$flags -Zfmt-debug=none -Zlocation-detail=none"
  # Speed where every quote goes: `nexttier_speed` marks those functions optimize(speed) (src/lib.rs).
  flags="$flags --cfg nexttier_speed"
  if [ "$WASM_ROUTE" = debian ]; then
    # std is built here (-Zbuild-std), so a panic can abort at once with no formatting code at all.
    flags="$flags -Zunstable-options -Cpanic=immediate-abort"
  fi
  echo "$flags"
}

say() { printf '\033[1m[nexttier]\033[0m %s\n' "$*"; }
