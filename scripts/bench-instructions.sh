#!/usr/bin/env bash
# Instruction counts of the native core per quote, for the benchmark's workloads: stable from run to
# run, so a regression shows as a number. callgrind counts a run of 1 quote and one of 101 quotes
# of the same cart; the difference / 100 is one quote, JSON in and out, free of start-up.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v valgrind >/dev/null || { echo "valgrind is not installed (apt-get install valgrind)"; exit 1; }
cargo build --release --quiet --example instructions
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
node --input-type=module -e "
  import { quoteWorkloads } from './bench/workloads.mjs';
  import { writeFileSync } from 'node:fs';
  quoteWorkloads().forEach(([name, config, cart], i) => {
    writeFileSync('$dir/' + i + '.config.json', JSON.stringify(config));
    writeFileSync('$dir/' + i + '.cart.json', JSON.stringify(cart));
    writeFileSync('$dir/' + i + '.name', name);
  });
"
count() {
  valgrind --tool=callgrind --callgrind-out-file=/dev/null ./target/release/examples/instructions "$@" 2>&1 \
    | sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
printf '%-28s %16s %16s\n' workload 'instructions/quote' 'summary'
for config in "$dir"/*.config.json; do
  i=$(basename "$config" .config.json)
  one=$(count "$config" "$dir/$i.cart.json" 1)
  many=$(count "$config" "$dir/$i.cart.json" 101)
  one_summary=$(count "$config" "$dir/$i.cart.json" 1 summary)
  many_summary=$(count "$config" "$dir/$i.cart.json" 101 summary)
  printf '%-28s %16s %16s\n' "$(cat "$dir/$i.name")" "$(( (many - one) / 100 ))" "$(( (many_summary - one_summary) / 100 ))"
done
