#!/usr/bin/env bash
# `npm run bench`: the storefront's payload, the comparison with what users would use instead
# (bench/run.mjs), the first bar against the floor (bench/first-bar.mjs), then the native core's
# instruction counts (scripts/bench-instructions.sh). Installs the contenders into bench/ (apart
# from the test setup) and builds the package when it is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
[ -f pkg/nexttier_bg.wasm ] || bash scripts/build.sh
if [ ! -d bench/node_modules ] || [ bench/package-lock.json -nt bench/node_modules/.package-lock.json ]; then
  say "npm ci in bench/ (big.js, dinero.js, Medusa's promotion module)"
  (cd bench && npm ci --no-audit --no-fund --loglevel=error)
fi
say "storefront payload (scripts/sizes.mjs --payload)"
node scripts/sizes.mjs --payload
say "node bench/run.mjs $*"
node bench/run.mjs "$@"
say "first rendered bar against the floor (headless Chromium)"
node --no-deprecation bench/first-bar.mjs
say "instruction counts of the native core (callgrind)"
bash scripts/bench-instructions.sh
