#!/usr/bin/env bash
# Runs the wasm-bindgen tests (tests/wasm.rs) in headless Chromium through chromedriver.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-test"
export RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER=/usr/bin/chromedriver
export WASM_BINDGEN_TEST_TIMEOUT=120
$WASM_CARGO test --target wasm32-unknown-unknown --test wasm $WASM_CARGO_FLAGS
