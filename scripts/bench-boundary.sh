#!/usr/bin/env bash
# Builds the wasm with the `serde-objects` feature and measures JSON text against serde-wasm-bindgen
# objects across the boundary: `bash scripts/bench-boundary.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
# The package's validator module compiles the workloads' configs (bench/boundary.mjs).
[ -f pkg/nexttier_validator_bg.wasm ] || bash scripts/build.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-objects"
export RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
$WASM_CARGO build --quiet -p nexttier-wasm --features serde-objects --target wasm32-unknown-unknown --profile wasm-release $WASM_CARGO_FLAGS
out="$CARGO_TARGET_DIR/pkg"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name nexttier "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/nexttier_wasm.wasm"
# shellcheck disable=SC2086
wasm_opt "$out/nexttier_bg.wasm" "$out/nexttier_bg.wasm" $WASM_OPT_PASSES
node bench/boundary.mjs "$out"
