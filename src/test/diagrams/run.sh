#!/usr/bin/env bash
# Diagram checks of bpmn/, run by `mvn verify` (test phase): the layout of every BPMN diagram as bpmn-js draws it
# in headless Chromium (layout.test.mjs, PNGs in target/diagrams/), the layout rules themselves, and a round trip of
# every BPMN and DMN through the moddle Modeler uses. Argument 1 = "true": Node.js and Chromium are required (CI);
# otherwise a machine without them gets a visible notice and the checks that need them are skipped.
set -euo pipefail
cd "$(dirname "$0")"
required=${1:-false}
chromium=${CHROMIUM_PATH:-/usr/bin/chromium}

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$required" = "true" ]; then
    echo "diagrams: Node.js and npm are required (enrollflow.requireDiagrams=true) but not installed" >&2
    exit 1
  fi
  echo "NOTICE: Node.js not found - diagram layout and round-trip checks SKIPPED (install Node.js 20+)"
  exit 0
fi
tests="roundtrip.test.mjs documentation.test.mjs layout-rules.test.mjs layout.test.mjs"
if [ ! -x "$chromium" ]; then
  if [ "$required" = "true" ]; then
    echo "diagrams: Chromium ($chromium) is required (enrollflow.requireDiagrams=true) but not installed" >&2
    exit 1
  fi
  echo "NOTICE: Chromium ($chromium) not found - diagram LAYOUT check SKIPPED (apt-get install chromium); round trip still runs"
  tests="roundtrip.test.mjs documentation.test.mjs layout-rules.test.mjs"
fi
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
DIAGRAM_DIR=../../../target/diagrams node --test --test-reporter=spec $tests
