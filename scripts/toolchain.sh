# Shared by setup.sh, build.sh, wasm-test.sh and size-report.sh: the one pinned wasm toolchain and how
# to call it. Sets WASM_CARGO, WASM_RUSTC and WASM_CARGO_FLAGS (after `wasm_toolchain`).
#
# Why one pin: the published wasm must come out the same on every machine. rustup's prebuilt std for
# wasm32 (where rustup can fetch it at all) carries reference types and unwinding-free panics with
# formatting, which breaks wasm-bindgen's test runner, Safari 16, and costs 13 KB gzipped. Debian's
# rustc-web always installs on this project's machines (Debian 12), ships the std source, and so lets
# std be rebuilt with our target features and immediate-abort panics. The rustup toolchain on PATH
# stays for the host: cargo test, clippy and fmt. How to move the pin: README.md, "The wasm toolchain".

# rustc/cargo for the wasm: Debian's rustc-web at this upstream version (any Debian revision of it).
WASM_RUST_VERSION=1.96.0
WASM_RUST_DEBIAN="$WASM_RUST_VERSION+dfsg1-*"
# rust-lld links the wasm; Debian's /usr/bin/rust-lld is a link to lld-22's.
WASM_LLD_PACKAGE=lld-22

wasm_bindgen_version() {
  # The exact version pinned in the bindings' manifest (wasm-bindgen = "=X.Y.Z").
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' wasm/storefront/Cargo.toml
}

# True when the pinned toolchain is installed: Debian's rustc at the pinned version, its std source
# and rust-lld.
wasm_toolchain_present() {
  [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust/library ] && [ -e /usr/bin/rust-lld ] \
    && /usr/bin/rustc --version 2>/dev/null | grep -q "^rustc $WASM_RUST_VERSION "
}

# Points the wasm build at the pinned toolchain, whatever rustup has: Debian's cargo with Debian's
# rustc first on PATH, std rebuilt from source. Fails with a message when the pin is not installed.
wasm_toolchain() {
  if ! wasm_toolchain_present; then
    say "the pinned wasm toolchain (Debian rustc-web $WASM_RUST_VERSION) is missing: run 'npm run setup'"
    return 1
  fi
  export PATH="/usr/bin:$PATH" RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1
  # rustup's wasm32 target, where installed, is never used: its prebuilt std is what the pin avoids.
  unset RUSTUP_TOOLCHAIN
  WASM_CARGO=/usr/bin/cargo
  WASM_RUSTC=/usr/bin/rustc
  # std built with its `optimize_for_size` feature: core's smaller integer formatting, sorts and
  # escapes (the storefront's module 0.8 KB gzip smaller, the validator's 2.4 KB; quotes the same
  # by `node bench/ab.mjs`). It replaces std's default build features, which a wasm32 std with
  # panics that abort does not use (without any feature the module comes out the same size).
  WASM_CARGO_FLAGS="-Zbuild-std=std,panic_abort -Zbuild-std-features=optimize_for_size"
}

# The rustc flags of the shipped wasm, for scripts/build.sh and scripts/size-report.sh (which builds
# the same code with names kept).
wasm_rustflags() {
  # The MVP feature set plus what every browser we support has (Safari 16.0 included): no reference
  # types, no multi-value, no SIMD. With build-std, std is compiled with the same features.
  local flags="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
  # Size: no Debug formatting and no panic locations in the binary (a panic is a trap either way).
  flags="$flags -Zfmt-debug=none -Zlocation-detail=none"
  # Speed where every quote goes: `nexttier_speed` marks those functions optimize(speed) (src/lib.rs).
  flags="$flags --cfg nexttier_speed"
  # Generic std code (Vec and String growth, slice copies) from std's own instantiations, built at
  # opt-level 3, rather than copies made in our size-optimised crates: 0.35 KB smaller and 3–8 %
  # faster per quote (`node bench/ab.mjs`, docs/performance.md).
  flags="$flags -Zshare-generics=yes"
  # std is built here (-Zbuild-std), so a panic can abort at once with no formatting code at all.
  flags="$flags -Zunstable-options -Cpanic=immediate-abort"
  echo "$flags"
}

# The passes the package's wasm gets: scripts/build.sh, and the size report and bench builds alike.
# -Oz to a fixed point, then once more after --flatten --rereloop (the control flow rebuilt from
# scratch shows what the first round's shape hid: -1.1 KB gzip on the storefront's module at the same
# speed), all under --low-memory-unused: Rust puts its stack first and its data at 1 MiB, so no
# access below 1 KB is valid and a constant added to an address folds into the access (-1.5 KB).
WASM_OPT_PASSES="--low-memory-unused -Oz --converge --flatten --rereloop -Oz -Oz"

# wasm-opt on the wasm at $1, written to $2, with the passes that follow ($WASM_OPT_PASSES, ...) and
# exactly the features wasm_rustflags allows (tests/node/features.test.mjs checks the shipped file).
wasm_opt() {
  local in="$1" out="$2"
  shift 2
  node_modules/.bin/wasm-opt "$@" --enable-mutable-globals --enable-sign-ext \
    --enable-nontrapping-float-to-int --enable-bulk-memory "$in" -o "$out"
}

say() { printf '\033[1m[nexttier]\033[0m %s\n' "$*"; }
