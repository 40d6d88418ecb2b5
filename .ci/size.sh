#!/usr/bin/env bash
# Prints the compressed size of a page's first load (HTML + JS + WASM + CSS) as the server sends it.
# Usage: .ci/size.sh [path]   (builds release first with `make build-release`)
set -euo pipefail
cd "$(dirname "$0")/.."
path=${1:-/}
work=$(mktemp -d /tmp/kanta-size.XXXXXX)
port=$("$(dirname "$0")/free-port")
KANTA_LISTEN=127.0.0.1:$port KANTA_DATABASE_URL="sqlite://$work/kanta.db?mode=rwc" RUST_LOG=warn \
  "${KANTA_SERVER:-./target/release/server}" serve >"$work/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
node - "http://127.0.0.1:$port" "$path" <<'JS'
const zlib = require('node:zlib');
const [base, path] = process.argv.slice(2);
(async () => {
  const get = async (p) => Buffer.from(await (await fetch(base + p)).arrayBuffer());
  const html = await get(path);
  const assets = [...html.toString().matchAll(/["'](\/pkg\/[^"']+)["']/g)].map((m) => m[1]);
  const files = [[path, html], ...(await Promise.all([...new Set(assets)].map(async (a) => [a, await get(a)])))];
  const br = (b) => zlib.brotliCompressSync(b, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  let raw = 0, comp = 0;
  for (const [name, body] of files) {
    const size = br(body);
    raw += body.length; comp += size;
    console.log(`${name.padEnd(28)} ${String(body.length).padStart(9)} B raw ${String(size).padStart(8)} B brotli`);
  }
  console.log(`${'first load'.padEnd(28)} ${String(raw).padStart(9)} B raw ${String(comp).padStart(8)} B brotli (${(comp / 1024).toFixed(1)} KiB)`);
})();
JS
