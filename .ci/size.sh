#!/usr/bin/env bash
# `make size`: the first load of every route on a phone, against the release build on seeded data.
# Prints the table, writes target/bench/size.md; exits 1 when a page is over its budget.
set -euo pipefail
cd "$(dirname "$0")/.."
server=${KANTA_SERVER:-./target/release/server}
work=$(mktemp -d /tmp/kanta-size.XXXXXX)
port=$("$(dirname "$0")/free-port")
export KANTA_DATABASE_URL="sqlite://$work/kanta.db?mode=rwc" RUST_LOG=warn
# Lists long enough to fill their pages; the pages themselves are what is measured.
"$server" seed --organisations 200 --years 2 >/dev/null
KANTA_LISTEN=127.0.0.1:$port "$server" serve >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
cd end2end
node bench/size.mjs "http://127.0.0.1:$port"
