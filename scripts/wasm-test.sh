#!/usr/bin/env bash
# Runs the wasm-bindgen tests (wasm/storefront/src/tests.rs) in headless Chromium through chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-test"
export RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
$WASM_CARGO test -p nexttier-wasm --target wasm32-unknown-unknown --lib $WASM_CARGO_FLAGS
