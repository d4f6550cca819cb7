// The layout rules themselves, on small hand-made geometry: each rule notices its defect and passes a clean drawing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkLayout, crossings } from './layout-rules.mjs';

const task = (id, x, y, extra = {}) => ({ id, kind: 'shape', type: 'bpmn:Task', parent: 'P', x, y, width: 100, height: 80, name: id, icons: [], ...extra });
const gateway = (id, x, y) => ({ id, kind: 'shape', type: 'bpmn:ExclusiveGateway', parent: 'P', x, y, width: 50, height: 50, name: id, icons: [] });
const flow = (id, source, target, points) => ({ id, kind: 'connection', type: 'bpmn:SequenceFlow', parent: 'P', source, target, waypoints: points.map(([x, y]) => ({ x, y })) });
const label = (target, text, x, y, width = 30, height = 14) => ({ id: `${target}_label`, kind: 'label', target, text, x, y, width, height });
const rules = (elements) => checkLayout(elements).map((d) => d.rule);

const A = task('A', 100, 100);
const B = task('B', 300, 100);
const AB = flow('AB', 'A', 'B', [[200, 140], [300, 140]]);

test('a clean row of two tasks has no defect', () => {
  assert.deepEqual(rules([A, B, AB]), []);
});

test('a label on a task, a label on a flow and labels on each other are defects', () => {
  assert.deepEqual(rules([A, B, AB, label('AB', '是', 320, 110)]), ['label-on-shape']);
  assert.deepEqual(rules([A, B, AB, label('AB', '是', 240, 133)]), ['flow-through-label']);
  assert.deepEqual(rules([A, B, AB, label('AB', '是', 230, 110), label('A', '否', 240, 115)]), ['label-on-label']);
});

test('a flow through a third shape, a slanted flow and a loose end are defects', () => {
  const C = task('C', 500, 100);
  assert.ok(rules([A, B, C, flow('AC', 'A', 'C', [[200, 140], [500, 140]])]).includes('flow-through-shape'));
  assert.deepEqual(rules([A, B, flow('AB', 'A', 'B', [[200, 140], [300, 150]])]), ['diagonal']);
  assert.deepEqual(rules([A, B, flow('AB', 'A', 'B', [[200, 140], [290, 140]])]), ['flow-docking']);
});

test('two flows on one line are a defect', () => {
  const G = gateway('G', 450, 115);
  const C = task('C', 300, 300);
  const flows = [flow('BG', 'B', 'G', [[400, 140], [450, 140]]), flow('CG', 'C', 'G', [[400, 340], [420, 340], [420, 140], [450, 140]])];
  assert.deepEqual(rules([A, B, C, G, AB, ...flows]), ['shared-line']);
});

test('a boundary event off the bottom edge, or leaving sideways, is a defect', () => {
  const event = (x, y) => ({ id: 'E', kind: 'shape', type: 'bpmn:BoundaryEvent', parent: 'P', host: 'A', x, y, width: 36, height: 36, icons: [] });
  const C = task('C', 300, 260);
  const good = [A, B, C, AB, event(150, 162), flow('EC', 'E', 'C', [[168, 198], [168, 300], [300, 300]])];
  assert.deepEqual(rules(good), []);
  const sideways = rules([A, B, C, AB, event(182, 122), flow('EC', 'E', 'C', [[218, 140], [250, 140], [250, 300], [300, 300]])]);
  assert.equal(sideways.filter((r) => r === 'boundary-event').length, 2, sideways.join());
});

test('a flow right to left is a defect unless it loops back to a merge', () => {
  const G = gateway('G', 260, 115);
  const C = task('C', 360, 100);
  const forward = [flow('AG', 'A', 'G', [[200, 140], [260, 140]]), flow('GC', 'G', 'C', [[310, 140], [360, 140]])];
  const back = flow('CG', 'C', 'G', [[410, 100], [410, 60], [285, 60], [285, 115]]);
  assert.deepEqual(rules([A, G, C, ...forward, back]), []);
  const D = task('D', 100, 300);
  assert.deepEqual(rules([A, G, C, D, ...forward, flow('CD', 'C', 'D', [[410, 180], [410, 340], [200, 340]])]), ['right-to-left']);
});

test('crossings are counted where two flows cross, not where they meet', () => {
  const h = flow('H', 'A', 'B', [[200, 140], [300, 140]]);
  const v = flow('V', 'X', 'Y', [[250, 50], [250, 250]]);
  assert.equal(crossings([h, v]).length, 1);
  assert.equal(crossings([h, flow('W', 'X', 'B', [[250, 50], [250, 140]])]).length, 0);
});

test('a flow node outside its lane is a defect', () => {
  const lane = { id: 'L', kind: 'shape', type: 'bpmn:Lane', parent: 'P', x: 30, y: 0, width: 600, height: 120, flowNodeRefs: ['A', 'B'], icons: [] };
  const pool = { id: 'P', kind: 'shape', type: 'bpmn:Participant', parent: null, x: 0, y: 0, width: 630, height: 300, icons: [] };
  assert.deepEqual(rules([pool, lane, A, B, AB]), ['lane', 'lane']);
  assert.deepEqual(rules([pool, { ...lane, height: 250 }, A, B, AB]), []);
});

test('a flow docks on the border of the expanded sub-process it enters or leaves, and crosses no other', () => {
  const S = { id: 'S', kind: 'shape', type: 'bpmn:SubProcess', parent: 'P', x: 300, y: 60, width: 300, height: 160, name: 'S', icons: [], expanded: true };
  const C = task('C', 700, 100);
  const into = flow('AS', 'A', 'S', [[200, 140], [300, 140]]);
  const out = flow('SC', 'S', 'C', [[600, 140], [700, 140]]);
  assert.deepEqual(rules([A, S, C, into, out]), []);
  const D = task('D', 700, 400);
  const through = flow('AD', 'A', 'D', [[150, 180], [150, 440], [700, 440]]);
  assert.deepEqual(rules([A, S, C, D, into, out, through]), []);
  const across = flow('AC', 'A', 'C', [[150, 100], [150, 40], [450, 40], [450, 100], [650, 100], [650, 110], [700, 110]]);
  assert.ok(rules([A, S, C, into, out, across]).includes('flow-through-shape'));
});
