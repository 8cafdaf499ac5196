#!/usr/bin/env bash
# Measures the simulator on a million order lines: wall time and peak memory of
# `nexttier simulate` (release build) over sample orders, streamed from a file.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
orders=$(mktemp --suffix=.csv)
trap 'rm -f "$orders"' EXIT
./target/release/nexttier sample-orders --orders 460000 --seed 2 > "$orders"
echo "orders file: $(($(wc -l < "$orders") - 1)) lines, $(du -m "$orders" | cut -f1) MB"
for config in examples/seed-story/*.json; do
  /usr/bin/time -f "%e s, %M KB peak" ./target/release/nexttier simulate --config "$config" \
    --orders "$orders" --now 2026-11-01T00:00:00Z --json 2>&1 >/dev/null | sed "s|^|$config: |"
done
