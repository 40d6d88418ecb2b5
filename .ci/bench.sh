#!/usr/bin/env bash
# `make bench`: the release server under load on seeded data, on SQLite and on PostgreSQL (a
# throwaway cluster). Prints the tables and writes target/bench/load.md.
set -euo pipefail
cd "$(dirname "$0")/.."
server=$(realpath "${KANTA_SERVER:-./target/release/server}")
cd end2end
exec ../.ci/with-postgres.sh node bench/load.mjs "$server"
