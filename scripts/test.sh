#!/usr/bin/env bash
# Everything `npm test` runs after set-up: Rust checks and tests, the build, the Node tests of the
# built package, and the browser tests in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

say "package-lock.json agrees with package.json for a fresh machine (npm ci --dry-run, empty cache)"
lock_cache=$(mktemp -d)
npm ci --dry-run --cache "$lock_cache" --no-audit --no-fund --loglevel=error >/dev/null
(cd tests/frameworks && npm ci --dry-run --cache "$lock_cache" --no-audit --no-fund --loglevel=error >/dev/null)
rm -rf "$lock_cache"
say "cargo fmt --check"
cargo fmt --all --check
say "cargo clippy --workspace --all-targets -D warnings"
cargo clippy --workspace --all-targets --quiet -- -D warnings
say "cargo test (unit, integration, vectors, properties, doc)"
cargo test --all-targets --quiet
cargo test --doc --quiet
say "fuzzing: ${FUZZ_SECONDS:-20} s per target (the committed regressions replay in cargo test)"
bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
say "npm run build"
bash scripts/build.sh
say "TypeScript declarations compile a usage example (tsc --noEmit)"
node_modules/.bin/tsc -p tests/types/tsconfig.json
say "wasm-bindgen tests of the bindings in headless Chromium"
bash scripts/wasm-test.sh
say "node tests of the built package"
node --no-deprecation --test tests/node/
say "browser tests (headless Chromium)"
node --no-deprecation --test --test-concurrency=1 tests/browser/
say "framework apps (Next.js, React, Vue, Svelte) and the Shopify snippet, from the packed package, clicked in Chromium"
node --no-deprecation --test --test-concurrency=1 tests/frameworks/
say "all tests passed"
