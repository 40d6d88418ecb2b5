#!/usr/bin/env bash
# Runs the Playwright suite against the built server on a free port with a throwaway SQLite database.
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d /tmp/kanta-e2e.XXXXXX)
trap 'rm -rf "$work"' EXIT
export KANTA_E2E_PORT=$("$(dirname "$0")/free-port")
export KANTA_E2E_PROVIDER_PORT=$("$(dirname "$0")/free-port")
export KANTA_E2E_INDEPENDENT_PORT=$("$(dirname "$0")/free-port")
export KANTA_E2E_DATABASE_URL="sqlite://$work/kanta.db?mode=rwc"
export KANTA_E2E_INDEPENDENT_DATABASE_URL="sqlite://$work/independent.db?mode=rwc"
export KANTA_E2E_SCREENS_PORT=$("$(dirname "$0")/free-port")
export KANTA_E2E_SCREENS_DATABASE_URL="sqlite://$work/screens.db?mode=rwc"
# Playwright's webServer starts ./target/debug/server with these and stops it after the suite.
cd end2end
exec npx playwright test "$@"
