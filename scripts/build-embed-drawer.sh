#!/bin/sh
# Builds the embed drawers (crates/reform-embed), one per chart, into the site being built:
# Trunk runs this after building the app (Trunk.toml), with the staging folder and profile
# in its environment. Each chart's drawer is built with that chart's feature, so that it
# carries no other chart's code. A folder is named by its chart and a hash of its wasm
# (`embed-drawer-timeline-<hash>`), so that a cache holding an older drawer is never asked
# for the new one; `reform-portal site` finds them there and names each in its chart's
# embed pages.
set -eu
dist=${TRUNK_STAGING_DIR:?run by Trunk, or with TRUNK_STAGING_DIR set}
profile=${TRUNK_PROFILE:-debug}
cd "$(dirname "$0")/.."
rm -rf "$dist"/embed-drawer-*
for chart in completion responsibility-map timeline network; do
    if [ "$profile" = release ]; then
        cargo build -q --locked --release --target wasm32-unknown-unknown -p reform-embed --features "$chart"
    else
        cargo build -q --locked --target wasm32-unknown-unknown -p reform-embed --features "$chart"
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
    mv "$work" "$dist/embed-drawer-$chart-$hash"
done
