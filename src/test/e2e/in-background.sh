#!/usr/bin/env bash
# The browser tests (run.sh) beside the two-node cluster test, as `mvn verify` runs them: `start` (pre-integration-test)
# launches run.sh in the background and returns; `wait` (post-integration-test) prints its output as it comes, waits
# for it to end and exits with its status. The two are independent (two demo applications, each on its own H2 file
# and free port: run.sh's shards; two nodes on PostgreSQL, ports 18131-18133) and each leaves much of two cores idle
# when run alone (pages load, the cluster test waits a dead node's 60 s job lock out).
# Argument 2 of start = "true": Node.js and Chromium are required (CI), as for run.sh.
set -euo pipefail
cd "$(dirname "$0")"
out=../../../target/e2e-background
case "${1:-}" in
  start)
    rm -rf "$out" && mkdir -p "$out"
    # its own session: a Maven run interrupted meanwhile leaves run.sh to finish and stop its application itself
    : > "$out/output.log"
    setsid bash -c 'echo $$ > "$2/pid"; bash run.sh "$1" > "$2/output.log" 2>&1; echo $? > "$2/status"' \
      _ "${2:-false}" "$out" < /dev/null > /dev/null 2>&1 &
    echo "e2e: browser tests started in the background (output at the end of integration-test, $out/output.log)"
    ;;
  wait)
    if [ ! -f "$out/output.log" ]; then
      echo "e2e: no browser test run was started (pre-integration-test)" >&2
      exit 1
    fi
    tail -n +1 -f "$out/output.log" &
    follower=$!
    # until the run writes its status; a run killed meanwhile (its shell gone, no status) is a failure
    while [ ! -f "$out/status" ]; do
      sleep 1
      if [ -f "$out/pid" ] && ! kill -0 "$(cat "$out/pid")" 2>/dev/null && [ ! -f "$out/status" ]; then
        echo 1 > "$out/status"
      fi
    done
    sleep 0.5
    kill "$follower" 2>/dev/null || true
    status=$(cat "$out/status")
    [ "$status" = 0 ] || echo "e2e: browser tests failed (status $status)" >&2
    exit "$status"
    ;;
  *)
    echo "usage: in-background.sh start [required] | wait" >&2
    exit 2
    ;;
esac
