#!/usr/bin/env bash
# Installs whatever is missing, so that `npm start` and `npm test` work on a fresh Debian 12
# machine with Node 20: Debian packages (as root), npm packages, the mediasoup worker (built
# from source, cached in ~/.cache/diemcau) and the Prisma client. Each step is skipped when
# its result is already up to date. Source it: it exports MEDIASOUP_WORKER_BIN.
#   BOOTSTRAP_BROWSER=1  also install Debian's chromium (for end-to-end tests)
#   BOOTSTRAP_BENCH=1    also install what the benchmarks use (wrk, Vietnamese word lists and prose)
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Nothing calls home: turbo announces and sends telemetry on its first run, Next.js by default.
export TURBO_TELEMETRY_DISABLED=1 NEXT_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
cd "$ROOT"
say() { printf '\033[1;36m[bootstrap]\033[0m %s\n' "$*" >&2; }

APT_PACKAGES=(ffmpeg poppler-utils openssl postgresql-client build-essential meson ninja-build pkg-config libuv1-dev libssl-dev
  libsrtp2-dev libusrsctp-dev libabsl-dev nlohmann-json3-dev catch2
  # slides read by OCR in Vietnamese; the demo lessons' narration and slide font
  tesseract-ocr tesseract-ocr-vie espeak-ng fonts-dejavu-core
  # the multi-node tests: a throwaway Redis of their own, and network namespaces joined by veth
  redis-server iproute2)
# The test branch: Chromium, and WordPress on PHP for the news portal tests (against the MariaDB
# the machine runs on 127.0.0.1:3306; nothing serves it but the tests' own php -S).
[ "${BOOTSTRAP_BROWSER:-0}" = 1 ] && APT_PACKAGES+=(chromium wordpress php-cli php-mysql)
# wrk: HTTP load; the search benchmark's Vietnamese word list and prose (bench/search/corpus.ts)
[ "${BOOTSTRAP_BENCH:-0}" = 1 ] && APT_PACKAGES+=(wrk hunspell-vi maint-guide-vi manpages-vi)
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    say "apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    say "Missing Debian packages (run as root or install them): ${missing[*]}"
    exit 1
  fi
fi

# npm packages. Install scripts are not needed: native parts ship as platform packages, and the
# mediasoup worker is built below (mediasoup's own postinstall would try to download).
stamp=node_modules/.diemcau-install-stamp
lock_hash=$(cat package-lock.json package.json */package.json */*/package.json 2>/dev/null | sha256sum | cut -c1-16)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  say "npm install"
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > "$stamp"
fi

MEDIASOUP_WORKER_BIN=$(bash scripts/build-mediasoup-worker.sh | tail -n 1)
export MEDIASOUP_WORKER_BIN

schema_hash=$(sha256sum packages/db/prisma/schema.prisma | cut -c1-16)
gen_stamp=packages/db/src/generated/.schema-hash
if [ ! -f "$gen_stamp" ] || [ "$(cat "$gen_stamp")" != "$schema_hash" ]; then
  say "prisma generate"
  # Without a DATABASE_URL to resolve, prisma generate falls back to downloading the native
  # query engine; generate never connects, so any well-formed URL will do.
  (cd packages/db && DATABASE_URL="${DATABASE_URL:-postgresql://localhost/unused}" \
    npx --no-install prisma generate >/dev/null)
  echo "$schema_hash" > "$gen_stamp"
fi
