#!/usr/bin/env bash
# npm start: install what is missing, then run the whole suite (see scripts/start.ts).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
source "$ROOT/scripts/bootstrap.sh"
# One Node process with tsx as its loader (see typescriptCommand in scripts/lib/processes.ts).
cd "$ROOT"
exec node --import tsx scripts/start.ts "$@"
