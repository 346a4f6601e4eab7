#!/usr/bin/env bash
# `npm run bench -- <scenario> [flags]`. Every connection is a file descriptor on both sides, so the
# open-file limit is raised here, where a shell can do it (Node cannot), as far as the hard limit lets
# it; the server children inherit it. run.ts reads the limit it got and says when it fell short.
set -uo pipefail
cd "$(dirname "$0")/.."
want=${PIGEON_BENCH_NOFILE:-1048576}
ulimit -n "$want" 2>/dev/null || ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
export PIGEON_BENCH_NOFILE_WANTED=$want
exec node --import tsx bench/run.ts "$@"
