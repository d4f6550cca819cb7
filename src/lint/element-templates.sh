#!/usr/bin/env bash
# Validates Camunda Modeler's element templates (bpmn/.camunda/element-templates/*.json) against the Camunda 7
# element-templates JSON schema (npm @camunda/element-templates-json-schema, with ajv). Run by `mvn verify` (test
# phase). Argument 1 = "true": Node.js is required (CI); otherwise a machine without Node.js gets a notice and skips.
# That every bean of bpmn/ has a template and every template's bean exists is ElementTemplatesTests (Java).
set -euo pipefail
cd "$(dirname "$0")/../.."
required=${1:-false}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$required" = "true" ]; then
    echo "element templates: Node.js and npm are required (enrollflow.requireLint=true) but not installed" >&2
    exit 1
  fi
  echo "NOTICE: Node.js not found - element template validation SKIPPED (install Node.js 18+)"
  exit 0
fi
dir=src/lint/element-templates
if [ ! -f $dir/node_modules/.package-lock.json ] || [ $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]; then
  npm ci --prefix $dir --no-audit --no-fund --loglevel=error
fi
node $dir/validate.mjs bpmn/.camunda/element-templates
