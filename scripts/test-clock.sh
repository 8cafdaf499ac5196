#!/usr/bin/env bash
# Runs the tests with the clock moved (default: 2030-01-01), to show that no test depends on today's
# date: `bash scripts/test-clock.sh [DATE]`, after `npm test` has built everything once.
#
# Debian's libfaketime moves the clock of every test process: the Rust test binaries (through
# cargo's runner setting), Node and headless Chromium. The compilers stay on the real clock: rustc
# hangs under libfaketime (seen with rustc 1.95 and 1.96), and a build's result does not depend on
# the date. Doc tests (compiled by rustdoc) and the fuzzing runs are left out for the same reason.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh
when="${1:-2030-01-01 00:00:00}"
if ! command -v faketime >/dev/null; then
  say "apt-get install faketime"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq faketime >/dev/null
fi
# "@": start the clock at that moment and let it run (a frozen clock stalls timers).
fake=(faketime -f "@$when")
say "the clock in every test process: $("${fake[@]}" date -u '+%Y-%m-%d %H:%M UTC')"

say "cargo test, each test binary at $when"
# cargo splits a runner setting on spaces, and the date has one: a one-word wrapper instead.
runner=$(mktemp)
trap 'rm -f "$runner"' EXIT
printf '#!/bin/sh\nexec faketime -f "@%s" "$@"\n' "$when" > "$runner"
chmod +x "$runner"
CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_RUNNER="$runner" cargo test --all-targets --quiet

say "the package's Node tests at $when"
"${fake[@]}" node --no-deprecation --test tests/node/

say "the browser tests (Node and Chromium) at $when"
"${fake[@]}" node --no-deprecation --test --test-concurrency=1 tests/browser/

say "the framework apps and the Shopify snippet (builds and Chromium) at $when"
"${fake[@]}" node --no-deprecation --test --test-concurrency=1 tests/frameworks/
say "every test passed with the clock at $when"
