#!/usr/bin/env bash
# Lints every BPMN file in bpmn/ with bpmn/.bpmnlintrc (recommended rules + camunda-compat 7.24).
# Run by `mvn verify` (test phase). Argument 1 = "true": Node.js is required (CI); otherwise a machine
# without Node.js gets a visible notice and the lint is skipped.
set -euo pipefail
cd "$(dirname "$0")/../.."
required=${1:-false}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$required" = "true" ]; then
    echo "bpmnlint: Node.js and npm are required (enrollflow.requireLint=true) but not installed" >&2
    exit 1
  fi
  echo "NOTICE: Node.js not found - BPMN lint SKIPPED (install Node.js 18+ to lint bpmn/)"
  exit 0
fi
if [ ! -f src/lint/node_modules/.package-lock.json ] || [ src/lint/package-lock.json -nt src/lint/node_modules/.package-lock.json ]; then
  npm ci --prefix src/lint --no-audit --no-fund --loglevel=error
fi
cd bpmn
echo "bpmnlint: $(ls *.bpmn | tr '\n' ' ')"
NODE_PATH=../src/lint/node_modules ../src/lint/node_modules/.bin/bpmnlint *.bpmn
echo "bpmnlint: no problems"
