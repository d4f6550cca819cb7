#!/usr/bin/env bash
# Browser end-to-end tests of Tasklist (playwright-core + Debian's Chromium), run by `mvn verify` after the jar
# is packaged. Starts the packaged application (profile `demo`) on a free port with an in-memory H2, runs
# `npm test` against it, stops it. Argument 1 = "true": Node.js and Chromium are required (CI); otherwise a
# machine without them gets a visible notice and the browser tests are skipped.
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

jar=$(ls ../../../target/enrollflow-*.jar | grep -v original | head -1)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null || echo 18080)
log=../../../target/e2e-app.log
# a file database the tests may also open (AUTO_SERVER): test 12 puts lessons that already began into it, which no
# API creates (scheduling books from tomorrow on); the H2 jar is the application's own
db=$(cd ../../.. && pwd)/target/e2e-db
rm -rf "$db" && mkdir -p "$db"
python3 - "$jar" "$db" <<'PY'
import sys, zipfile, os
with zipfile.ZipFile(sys.argv[1]) as z:
    for n in z.namelist():
        if n.startswith('BOOT-INF/lib/h2-') and n.endswith('.jar'):
            open(os.path.join(sys.argv[2], os.path.basename(n)), 'wb').write(z.read(n))
PY
export H2_URL="jdbc:h2:file:$db/e2e;AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000"
export H2_JAR=$(ls "$db"/h2-*.jar)
# the client compiler and the serial collector: a four-minute test run on two cores shared with Chromium (212 -> 186 s)
java -Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -jar "$jar" --spring.profiles.active=demo --server.port="$port" \
  --spring.datasource.url="$H2_URL;QUERY_CACHE_SIZE=128" > "$log" 2>&1 &
app=$!
trap 'kill $app 2>/dev/null; wait $app 2>/dev/null || true' EXIT

for _ in $(seq 1 120); do
  if curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null 2>&1; then break; fi
  if ! kill -0 $app 2>/dev/null; then echo "e2e: application did not start, see $log" >&2; exit 1; fi
  sleep 1
done
curl -sf "http://127.0.0.1:$port/actuator/health" >/dev/null || { echo "e2e: application not healthy, see $log" >&2; exit 1; }

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
mkdir -p ../../../target/e2e-screenshots
BASE_URL="http://127.0.0.1:$port" SCREENSHOT_DIR=../../../target/e2e-screenshots npm test
