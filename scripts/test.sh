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
SERVER_URL="$DATABASE_URL"
TEST_DATABASES=()
drop_test_databases() {
  for url in "${TEST_DATABASES[@]}"; do "$BIN/tsx" packages/db/src/test-database-cli.ts drop "$url" >/dev/null 2>&1 || true; done
}
trap drop_test_databases EXIT
fresh_database() {
  local url
  url=$(DATABASE_URL="$SERVER_URL" "$BIN/tsx" packages/db/src/test-database-cli.ts create)
  TEST_DATABASES+=("$url")
  export DATABASE_URL="$url"
  say "database: ${url%%\?*}"
}
fresh_database

say "typecheck + lint"
"$BIN/turbo" run typecheck lint --output-logs=errors-only
"$BIN/tsc" -p scripts
"$BIN/tsc" -p bench # the benchmarks are not a workspace: typechecked here so a changed helper cannot break them unseen
"$BIN/eslint" scripts e2e bench playwright.config.ts
say "unit and integration tests (vitest)"
"$BIN/turbo" run test --concurrency=1 --output-logs=full
"$BIN/vitest" run --dir scripts
"$BIN/vitest" run --dir bench # the benchmarks' own instruments (the weak-link relay)
say "end-to-end tests (Playwright, Chromium)"
fresh_database # the stack seeds it; nothing the tests above wrote can leak in
"$BIN/turbo" run build --filter=@diemcau/web --output-logs=errors-only
"$BIN/playwright" test "$@"
