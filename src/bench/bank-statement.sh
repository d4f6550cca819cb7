#!/usr/bin/env bash
# Bank statement benchmark (docs/benchmark.md): 银行流水对账 with a long statement against confirming the same number
# of bank transfers one by one, in the same run, over HTTP as finance.
#
#   src/bench/bank-statement.sh [h2|postgres] [transfers=200] [lines=5000] [--spring.property=value ...]
#
# Environment: BENCH_HEAP (default 512m), BENCH_JAVA_OPTS, ENROLLFLOW_BENCH_PG_URL / _USER / _PASSWORD as run.sh.
# On PostgreSQL it drops and recreates schema enrollflow_bench.
set -euo pipefail
cd "$(dirname "$0")/../.."
source src/bench/classpath.sh
# shellcheck disable=SC2086
exec java -Xmx"${heap}" ${BENCH_JAVA_OPTS:-} -cp "$classpath" com.enrollflow.bench.BankStatementBenchmark "$@"
