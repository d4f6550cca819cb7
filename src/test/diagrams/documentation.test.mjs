// What a process owner reads in Modeler is Chinese: every process, task, event, gateway, call activity and
// sub-process of bpmn/*.bpmn carries a Chinese documentation; every decision of bpmn/*.dmn has a Chinese name and
// description, Chinese input and output labels and a Chinese annotation on every rule. Technical names (variables,
// expressions, ISO durations) may stand inside the Chinese text; an English sentence may not.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';

const require = createRequire(import.meta.url);
const bpmnDir = new URL('../../../bpmn/', import.meta.url).pathname;
const CJK = /[\u4e00-\u9fff]/;
const ENGLISH_SENTENCE = /\b[A-Za-z]{2,} [a-z]{2,} [a-z]{2,} [a-z]{2,}\b/;

/** Why a text is not what a Chinese-speaking process owner can read, or null when it is. */
export function notChinese(text) {
  if (!text || !text.trim()) return 'missing';
  if (!CJK.test(text)) return `not Chinese: "${text.slice(0, 60)}"`;
  const english = text.match(ENGLISH_SENTENCE);
  return english ? `English words in it: "${english[0]}"` : null;
}

const READ_BY_OWNERS = /^bpmn:(Process|.*Task|CallActivity|SubProcess|.*Event|.*Gateway)$/;

function bpmnProblems(definitions) {
  const problems = [];
  const visit = (element) => {
    if (READ_BY_OWNERS.test(element.$type)) {
      const why = notChinese((element.documentation || []).map((d) => d.text).join(' '));
      if (why) problems.push(`${element.id} (${element.$type.slice(5)}): documentation ${why}`);
    }
    for (const child of element.flowElements || []) visit(child);
  };
  for (const root of definitions.rootElements.filter((e) => e.$type === 'bpmn:Process')) visit(root);
  return problems;
}

function dmnProblems(definitions) {
  const problems = [];
  const check = (what, text) => {
    const why = notChinese(text);
    if (why) problems.push(`${what}: ${why}`);
  };
  for (const decision of definitions.drgElement.filter((e) => e.$type === 'dmn:Decision')) {
    check(`${decision.id} name`, decision.name);
    check(`${decision.id} description`, decision.description);
    const table = decision.decisionLogic;
    for (const input of table.input || []) check(`${input.id} label`, input.label);
    for (const output of table.output || []) check(`${output.id} label`, output.label);
    for (const rule of table.rule || []) check(`${rule.id} annotation`, rule.description);
  }
  return problems;
}

for (const file of readdirSync(bpmnDir).filter((f) => /\.(bpmn|dmn)$/.test(f)).sort()) {
  test(`${file} speaks Chinese to its process owner`, async () => {
    const xml = readFileSync(join(bpmnDir, file), 'utf8');
    const problems = file.endsWith('.dmn')
      ? dmnProblems((await new DmnModdle({ camunda: require('camunda-dmn-moddle/resources/camunda.json') }).fromXML(xml)).rootElement)
      : bpmnProblems((await new BpmnModdle({ camunda: require('camunda-bpmn-moddle/resources/camunda.json') }).fromXML(xml)).rootElement);
    assert.deepEqual(problems, [], `${file}:\n  ${problems.join('\n  ')}\n`);
  });
}

test('an English documentation is noticed, technical names in a Chinese one are not', () => {
  assert.match(notChinese('The owner calls the customer.'), /not Chinese/);
  assert.match(notChinese('负责人 calls the customer again 后关闭'), /English words/);
  assert.equal(notChinese('异步执行，重试 R5/PT1M；变量 contactGroup（callCenter）。'), null);
  assert.equal(notChinese(''), 'missing');
});
