#!/usr/bin/env bash
# Runs each fuzz target for a bounded time: `bash scripts/fuzz.sh [SECONDS]` (default 60).
# Seeds come from fuzz/regressions/; a crash is written to fuzz/artifacts/ and fails the run:
# copy it into fuzz/regressions/<target>/ so that `cargo test` replays it from then on.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
export RUSTC_BOOTSTRAP=1  # cargo-fuzz needs -Z flags; stable rustc accepts them this way
cargo fuzz build -O 2>&1 | grep -v '^\s*Compiling' || true
for target in config quote orders split_lines compiled report cart compact; do
  mkdir -p "fuzz/corpus/$target"
  cp -n fuzz/regressions/$target/* "fuzz/corpus/$target/" 2>/dev/null || true
  cargo fuzz run -O "$target" "fuzz/corpus/$target" -- \
    -max_total_time="$seconds" -max_len=4096 -dict=fuzz/json.dict -print_final_stats=0 2>&1 \
    | grep -E '^Done|panicked|ERROR|SUMMARY|Test unit written' || true
  if [ -n "$(ls -A "fuzz/artifacts/$target" 2>/dev/null)" ]; then
    echo "fuzz target $target crashed: see fuzz/artifacts/$target"; exit 1
  fi
done
