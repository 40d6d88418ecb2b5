# The two commands of README: `make run` and `make test`. Everything they need is installed by .ci/setup.sh.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)

# The environment `cargo leptos build` compiles the server with (debug). `cargo test` uses the same,
# so it reuses those artefacts instead of building every crate a second time.
LEPTOS_BUILD_ENV := LEPTOS_OUTPUT_NAME=kanta LEPTOS_SITE_ROOT=target/site LEPTOS_SITE_PKG_DIR=pkg \
	LEPTOS_SITE_ADDR=127.0.0.1:3000 LEPTOS_RELOAD_PORT=3001 LEPTOS_LIB_DIR=frontend LEPTOS_BIN_DIR=server \
	LEPTOS_JS_MINIFY=false LEPTOS_HASH_FILES=true LEPTOS_HASH_FILE_NAME=hash.txt RUSTFLAGS="--cfg erase_components"

.PHONY: run test setup build build-release size bench guide-images clean-data

setup:
	@.ci/setup.sh

## Build and serve http://127.0.0.1:3000; serve creates and migrates the SQLite database under ./data/.
run: setup build
	./target/debug/server serve

build:
	cargo leptos build --split

## Release build, then what a phone downloads for the first load of every route, against budgets.
size: build-release
	.ci/size.sh

## Release build, then requests per second and latency of the main pages, on seeded data, on both databases.
bench: build-release
	.ci/bench.sh

# The WASM splitter copies data used by several modules into each; the data the linker would drop
# as unreferenced makes room for the copies (the splitter drops it itself). Without that room it
# leaves all data in the main module, which every page downloads (60 KB brotli instead of 33).
# Release only: the debug build's relocations trip the splitter when nothing is collected.
build-release:
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-C link-arg=--no-gc-sections" \
	  cargo leptos build --release --precompress --split

## The guides' pictures of the product: the sandbox in fi and sv at phone and desktop widths, taken by
## Playwright into app/assets/screens/ (end2end/tests/guide-screens.spec.ts), then built in.
guide-images: setup build
	KANTA_GUIDE_IMAGES=write .ci/e2e.sh --project screens
	cargo leptos build --split

## Every test: unit, integration on SQLite and PostgreSQL, Playwright in headless Chromium.
test: setup build
	cargo fmt --all --check
	$(LEPTOS_BUILD_ENV) cargo clippy --workspace --exclude frontend --all-targets --features app/ssr -- -D warnings
	$(LEPTOS_BUILD_ENV) .ci/with-postgres.sh cargo test --workspace --exclude frontend --features app/ssr
	.ci/e2e.sh

clean-data:
	rm -rf data
