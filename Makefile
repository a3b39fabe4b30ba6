# The two commands a newcomer needs: `make serve` and `make test`. See README.md.

# Site path the release build is made for: `make dist PUBLIC_URL=/portal/`.
PUBLIC_URL ?= /
# Where the end-to-end tests serve the release build.
E2E_PUBLIC_URL := /portal/

export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export TRUNK_SKIP_VERSION_CHECK := true

.PHONY: setup bundle check serve dist test lint unit e2e bench fuzz

## setup: install every tool the project needs (idempotent)
setup:
	@scripts/setup.sh

## bundle: compile seeds/ into public/data/
bundle: setup
	cargo run -q -p reform-compiler -- compile

## check: validate seeds/ and list every problem
check: setup
	cargo run -q -p reform-compiler -- check

## serve: build with the seed data and serve on http://127.0.0.1:8080, rebuilding on change
serve: setup
	trunk serve

## dist: the release site in dist/, for any static host (PUBLIC_URL=/sub/path/ for a sub-path)
dist: setup
	trunk build --release --public-url $(PUBLIC_URL)
	node scripts/precompress.mjs dist

## test: formatting, lints, native tests, then the browser tests against the release build
test: setup lint unit e2e

lint:
	cargo fmt --all -- --check
	cargo clippy --workspace --all-targets --locked -- -D warnings

unit:
	cargo test --workspace --locked
	cargo test --locked -p reform-embed --features timeline

e2e:
	trunk build --release --public-url $(E2E_PUBLIC_URL)
	trunk build --release --public-url $(E2E_PUBLIC_URL) --features panic-probe --dist target/dist-panic-probe
	E2E_PUBLIC_URL=$(E2E_PUBLIC_URL) npm run --silent e2e

## bench: build the release site and the native tools, then print the figures (sizes,
## browser timings, compiler throughput, search at 100,000 items); not part of `make test`
BENCH_RUNS ?= 5
bench: setup
	trunk build --release --public-url $(E2E_PUBLIC_URL)
	node scripts/precompress.mjs dist
	cargo build --profile native --locked -p reform-compiler --bin reform-portal --example search_at_scale
	E2E_PUBLIC_URL=$(E2E_PUBLIC_URL) BENCH_RUNS=$(BENCH_RUNS) node scripts/bench.mjs

## fuzz: run the parser's fuzz targets for FUZZ_SECONDS each (needs `cargo install cargo-fuzz`)
FUZZ_SECONDS ?= 300
fuzz:
	cd fuzz && for target in parse_document responsibility bundle site_index toml_pieces; do \
		RUSTC_BOOTSTRAP=1 cargo fuzz run --sanitizer none $$target -- -max_total_time=$(FUZZ_SECONDS) || exit 1; \
	done
