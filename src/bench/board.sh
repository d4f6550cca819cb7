#!/usr/bin/env bash
# Board benchmark (docs/benchmark.md): every query of the Cockpit business board (经营看板) on N opportunities loaded
# by SQL into PostgreSQL, for a month and a year, one campus and all, next to a plain count(*) over the same rows.
#
#   src/bench/board.sh [opportunities=1000000] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 1g here: the year's sales-process answer reads every stage time of the year),
# BENCH_JAVA_OPTS (e.g. -Dbench.compare=true -Dbench.reps=20 -Dbench.reuse=true -Dbench.pgSchema=...),
# ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as run.sh. Drops and recreates schema enrollflow_board_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
BENCH_HEAP="${BENCH_HEAP:-1g}"
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.BoardBenchmark "$@"
