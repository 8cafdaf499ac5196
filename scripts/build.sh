#!/usr/bin/env bash
# Builds the npm package into pkg/: the wasm (size profile, Safari-16-safe features), wasm-bindgen's
# glue, wasm-opt ($WASM_OPT_PASSES), the files from pkg-config/, and prints the sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
wasm_toolchain

export CARGO_TARGET_DIR="$PWD/target/wasm"
export RUSTFLAGS="$(wasm_rustflags) -Dwarnings"
say "cargo build -p nexttier-wasm -p nexttier-validator-wasm -p nexttier-merchant-wasm (wasm32, profile wasm-release, $($WASM_RUSTC --version))"
$WASM_CARGO build --quiet --target wasm32-unknown-unknown --profile wasm-release $WASM_CARGO_FLAGS \
  -p nexttier-wasm -p nexttier-validator-wasm -p nexttier-merchant-wasm
unset RUSTFLAGS
built="$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release"
raw="$built/nexttier_wasm.wasm"

rm -rf pkg
mkdir -p pkg
say "wasm-bindgen --target web"
wasm-bindgen --target web --out-dir pkg --out-name nexttier "$raw"
wasm-bindgen --target web --out-dir pkg --out-name nexttier_validator "$built/nexttier_validator_wasm.wasm"
wasm-bindgen --target web --out-dir pkg --out-name nexttier_simulator "$built/nexttier_merchant_wasm.wasm"
say "wasm-opt $WASM_OPT_PASSES (the three modules in parallel)"
for module in nexttier_bg nexttier_validator_bg nexttier_simulator_bg; do
  # shellcheck disable=SC2086
  wasm_opt "pkg/$module.wasm" "pkg/$module.wasm" $WASM_OPT_PASSES --strip-debug --strip-producers --strip-target-features &
done
for job in $(jobs -p); do wait "$job"; done

say "package files from pkg-config/"
cp -r pkg-config/. pkg/
cp LICENSE-MIT LICENSE-APACHE CHANGELOG.md pkg/
cp docs/errors.md pkg/ERRORS.md
version=$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)
node -e '
  const fs = require("fs");
  const p = JSON.parse(fs.readFileSync("pkg/package.json", "utf8"));
  p.version = process.argv[1];
  fs.writeFileSync("pkg/package.json", JSON.stringify(p, null, 2) + "\n");
' "$version"
rm -f pkg/.gitignore
say "widget stylesheet (src/widget/nexttier.css) as pkg/nexttier.css and pkg/style.js"
cp src/widget/nexttier.css pkg/nexttier.css
node -e '
  const fs = require("fs");
  const css = fs.readFileSync("src/widget/nexttier.css", "utf8");
  fs.writeFileSync("pkg/style.js", "// The <next-tier> stylesheet, generated from src/widget/nexttier.css by scripts/build.sh.\nexport const css = " + JSON.stringify(css) + ";\n");
'
say "the browser entry as one module (scripts/bundle.mjs)"
node scripts/bundle.mjs
say "TypeScript declarations from the JSON Schemas"
node scripts/gen-types.mjs pkg/types.d.ts
# The demo storefront loads the package from /pkg/.
ln -sfn ../pkg www/pkg
node scripts/sizes.mjs "$raw"
