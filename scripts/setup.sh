#!/usr/bin/env bash
# Installs what building and testing nexttier needs, idempotently, saying what it does.
# Quick when everything is present. See ../shared/toolchain.md for why the Debian route exists.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/toolchain.sh

started=$(date +%s)
as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    say "need root to run: $*"; exit 1; fi
}
apt_updated=0
apt_install() {
  if [ $apt_updated = 0 ]; then
    say "apt-get update"
    as_root apt-get update -qq
    apt_updated=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

# 1. Host Rust toolchain with rustfmt and clippy.
if ! command -v cargo >/dev/null; then
  say "cargo not found: install Rust from your distribution or rustup first"; exit 1
fi
for component in rustfmt clippy; do
  if ! cargo "${component/rustfmt/fmt}" --version >/dev/null 2>&1; then
    say "rustup component add $component"
    rustup component add "$component"
  fi
done

# 2. The wasm32 toolchain: rustup's target where it can be fetched, else Debian's rustc-web.
detect_wasm_route
if [ "$WASM_ROUTE" = none ]; then
  say "wasm32 target missing: trying 'rustup target add wasm32-unknown-unknown' (30 s limit)"
  if command -v rustup >/dev/null && timeout 30 rustup target add wasm32-unknown-unknown >/dev/null 2>&1; then
    say "installed the wasm32 target with rustup"
  else
    say "rustup cannot fetch the target here: using Debian's rustc-web with build-std"
    apt_install rustc-web cargo-web rust-web-src lld-22
  fi
  detect_wasm_route
fi
if [ "$WASM_ROUTE" = none ]; then
  say "no wasm32 toolchain could be installed"; exit 1
fi
say "wasm toolchain: $WASM_ROUTE route ($($WASM_CARGO --version))"

# 3. wasm-bindgen-cli at exactly the version pinned in Cargo.toml.
want=$(wasm_bindgen_version)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  say "cargo install wasm-bindgen-cli --version $want (was: ${have:-none}; takes a few minutes)"
  cargo install wasm-bindgen-cli --version "$want" --quiet
else
  say "wasm-bindgen-cli $want present"
fi

# 4. cargo-fuzz for the bounded fuzzing run of `npm test`.
if ! cargo fuzz --version >/dev/null 2>&1; then
  say "cargo install cargo-fuzz (takes a minute or two)"
  cargo install cargo-fuzz --quiet
else
  say "cargo-fuzz present"
fi

# 5. Chromium and its driver for the browser tests (never a downloaded browser).
if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
  apt_install chromium chromium-driver
else
  say "chromium present ($(/usr/bin/chromium --version 2>/dev/null | head -1))"
fi
# A Chinese font (5 MB), so the zh storefront and its screenshots show characters, not boxes.
if [ ! -e /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ]; then
  apt_install fonts-wqy-microhei
else
  say "Chinese font present (fonts-wqy-microhei)"
fi

# 6. JS dev dependencies, exactly as locked.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  say "npm ci"
  npm ci --no-audit --no-fund --loglevel=error
else
  say "node_modules up to date"
fi

say "setup done in $(( $(date +%s) - started )) s"
