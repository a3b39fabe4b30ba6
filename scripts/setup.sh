#!/usr/bin/env bash
# Installs everything the build and the tests need, from package registries only.
# Idempotent: each step is skipped when its tool is already there at the pinned version,
# so a second run takes a few seconds. Used by `make serve`, `make test` and CI.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# The wasm-bindgen CLI must match the library exactly; Cargo.toml pins it with `=`.
WASM_BINDGEN_VERSION=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"$/\1/p' Cargo.toml)
[ -n "$WASM_BINDGEN_VERSION" ] || { echo "setup: no wasm-bindgen = \"=x.y.z\" pin in Cargo.toml" >&2; exit 1; }
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf 'setup: %s\n' "$*"; }

# Debian packages: Chromium and its driver for browser tests, a CJK font so that
# Chinese text renders in screenshots and charts.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[ -f /usr/share/fonts/truetype/wqy/wqy-microhei.ttc ] || missing+=(fonts-wqy-microhei)
if [ ${#missing[@]} -gt 0 ]; then
  step "installing ${missing[*]} from Debian"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# Rust: the wasm target and the lint tools.
rustup target list --installed | grep -qx wasm32-unknown-unknown || {
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
}
for component in rustfmt clippy; do
  rustup component list --installed | grep -q "^$component" || rustup component add "$component"
done

# Trunk and the wasm-bindgen CLI, built from crates.io (Trunk's own downloads cannot work here).
if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "building trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi
if ! wasm-bindgen --version 2>/dev/null | grep -q "wasm-bindgen $WASM_BINDGEN_VERSION\b"; then
  step "building wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes, once)"
  # Not --locked: the CLI's own lockfile names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# npm: wasm-opt (binaryen 132) and playwright-core, exactly as package-lock.json says.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  step "installing npm packages"
  npm ci --no-audit --no-fund --loglevel=error
fi

# Trunk builds offline: every crate must be in the local registry cache first.
cargo fetch --locked --quiet
