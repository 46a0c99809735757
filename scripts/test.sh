#!/usr/bin/env bash
# npm test: install what is missing, then typecheck, lint, run every vitest suite and the
# Playwright end-to-end specs in Debian's Chromium, all against a fresh PostgreSQL database
# (on the server in DATABASE_URL, or 127.0.0.1:5432) that is created here and dropped at exit.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BOOTSTRAP_BROWSER=1 source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
BIN="$ROOT/node_modules/.bin"
say() { printf '\033[1;36m[test]\033[0m %s\n' "$*" >&2; }

export DATABASE_URL="${DATABASE_URL:-postgresql://postgres@127.0.0.1:5432/postgres}"
TEST_DATABASE_URL=$("$BIN/tsx" packages/db/src/test-database-cli.ts create)
trap '"$BIN/tsx" packages/db/src/test-database-cli.ts drop "$TEST_DATABASE_URL" >/dev/null 2>&1 || true' EXIT
export DATABASE_URL="$TEST_DATABASE_URL"
say "database: ${DATABASE_URL%%\?*}"

say "typecheck + lint"
"$BIN/turbo" run typecheck lint --output-logs=errors-only
"$BIN/tsc" -p scripts
"$BIN/eslint" scripts e2e playwright.config.ts
say "unit and integration tests (vitest)"
"$BIN/turbo" run test --concurrency=1 --output-logs=full
"$BIN/vitest" run --dir scripts
say "end-to-end tests (Playwright, Chromium)"
"$BIN/turbo" run build --filter=@diemcau/web --output-logs=errors-only
"$BIN/playwright" test "$@"
