#!/usr/bin/env bash
# npm run bench: install what is missing, then run the benchmarks one after another. Each prints a
# table and writes a JSON copy under bench/results/. Never part of npm test.
#   npm run bench                 all benchmarks
#   npm run bench -- live-hls     one of them (see ALL below); later words go to it
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BOOTSTRAP_BROWSER=1 BOOTSTRAP_BENCH=1 source "$ROOT/scripts/bootstrap.sh"
cd "$ROOT"
say() { printf '\033[1;36m[bench]\033[0m %s\n' "$*" >&2; }

ALL=(sfu-load join-time schedule finalize recording-to-playable live-hls search stats signaling-fuzz churn video-soak media-server-kill recorder-churn weak-link)
if [ $# -gt 0 ]; then
  names=("$1")
  shift
else
  names=("${ALL[@]}")
fi
for name in "${names[@]}"; do
  [ -f "bench/$name.ts" ] || { say "no benchmark named $name (have: ${ALL[*]})"; exit 2; }
  say "$name"
  node_modules/.bin/tsx "bench/$name.ts" "$@"
done
