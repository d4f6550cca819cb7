#!/usr/bin/env bash
# Tasklist at scale benchmark (docs/benchmark.md): Tasklist's page and count for 我的任务 and 呼叫中心待办 on N open
# tasks and M finished enrollments' history, cloned by SQL in PostgreSQL from real tasks, with authorization and campus
# scope on, against the same requests with both off, measured in the same run; then Cockpit's 人工任务 on the same
# data (-Dbench.cockpit=false skips it).
#
#   src/bench/tasklist.sh [openTasks=200000] [finishedEnrollments=1000000] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 512m), BENCH_JAVA_OPTS (e.g. -Dbench.reps=200 -Dbench.warmup=20
# -Dbench.revokes=false -Dbench.explain=false -Dbench.pgSchema=...), ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as
# run.sh. Drops and recreates schema enrollflow_tasklist_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.TasklistBenchmark "$@"
