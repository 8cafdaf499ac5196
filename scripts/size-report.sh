#!/usr/bin/env bash
# Writes docs/size-report.md: the package's sizes and a twiggy breakdown of the largest functions of
# the shipped wasm (built again with symbol names kept, then optimised exactly as the package is).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
command -v twiggy >/dev/null || { say "cargo install twiggy"; cargo install twiggy --quiet; }
[ -f pkg/nexttier_bg.wasm ] || bash scripts/build.sh
wasm_toolchain
export CARGO_TARGET_DIR="$PWD/target/wasm-names" CARGO_PROFILE_WASM_RELEASE_STRIP=false
# The same flags as scripts/build.sh, so the names describe the shipped code.
RUSTFLAGS="$(wasm_rustflags)"
export RUSTFLAGS
$WASM_CARGO build --quiet -p nexttier-wasm --target wasm32-unknown-unknown --profile wasm-release $WASM_CARGO_FLAGS
tmp=$(mktemp -d)
wasm-bindgen --target web --keep-debug --out-dir "$tmp" --out-name nexttier "$CARGO_TARGET_DIR/wasm32-unknown-unknown/wasm-release/nexttier_wasm.wasm"
# shellcheck disable=SC2086
wasm_opt "$tmp/nexttier_bg.wasm" "$tmp/named.wasm" $WASM_OPT_PASSES -g --strip-dwarf
{
  echo "# Package size report"
  echo
  echo "Written by \`bash scripts/size-report.sh\` from the package built by \`npm run build\`."
  echo
  echo '```'
  node scripts/sizes.mjs | sed '/^$/d'
  echo '```'
  echo
  echo "## Largest functions of the wasm (twiggy top -n 30)"
  echo
  echo "Same build with symbol names kept; the shipped file has no name section, so sizes are code only."
  echo
  echo '```'
  twiggy top -n 30 "$tmp/named.wasm" | sed -E 's/\[[0-9a-f]{16}\]//g' | cut -c1-160
  echo '```'
} > docs/size-report.md
rm -rf "$tmp"
say "wrote docs/size-report.md"
