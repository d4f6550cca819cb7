// Renders every diagram in bpmn/ with bpmn-js in headless Chromium and fails on the layout defects a process
// owner would see in Camunda Modeler (layout-rules.mjs). Saves target/diagrams/<name>.png for every diagram,
// with every defect framed in red.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { openRenderer } from './render.mjs';
import { checkLayout, crossings, CROSSINGS_PER_DIAGRAM, CROSSINGS_TOTAL } from './layout-rules.mjs';

const root = new URL('../../../', import.meta.url).pathname;
const bpmnDir = join(root, 'bpmn');
const outDir = process.env.DIAGRAM_DIR || join(root, 'target', 'diagrams');
const diagrams = readdirSync(bpmnDir).filter((f) => f.endsWith('.bpmn')).sort();
const allCrossings = [];
let renderer;

before(async () => {
  mkdirSync(outDir, { recursive: true });
  renderer = await openRenderer();
});
after(() => renderer && renderer.close());

for (const file of diagrams) {
  test(`${file} is drawn as a careful Modeler user draws it`, async () => {
    const { warnings, elements } = await renderer.render(readFileSync(join(bpmnDir, file), 'utf8'));
    const defects = checkLayout(elements);
    const crossed = crossings(elements);
    allCrossings.push(...crossed.map((c) => `${file}: ${c.message}`));
    if (crossed.length > CROSSINGS_PER_DIAGRAM) {
      defects.push(...crossed.map((c) => ({ ...c, message: `${c.message} (budget ${CROSSINGS_PER_DIAGRAM} per diagram)` })));
    }
    const png = join(outDir, file.replace(/\.bpmn$/, '.png'));
    await renderer.screenshot(png, defects.flatMap((d) => d.boxes));
    const problems = [...warnings.map((w) => `bpmn-js import warning: ${w}`), ...defects.map((d) => `[${d.rule}] ${d.message}`)];
    assert.deepEqual(problems, [], `${file}: ${problems.length} layout defects (see ${png}):\n  ${problems.join('\n  ')}\n`);
  });
}

test(`all diagrams together cross flows at most ${CROSSINGS_TOTAL} times`, () => {
  assert.ok(allCrossings.length <= CROSSINGS_TOTAL,
    `${allCrossings.length} crossings in bpmn/ (budget ${CROSSINGS_TOTAL}):\n  ${allCrossings.join('\n  ')}\n`);
});
