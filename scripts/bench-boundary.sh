#!/usr/bin/env bash
# Builds the wasm with the `serde-objects` feature and measures JSON text against serde-wasm-bindgen
# objects across the boundary: `bash scripts/bench-boundary.sh`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-objects"
export RUSTFLAGS="-Ctarget-cpu=mvp -Ctarget-feature=+mutable-globals,+sign-ext,+nontrapping-fptoint,+bulk-memory"
$WASM_CARGO build --quiet -p nexttier-wasm --features serde-objects --target wasm32-unknown-unknown --profile wasm-release $WASM_CARGO_FLAGS
out="$CARGO_TARGET_DIR/pkg"
rm -rf "$out"
wasm-bindgen --target web --out-dir "$out" --out-name nexttier "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/nexttier_wasm.wasm"
node_modules/.bin/wasm-opt -Oz --enable-mutable-globals --enable-sign-ext --enable-nontrapping-float-to-int --enable-bulk-memory "$out/nexttier_bg.wasm" -o "$out/nexttier_bg.wasm"
node bench/boundary.mjs "$out"
