#!/usr/bin/env bash
# Recycle storm benchmark (docs/benchmark.md): N opportunities whose first-contact limit passes at once, drained by
# the job executor, against N bare timers and N instances of the recycle's engine shape in the same run.
#
#   src/bench/recycle-storm.sh [h2|postgres] [opportunities=10000] [start-threads=4] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 512m), BENCH_JAVA_OPTS, ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.RecycleStormBenchmark "$@"
