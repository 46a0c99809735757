#!/usr/bin/env bash
# npm start: install what is missing, then run the whole suite (see scripts/start.ts).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/bootstrap.sh"
exec "$ROOT/node_modules/.bin/tsx" "$ROOT/scripts/start.ts" "$@"
