#!/usr/bin/env bash
# Job acquisition benchmark (docs/benchmark.md): the engine's acquisition statement on PostgreSQL with and without
# the job indexes of decision 527, on a job table of N pending timers and on a storm's.
#
#   src/bench/job-acquisition.sh [pending timers=400000] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 512m), BENCH_JAVA_OPTS, ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as run.sh.
# Drops and recreates schema enrollflow_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.JobAcquisitionBenchmark "$@"
