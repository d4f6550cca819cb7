#!/usr/bin/env bash
# Browser end-to-end tests of Tasklist (playwright-core + Debian's Chromium), run by `mvn verify` after the jar
# is packaged. Runs the tests in E2E_SHARDS (default 2) shards side by side: each starts its own packaged application
# (profile `demo`, its own H2 database and free port, so no shard sees another's data) and runs the tests whose
# number falls to it (test n to shard n mod E2E_SHARDS) with its own Chromium; then prints each shard's output and
# fails if one failed. A test spends most of its time waiting for pages (a login is 2.6-3.3 s), so two shards on
# two cores take about half the time of one. Argument 1 = "true": Node.js and Chromium are required (CI);
# otherwise a machine without them gets a visible notice and the browser tests are skipped. Argument 2: a test name
# pattern (e.g. '^41\.') runs only those tests, in one shard.
set -euo pipefail
cd "$(dirname "$0")"
required=${1:-false}
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}

missing=""
command -v node >/dev/null 2>&1 || missing="Node.js"
[ -x "$chromium" ] || missing="${missing:+$missing and }Chromium ($chromium)"
if [ -n "$missing" ]; then
  if [ "$required" = "true" ]; then
    echo "e2e: $missing required (enrollflow.requireBrowser=true) but not installed" >&2
    exit 1
  fi
  echo "NOTICE: $missing not found - Tasklist browser tests SKIPPED (apt-get install chromium)"
  exit 0
fi

shards=${E2E_SHARDS:-2}
only=${2:-}
[ -n "$only" ] && shards=1
jar=$(ls ../../../target/enrollflow-*.jar | grep -v original | head -1)
target=$(cd ../../.. && pwd)/target
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p "$target/e2e-screenshots"

apps=()
trap 'for a in "${apps[@]}"; do kill "$a" 2>/dev/null; done; for a in "${apps[@]}"; do wait "$a" 2>/dev/null || true; done' EXIT

# shard i: its application (free port, a file database the tests may also open with AUTO_SERVER: test 12 puts
# lessons that already began into it, which no API creates; the H2 jar is the application's own), then its tests
start_shard() {
  local i=$1
  local port db log
  port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null \
    || echo $((18080 + i)))
  db="$target/e2e-db-$i"
  log="$target/e2e-app-$i.log"
  rm -rf "$db" && mkdir -p "$db"
  python3 - "$jar" "$db" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.startswith('BOOT-INF/lib/h2-') and n.endswith('.jar'):
            open(os.path.join(sys.argv[2], os.path.basename(n)), 'wb').write(z.read(n))
PY
  local h2_url="jdbc:h2:file:$db/e2e;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000"
  # the client compiler and the serial collector: a four-minute test run on two cores shared with Chromium (212 -> 186 s)
  java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" --spring.profiles.active=demo \
    --server.port="$port" --spring.datasource.url="$h2_url;QUERY_CACHE_SIZE=128" > "$log" 2>&1 &
  apps+=($!)
  echo "$port $h2_url $(ls "$db"/h2-*.jar) $log $!"
}

# the numbers 1-199 that fall to shard i, as a test name pattern: ^(1|3|5…)\.
pattern() {
  python3 -c 'import sys; i, n = int(sys.argv[1]), int(sys.argv[2]); print("^(" + "|".join(str(k) for k in range(1, 200) if k % n == i) + ")\\.")' "$1" "$shards"
}

declare -a ports urls jars logs pids
for i in $(seq 0 $((shards - 1))); do
  read -r ports[$i] urls[$i] jars[$i] logs[$i] pids[$i] < <(start_shard "$i")
  apps+=("${pids[$i]}")
done
for i in $(seq 0 $((shards - 1))); do
  for _ in $(seq 1 180); do
    if curl -sf "http://127.0.0.1:${ports[$i]}/actuator/health" >/dev/null 2>&1; then break; fi
    if ! kill -0 "${pids[$i]}" 2>/dev/null; then echo "e2e: application $i did not start, see ${logs[$i]}" >&2; exit 1; fi
    sleep 1
  done
  curl -sf "http://127.0.0.1:${ports[$i]}/actuator/health" >/dev/null \
    || { echo "e2e: application $i not healthy, see ${logs[$i]}" >&2; exit 1; }
done

runners=()
for i in $(seq 0 $((shards - 1))); do
  if [ -n "$only" ]; then p=$only; else p=$(pattern "$i"); fi
  BASE_URL="http://127.0.0.1:${ports[$i]}" H2_URL="${urls[$i]}" H2_JAR="${jars[$i]}" \
    SCREENSHOT_DIR=../../../target/e2e-screenshots \
    node --test --test-name-pattern="$p" tasklist.test.mjs > "$target/e2e-shard-$i.log" 2>&1 &
  runners+=($!)
done
status=0
for i in $(seq 0 $((shards - 1))); do
  wait "${runners[$i]}" || status=1
done
for i in $(seq 0 $((shards - 1))); do
  echo "# ---- shard $((i + 1)) of $shards (application log ${logs[$i]})"
  cat "$target/e2e-shard-$i.log"
done
exit $status
