#!/usr/bin/env bash
# Builds the storefront's wasm with the `js-renderer` feature and measures, in headless Chromium, the
# widget's DOM work done in Rust with web-sys (what `<next-tier>` uses) against the same markup
# handed to a JavaScript renderer: `bash scripts/bench-renderer.sh`. The seed config with the demo
# catalog (so suggestion cards render), compiled; a sequence of carts crossing every tier.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-renderer"
RUSTFLAGS="$(wasm_rustflags)"
export RUSTFLAGS
say "cargo build -p nexttier-wasm --features js-renderer (wasm32, profile wasm-release)"
$WASM_CARGO build --quiet -p nexttier-wasm --features js-renderer --target wasm32-unknown-unknown --profile wasm-release $WASM_CARGO_FLAGS
unset RUSTFLAGS
out="$CARGO_TARGET_DIR/pkg"
rm -rf "$out"
mkdir -p "$out"
wasm-bindgen --target web --out-dir "$out" --out-name nexttier "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/nexttier_wasm.wasm"
# shellcheck disable=SC2086
wasm_opt "$out/nexttier_bg.wasm" "$out/nexttier_bg.wasm" $WASM_OPT_PASSES --strip-debug --strip-producers --strip-target-features
say "the seed config with the demo catalog, compiled (the native CLI)"
unset CARGO_TARGET_DIR
cargo build --release --quiet --bin nexttier
node -e '
  const fs = require("fs");
  const config = JSON.parse(fs.readFileSync("www/configs/seed.json", "utf8"));
  config.catalog = JSON.parse(fs.readFileSync("www/catalog.json", "utf8")).products.map(({ name_zh, ...item }) => item);
  fs.writeFileSync(process.argv[1], JSON.stringify(config));
' "$out/config.json"
target/release/nexttier compile "$out/config.json" > "$out/compiled.json"
node --no-deprecation bench/renderer.mjs
