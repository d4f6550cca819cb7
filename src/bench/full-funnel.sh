#!/usr/bin/env bash
# Full-funnel benchmark (docs/benchmark.md): enrollments per second from a new lead to a scheduled 1:1 student, the
# job executor running the async work, against a raw-engine journey with the same user tasks and async steps.
#
#   src/bench/full-funnel.sh [h2|postgres] [enrollments=200] [threads=4] [warm-up=20] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 512m), BENCH_JAVA_OPTS (e.g. -Dbench.inFlight=12 journeys per thread,
# -Dbench.rawAgain=false), ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.FullFunnelBenchmark "$@"
