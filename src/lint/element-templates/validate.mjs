// Validates every Camunda Modeler element template in bpmn/.camunda/element-templates/ against the schema Modeler
// uses for Camunda 7 templates (@camunda/element-templates-json-schema), and checks what the schema cannot: ids are
// unique, a delegate expression is one fixed bean (a Hidden property), and every label and description is Chinese.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import Ajv from 'ajv';

const require = createRequire(import.meta.url);
const schema = require('@camunda/element-templates-json-schema/resources/schema.json');
const folder = process.argv[2];
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(schema);
const han = /[\u4e00-\u9fff]/;
const problems = [];
const ids = new Set();
let count = 0;

for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
  const templates = JSON.parse(readFileSync(join(folder, file), 'utf8'));
  if (!validate(templates)) {
    for (const e of validate.errors) {
      problems.push(`${file}${e.instancePath}: ${e.message}`);
    }
  }
  for (const t of [].concat(templates)) {
    count++;
    if (ids.has(t.id)) problems.push(`${file}: template id ${t.id} twice`);
    ids.add(t.id);
    if (t.$schema !== 'https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json') {
      problems.push(`${file}: ${t.id} does not name the Camunda 7 template schema`);
    }
    if (!han.test(t.name) || !han.test(t.description || '')) {
      problems.push(`${file}: ${t.id} needs a Chinese name and description`);
    }
    for (const p of t.properties) {
      if (!han.test(p.label || '')) problems.push(`${file}: ${t.id} property without a Chinese label`);
      const b = p.binding;
      const fixed = b.name === 'camunda:delegateExpression' || b.name === 'camunda:decisionRef'
        || b.type === 'camunda:executionListener' || b.name === 'calledElement';
      if (fixed && p.type !== 'Hidden') problems.push(`${file}: ${t.id} lets the user edit ${b.name || b.type}`);
    }
  }
}
if (problems.length) {
  console.error(problems.join('\n'));
  process.exit(1);
}
console.log(`element templates: ${count} templates valid against the Camunda 7 element-templates schema`);
