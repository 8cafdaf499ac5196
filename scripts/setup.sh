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

# 2. The one pinned wasm toolchain (scripts/toolchain.sh says why): Debian's rustc-web at the pinned
#    version with its std source and lld, whether or not rustup has a wasm32 target here.
if wasm_toolchain_present; then
  say "wasm toolchain present: $(/usr/bin/rustc --version) (Debian rustc-web, pinned $WASM_RUST_VERSION)"
else
  say "installing the pinned wasm toolchain: Debian rustc-web $WASM_RUST_VERSION with its std source and $WASM_LLD_PACKAGE"
  if ! apt_install "rustc-web=$WASM_RUST_DEBIAN" "cargo-web=$WASM_RUST_DEBIAN" "rust-web-src=$WASM_RUST_DEBIAN" "$WASM_LLD_PACKAGE"; then
    say "Debian does not serve rustc-web $WASM_RUST_VERSION any more: move the pin (README.md, 'The wasm toolchain')"
    exit 1
  fi
  wasm_toolchain_present || { say "rustc-web installed but /usr/bin/rustc is not $WASM_RUST_VERSION"; exit 1; }
fi
if command -v rustup >/dev/null && rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "note: rustup's wasm32 target is installed here; the build does not use it"
fi

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

# 7. The framework apps' dependencies (Next.js, React, Vue, Svelte and their Vite plugins), exactly as
# locked in tests/frameworks/; the packed package is unpacked beside them by their test.
if [ ! -d tests/frameworks/node_modules ] || [ tests/frameworks/package-lock.json -nt tests/frameworks/node_modules/.package-lock.json ]; then
  say "npm ci in tests/frameworks (Next.js, React, Vue, Svelte)"
  (cd tests/frameworks && npm ci --no-audit --no-fund --loglevel=error)
else
  say "tests/frameworks/node_modules up to date"
fi

say "setup done in $(( $(date +%s) - started )) s"
