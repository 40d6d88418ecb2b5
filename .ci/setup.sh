#!/usr/bin/env bash
# Installs what `make run` and `make test` need and is missing. Idempotent: each step checks first.
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock 2>/dev/null || true)
WASM_BINDGEN_VERSION=${WASM_BINDGEN_VERSION:-0.2.130}
CARGO_LEPTOS_VERSION=0.3.10
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# rust-toolchain.toml pins the installed stable by number; name it so if only "stable" exists.
channel=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
if ! rustup toolchain list | grep -q "^$channel"; then
  if rustup run stable rustc --version | grep -q "^rustc $channel "; then
    say "naming the installed stable toolchain $channel"
    sysroot=$(rustup run stable rustc --print sysroot)
    ln -s "$sysroot" "$(dirname "$sysroot")/$channel-$(basename "$sysroot" | sed 's/^stable-//')"
  else
    say "installing Rust $channel"
    rustup toolchain install "$channel" --profile minimal --component rustfmt,clippy
  fi
fi

# The pinned name may be a link to the stable folder: add the target to the folder's own toolchain.
sysroot=$(readlink -f "$(rustc --print sysroot)")
if ! [ -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown --toolchain "$(basename "$sysroot")"
fi
if ! cargo fmt --version >/dev/null 2>&1; then
  say "adding rustfmt"
  rustup component add rustfmt --toolchain "$(basename "$sysroot")"
fi

if ! cargo leptos --version 2>/dev/null | grep -q "$CARGO_LEPTOS_VERSION"; then
  say "installing cargo-leptos $CARGO_LEPTOS_VERSION (no downloads from GitHub; takes about 15 minutes)"
  cargo install cargo-leptos --version "$CARGO_LEPTOS_VERSION" --locked --features no_downloads
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " $WASM_BINDGEN_VERSION"; then
  say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (matches Cargo.lock)"
  # Without --locked: its own lock names a crate version the registry lacks.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

apt_install() {
  if [ -z "${APT_UPDATED:-}" ]; then apt-get update -qq; APT_UPDATED=1; fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@"
}

if ! [ -x /usr/bin/chromium ]; then
  say "installing Debian chromium for Playwright"
  apt_install chromium
fi

# The guides' pictures are taken in the language they show, date fields too (Chromium's own
# translations), and in DejaVu Sans (end2end/tests/guide-screens.spec.ts).
if ! [ -f /usr/lib/chromium/locales/fi.pak ] || ! [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ]; then
  say "installing Chromium's translations and the DejaVu fonts for the guides' pictures"
  apt_install chromium-l10n fonts-dejavu-core
fi

# josekit (the server's JOSE) links Debian's OpenSSL.
if ! [ -f /usr/include/openssl/evp.h ] || ! command -v pkg-config >/dev/null; then
  say "installing OpenSSL's headers and pkg-config for josekit"
  apt_install libssl-dev pkg-config
fi

# The browser tests check the database itself (sessions created or not) with the sqlite3 shell.
if ! [ -x /usr/bin/sqlite3 ]; then
  say "installing the sqlite3 shell for the browser tests"
  apt_install sqlite3
fi

# The PDF tests read the documents back as a viewer would: text, attachment, PDF/A claim, tags.
if ! command -v pdftotext >/dev/null || ! command -v pdfdetach >/dev/null; then
  say "installing poppler-utils for the PDF tests"
  apt_install poppler-utils
fi

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  say "installing PostgreSQL from Debian"
  apt_install postgresql
fi

if ! [ -d end2end/node_modules/@playwright/test ] || ! [ -x end2end/node_modules/.bin/wasm-opt ] \
   || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  say "installing npm packages of end2end (Playwright, binaryen's wasm-opt)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
