#!/bin/sh
# Builds the embed drawer (crates/reform-embed) into the site being built: Trunk runs this
# after building the app (Trunk.toml), with the staging folder and profile in its
# environment. The folder's name carries a hash of the wasm, so that a cache holding an
# older drawer is never asked for the new one; `reform-portal site` finds it there and
# names it in the embed pages.
set -eu
dist=${TRUNK_STAGING_DIR:?run by Trunk, or with TRUNK_STAGING_DIR set}
profile=${TRUNK_PROFILE:-debug}
cd "$(dirname "$0")/.."
if [ "$profile" = release ]; then
    cargo build -q --locked --release --target wasm32-unknown-unknown -p reform-embed
else
    cargo build -q --locked --target wasm32-unknown-unknown -p reform-embed
fi
work=target/embed-drawer
rm -rf "$work"
wasm-bindgen --target web --no-typescript --out-dir "$work" \
    "target/wasm32-unknown-unknown/$profile/reform_embed.wasm"
if [ "$profile" = release ]; then
    # npm's binaryen (PATH from the Makefile), as Trunk uses for the app.
    wasm-opt -Oz --converge "$work/reform_embed_bg.wasm" -o "$work/reform_embed_bg.wasm"
fi
hash=$(sha256sum "$work/reform_embed_bg.wasm" | cut -c1-16)
rm -rf "$dist"/embed-drawer-*
mv "$work" "$dist/embed-drawer-$hash"
