# The two commands of README: `make run` and `make test`. Everything they need is installed by scripts/setup.sh.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/end2end/node_modules/.bin:$(PATH)

.PHONY: run test setup build build-release unit integration e2e bench clean-data

setup:
	@scripts/setup.sh

## Build and serve http://127.0.0.1:3000 with the SQLite database under ./data/.
run: setup build
	./target/debug/server migrate
	./target/debug/server serve

build:
	cargo leptos build

build-release:
	cargo leptos build --release --precompress

## Every test: unit, integration on SQLite and PostgreSQL, Playwright in headless Chromium.
test: setup
	scripts/with-postgres.sh cargo test --workspace --exclude frontend --features app/ssr
	cargo leptos build
	scripts/e2e.sh

clean-data:
	rm -rf data
