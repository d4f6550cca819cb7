// Reads every model in bpmn/ with the moddle Camunda Modeler uses (bpmn-moddle / dmn-moddle with the Camunda
// extensions) and writes it back: a model must read without a warning (an unknown element or attribute would be
// one), and what is written must hold every element, id and attribute of the file, extension elements included.
// A model that passes opens and saves in Modeler without losing anything.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { BpmnModdle } from 'bpmn-moddle';
import { DmnModdle } from 'dmn-moddle';
import { Parser } from 'saxen';

const require = createRequire(import.meta.url);
const camundaBpmn = require('camunda-bpmn-moddle/resources/camunda.json');
const camundaDmn = require('camunda-dmn-moddle/resources/camunda.json');

const bpmnDir = new URL('../../../bpmn/', import.meta.url).pathname;
const models = readdirSync(bpmnDir).filter((f) => /\.(bpmn|dmn)$/.test(f)).sort();

/** Attributes that carry the schema's default value: the moddle does not write them, and nothing changes. */
const DEFAULTS = new Set(['decisionTable hitPolicy=UNIQUE']);

/**
 * Every element of an XML document as "path/local-name#id" with its attributes (namespace prefixes dropped,
 * xmlns declarations left out, text trimmed): what a lossless round trip must keep.
 */
export function inventory(xml) {
  const items = [];
  const stack = [];
  const parser = new Parser({ proxy: false });
  parser.on('openTag', (name, attrs, decode) => {
    const local = name.replace(/^.*:/, '');
    const attributes = Object.entries(attrs())
      .filter(([k]) => !k.startsWith('xmlns'))
      .map(([k, v]) => `${k.replace(/^.*:/, '')}=${decode(v)}`)
      .filter((a) => !DEFAULTS.has(`${local} ${a}`))
      .sort();
    const id = attributes.find((a) => a.startsWith('id='))?.slice(3) ?? '';
    stack.push(`${local}#${id}`);
    items.push(`${stack.join('/')} [${attributes.join(' ')}]`);
  });
  parser.on('closeTag', () => { stack.pop(); });
  parser.on('text', (text, decode) => {
    const content = decode(text).trim();
    if (content && stack.length) items.push(`${stack.join('/')} text: ${content}`);
  });
  parser.on('cdata', (data) => {
    if (data.trim() && stack.length) items.push(`${stack.join('/')} text: ${data.trim()}`);
  });
  parser.on('error', (err) => { throw err; });
  parser.parse(xml);
  return items.sort();
}

function moddleFor(file) {
  return file.endsWith('.dmn') ? new DmnModdle({ camunda: camundaDmn }) : new BpmnModdle({ camunda: camundaBpmn });
}

for (const file of models) {
  test(`${file} reads and writes back without warnings or losses`, async () => {
    const xml = readFileSync(join(bpmnDir, file), 'utf8');
    const moddle = moddleFor(file);
    const { rootElement, warnings } = await moddle.fromXML(xml);
    assert.deepEqual(warnings.map((w) => w.message), [], `${file}: the moddle warns while reading`);
    const { xml: written } = await moddle.toXML(rootElement, { format: true });
    const before = inventory(xml);
    const after = inventory(written);
    const lost = before.filter((i) => !after.includes(i));
    const added = after.filter((i) => !before.includes(i));
    assert.deepEqual({ lost, added }, { lost: [], added: [] }, `${file}: the round trip changes the model`);
    const again = await moddleFor(file).fromXML(written);
    assert.deepEqual(again.warnings.map((w) => w.message), [], `${file}: the written model warns when read`);
  });
}

test('the inventory notices a lost extension element', () => {
  const a = '<d><p id="P"><extensionElements><camunda:taskListener event="create"/></extensionElements></p></d>';
  const b = '<d><p id="P"><extensionElements/></p></d>';
  assert.notDeepEqual(inventory(a), inventory(b));
  assert.deepEqual(inventory(a), inventory(a.replace('camunda:', 'c:')));
});

test('a misspelt Camunda extension is a warning', async () => {
  const xml = readFileSync(join(bpmnDir, 'notification.bpmn'), 'utf8')
    .replace('<bpmn:serviceTask ', '<bpmn:serviceTask camunda:asyncBefore="true" ')
    .replace(/(<bpmn:serviceTask [^>]*>)/, '$1<bpmn:extensionElements><camunda:executionListner event="start" /></bpmn:extensionElements>');
  const { warnings } = await moddleFor('notification.bpmn').fromXML(xml);
  assert.ok(warnings.length > 0, 'expected a warning for camunda:executionListner');
});
