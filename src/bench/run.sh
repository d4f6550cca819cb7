#!/usr/bin/env bash
# Lead intake benchmark (docs/benchmark.md): POST /api/leads vs the raw Camunda start rate, same JVM run.
#
#   src/bench/run.sh [h2|postgres] [leads=2000] [threads=8] [warm-up=300] [--spring.property=value ...]
#
# Environment:
#   BENCH_HEAP        heap of the JVM running app + benchmark (default 512m, the aim's -Xmx512m)
#   BENCH_JAVA_OPTS   extra JVM options, e.g. "-XX:StartFlightRecording=filename=target/bench.jfr"
#   ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD   PostgreSQL (default jdbc:postgresql://127.0.0.1:5432/test,
#                     postgres, no password); the benchmark drops and recreates schema enrollflow_bench there.
set -euo pipefail

cd "$(dirname "$0")/../.."

db="${1:-h2}"
leads="${2:-2000}"
threads="${3:-8}"
warmup="${4:-300}"
shift $(( $# < 4 ? $# : 4 ))
case "$db" in
  h2|postgres) ;;
  *) echo "usage: $0 [h2|postgres] [leads] [threads] [warm-up] [--spring.property=value ...]" >&2; exit 2 ;;
esac

source src/bench/classpath.sh

# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" \
  com.enrollflow.bench.LeadIntakeBenchmark "$db" "$leads" "$threads" "$warmup" "$@"
