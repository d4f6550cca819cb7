// The layout rules a diagram in bpmn/ must meet, checked on the geometry bpmn-js renders (render.mjs).
// Each rule returns defects: { rule, message, boxes } — boxes are framed in red in the diagram's PNG.
// docs/editing-processes.md ("How diagrams are checked") explains the rules for process owners.

const TOLERANCE = 2; // px: a point "on" an edge may be this far off it
const MIN_GAP = 20; // px between two shapes that do not belong to each other

/** The crossing budget: crossings of two flows that no layout avoids, per diagram and over all diagrams. */
export const CROSSINGS_PER_DIAGRAM = 1;
export const CROSSINGS_TOTAL = 3;

const CONTAINERS = new Set(['bpmn:Participant', 'bpmn:Lane']);

export function checkLayout(elements) {
  const model = index(elements);
  return [
    ...labelsOnShapes(model),
    ...labelsOnLabels(model),
    ...textOverflow(model),
    ...shapesOverlap(model),
    ...flowsDocked(model),
    ...diagonalSegments(model),
    ...flowsThroughShapes(model),
    ...flowsThroughLabels(model),
    ...sharedLines(model),
    ...boundaryEvents(model),
    ...rightToLeft(model),
    ...lanes(model),
  ];
}

export function crossings(elements) {
  const { flows } = index(elements);
  const found = [];
  for (let i = 0; i < flows.length; i++) {
    for (let j = i + 1; j < flows.length; j++) {
      for (const a of segments(flows[i])) {
        for (const b of segments(flows[j])) {
          const point = properCrossing(a, b);
          if (point) {
            found.push({
              rule: 'crossing',
              message: `flows ${flows[i].id} and ${flows[j].id} cross at (${point.x}, ${point.y})`,
              boxes: [{ x: point.x - 6, y: point.y - 6, width: 12, height: 12 }],
            });
          }
        }
      }
    }
  }
  return found;
}

function index(elements) {
  const byId = new Map(elements.map((e) => [e.id, e]));
  const shapes = elements.filter((e) => e.kind === 'shape' && !CONTAINERS.has(e.type));
  const solid = shapes.filter((e) => !e.expanded);
  const containers = shapes.filter((e) => e.expanded);
  const lanes = elements.filter((e) => e.type === 'bpmn:Lane');
  const labels = elements.filter((e) => e.kind === 'label');
  const flows = elements.filter((e) => e.kind === 'connection');
  return { byId, shapes, solid, containers, lanes, labels, flows };
}

// ---- geometry ----

const inset = (b, d) => ({ x: b.x + d, y: b.y + d, width: b.width - 2 * d, height: b.height - 2 * d });
const grow = (b, d) => inset(b, -d);
const round = (n) => Math.round(n);
const show = (b) => `(${round(b.x)}, ${round(b.y)}, ${round(b.width)}×${round(b.height)})`;

function intersects(a, b) {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

function inside(inner, outer, d = 0) {
  return inner.x >= outer.x - d && inner.y >= outer.y - d
    && inner.x + inner.width <= outer.x + outer.width + d && inner.y + inner.height <= outer.y + outer.height + d;
}

function segments(flow) {
  const list = [];
  for (let i = 1; i < flow.waypoints.length; i++) {
    list.push({ flow, index: i - 1, a: flow.waypoints[i - 1], b: flow.waypoints[i] });
  }
  return list;
}

const isHorizontal = (s) => Math.abs(s.a.y - s.b.y) <= 1;
const isVertical = (s) => Math.abs(s.a.x - s.b.x) <= 1;

function segmentBox(s) {
  return {
    x: Math.min(s.a.x, s.b.x), y: Math.min(s.a.y, s.b.y),
    width: Math.max(Math.abs(s.a.x - s.b.x), 1), height: Math.max(Math.abs(s.a.y - s.b.y), 1),
  };
}

/** Whether segment s passes through the open rectangle r (Liang-Barsky clipping). */
function segmentHitsBox(s, r) {
  let t0 = 0;
  let t1 = 1;
  const dx = s.b.x - s.a.x;
  const dy = s.b.y - s.a.y;
  const edges = [[-dx, s.a.x - r.x], [dx, r.x + r.width - s.a.x], [-dy, s.a.y - r.y], [dy, r.y + r.height - s.a.y]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q <= 0) return false;
    } else {
      const t = q / p;
      if (p < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
  }
  return t1 - t0 > 1e-6;
}

/** The point where a horizontal and a vertical segment cross inside both (not at an end of either). */
function properCrossing(s, t) {
  const [h, v] = isHorizontal(s) && isVertical(t) ? [s, t] : isVertical(s) && isHorizontal(t) ? [t, s] : [];
  if (!h) return null;
  const x = v.a.x;
  const y = h.a.y;
  const within = (n, p, q) => n > Math.min(p, q) + TOLERANCE && n < Math.max(p, q) - TOLERANCE;
  return within(x, h.a.x, h.b.x) && within(y, v.a.y, v.b.y) ? { x: round(x), y: round(y) } : null;
}

/** Whether p lies on the outline bpmn-js draws: a gateway's diamond, an event's circle, else the rectangle. */
function onOutline(p, shape) {
  const cx = shape.x + shape.width / 2;
  const cy = shape.y + shape.height / 2;
  if (shape.type.endsWith('Gateway')) {
    const d = Math.abs(p.x - cx) / (shape.width / 2) + Math.abs(p.y - cy) / (shape.height / 2);
    return Math.abs(d - 1) * (shape.width / 2) <= TOLERANCE + 1;
  }
  if (shape.type.endsWith('Event')) {
    return Math.abs(Math.hypot(p.x - cx, p.y - cy) - shape.width / 2) <= TOLERANCE + 1;
  }
  return onBorder(p, shape);
}

function onBorder(p, b) {
  const nearX = Math.abs(p.x - b.x) <= TOLERANCE + 1 || Math.abs(p.x - b.x - b.width) <= TOLERANCE + 1;
  const nearY = Math.abs(p.y - b.y) <= TOLERANCE + 1 || Math.abs(p.y - b.y - b.height) <= TOLERANCE + 1;
  return inside({ x: p.x, y: p.y, width: 0, height: 0 }, b, TOLERANCE + 1) && (nearX || nearY);
}

/** Whether shape a lies within container c (an expanded sub-process), directly or deeper. */
function within(model, a, c) {
  for (let p = model.byId.get(a.parent); p; p = model.byId.get(p.parent)) if (p.id === c.id) return true;
  return false;
}

const name = (model, id) => {
  const e = model.byId.get(id);
  return e && e.name ? `${id} "${e.name}"` : id;
};

// ---- rules ----

function labelsOnShapes(model) {
  const found = [];
  for (const label of model.labels) {
    for (const shape of model.solid) {
      // a label that touches a shape reads as part of it: keep it 5px clear
      if (intersects(inset(label, 1), grow(shape, 4))) {
        found.push({
          rule: 'label-on-shape',
          message: `label "${label.text}" of ${label.target} lies on ${name(model, shape.id)}`,
          boxes: [label],
        });
      }
    }
    for (const box of [...model.containers, ...model.lanes]) {
      if (intersects(inset(label, 1), box) && !inside(label, box, 1)) {
        found.push({
          rule: 'label-on-shape',
          message: `label "${label.text}" of ${label.target} lies across the border of ${name(model, box.id)}`,
          boxes: [label],
        });
      }
    }
  }
  return found;
}

function labelsOnLabels(model) {
  const found = [];
  for (let i = 0; i < model.labels.length; i++) {
    for (let j = i + 1; j < model.labels.length; j++) {
      const [a, b] = [model.labels[i], model.labels[j]];
      if (intersects(inset(a, 1), b)) {
        found.push({
          rule: 'label-on-label',
          message: `labels "${a.text}" (${a.target}) and "${b.text}" (${b.target}) overlap`,
          boxes: [a, b],
        });
      }
    }
  }
  return found;
}

function textOverflow(model) {
  const headers = [...model.byId.values()].filter((e) => e.headerText > e.height - 8);
  return [
    ...model.solid.filter((s) => s.innerText && !inside(s.innerText, s, 1)).map((s) => ({
      rule: 'text-overflow',
      message: `the name of ${name(model, s.id)} does not fit in its shape`,
      boxes: [s.innerText],
    })),
    ...headers.map((e) => ({
      rule: 'text-overflow',
      message: `the name of ${name(model, e.id)} does not fit on one line in its header (${round(e.height)}px)`,
      boxes: [{ x: e.x, y: e.y, width: 30, height: e.height }],
    })),
  ];
}

function shapesOverlap(model) {
  const found = [];
  const list = model.shapes;
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const [a, b] = [list[i], list[j]];
      if (a.host === b.id || b.host === a.id) continue;
      if ((a.expanded && within(model, b, a)) || (b.expanded && within(model, a, b))) continue;
      if (a.host && b.host && a.host === b.host) {
        if (intersects(grow(a, 4), b)) found.push(overlap(model, a, b, 'touch'));
        continue;
      }
      const gapA = a.host ? model.byId.get(a.host) : a;
      const gapB = b.host ? model.byId.get(b.host) : b;
      if (gapA.id === gapB.id) continue;
      if (intersects(grow(a, a.host || b.host ? 4 : MIN_GAP), b)) {
        found.push(overlap(model, a, b, intersects(a, b) ? 'overlap' : `are closer than ${MIN_GAP}px to`));
      }
    }
  }
  return found;
}

function overlap(model, a, b, how) {
  return {
    rule: 'shape-spacing',
    message: `${name(model, a.id)} and ${name(model, b.id)} ${how === 'overlap' || how === 'touch' ? how : how}`
      + (how === 'overlap' || how === 'touch' ? '' : ' each other'),
    boxes: [a, b],
  };
}

function flowsDocked(model) {
  const found = [];
  for (const flow of model.flows) {
    const first = flow.waypoints[0];
    const last = flow.waypoints[flow.waypoints.length - 1];
    const source = model.byId.get(flow.source);
    const target = model.byId.get(flow.target);
    if (source && !onOutline(first, source)) {
      found.push({ rule: 'flow-docking', message: `flow ${flow.id} does not start on the border of ${flow.source}`,
        boxes: [grow({ x: first.x, y: first.y, width: 0, height: 0 }, 5)] });
    }
    if (target && !onOutline(last, target)) {
      found.push({ rule: 'flow-docking', message: `flow ${flow.id} does not end on the border of ${flow.target}`,
        boxes: [grow({ x: last.x, y: last.y, width: 0, height: 0 }, 5)] });
    }
  }
  return found;
}

function diagonalSegments(model) {
  const found = [];
  for (const flow of model.flows) {
    for (const s of segments(flow)) {
      if (!isHorizontal(s) && !isVertical(s)) {
        found.push({ rule: 'diagonal', message: `flow ${flow.id} has a slanted segment ${s.index + 1} `
          + `(${round(s.a.x)}, ${round(s.a.y)}) → (${round(s.b.x)}, ${round(s.b.y)})`, boxes: [segmentBox(s)] });
      }
    }
  }
  return found;
}

function flowsThroughShapes(model) {
  const found = [];
  for (const flow of model.flows) {
    const all = segments(flow);
    for (const s of all) {
      for (const shape of model.solid) {
        const own = shape.id === flow.source ? s.index === 0 : shape.id === flow.target ? s.index === all.length - 1 : false;
        if (own) continue;
        if (segmentHitsBox(s, inset(shape, TOLERANCE))) {
          found.push({
            rule: 'flow-through-shape',
            message: `flow ${flow.id} passes through ${name(model, shape.id)} (segment ${s.index + 1})`,
            boxes: [segmentBox(s)],
          });
        }
      }
      for (const box of model.containers) {
        const flowInside = within(model, flow, box);
        // a flow into or out of an expanded sub-process docks on its border: that segment touches it, the others not
        const docks = (box.id === flow.target && s.index === all.length - 1 && onBorder(s.b, box))
          || (box.id === flow.source && s.index === 0 && onBorder(s.a, box));
        const hits = flowInside ? !inside(segmentBox(s), box)
          : docks ? segmentHitsBox(s, inset(box, TOLERANCE)) : segmentHitsBox(s, grow(box, 1));
        if (hits) {
          found.push({
            rule: 'flow-through-shape',
            message: `flow ${flow.id} crosses the border of ${name(model, box.id)} (segment ${s.index + 1})`,
            boxes: [segmentBox(s)],
          });
        }
      }
    }
  }
  return found;
}

function flowsThroughLabels(model) {
  const found = [];
  for (const flow of model.flows) {
    for (const s of segments(flow)) {
      for (const label of model.labels) {
        if (segmentHitsBox(s, inset(label, 1))) {
          found.push({
            rule: 'flow-through-label',
            message: `flow ${flow.id} runs through the label "${label.text}" of ${label.target}`,
            boxes: [label],
          });
        }
      }
    }
  }
  return found;
}

function sharedLines(model) {
  const found = [];
  const flows = model.flows;
  for (let i = 0; i < flows.length; i++) {
    for (let j = i + 1; j < flows.length; j++) {
      for (const a of segments(flows[i])) {
        for (const b of segments(flows[j])) {
          let overlapLength = 0;
          if (isHorizontal(a) && isHorizontal(b) && Math.abs(a.a.y - b.a.y) <= TOLERANCE) {
            overlapLength = Math.min(Math.max(a.a.x, a.b.x), Math.max(b.a.x, b.b.x))
              - Math.max(Math.min(a.a.x, a.b.x), Math.min(b.a.x, b.b.x));
          } else if (isVertical(a) && isVertical(b) && Math.abs(a.a.x - b.a.x) <= TOLERANCE) {
            overlapLength = Math.min(Math.max(a.a.y, a.b.y), Math.max(b.a.y, b.b.y))
              - Math.max(Math.min(a.a.y, a.b.y), Math.min(b.a.y, b.b.y));
          }
          if (overlapLength > TOLERANCE) {
            found.push({
              rule: 'shared-line',
              message: `flows ${flows[i].id} and ${flows[j].id} share ${round(overlapLength)}px of one line`,
              boxes: [segmentBox(a), segmentBox(b)],
            });
          }
        }
      }
    }
  }
  return found;
}

function boundaryEvents(model) {
  const found = [];
  for (const event of model.shapes.filter((s) => s.host)) {
    const host = model.byId.get(event.host);
    const cx = event.x + event.width / 2;
    const cy = event.y + event.height / 2;
    const bottom = host.y + host.height;
    if (Math.abs(cy - bottom) > TOLERANCE || event.x < host.x || event.x + event.width > host.x + host.width) {
      found.push({ rule: 'boundary-event', message: `boundary event ${name(model, event.id)} is not on the bottom `
        + `edge of ${name(model, host.id)}`, boxes: [event] });
    }
    for (const icon of host.icons) {
      if (intersects(event, icon)) {
        found.push({ rule: 'boundary-event', message: `boundary event ${name(model, event.id)} covers a marker `
          + `of ${name(model, host.id)}`, boxes: [event] });
        break;
      }
    }
    for (const flow of model.flows.filter((f) => f.source === event.id)) {
      const [p, q] = flow.waypoints;
      const down = Math.abs(p.x - cx) <= TOLERANCE && Math.abs(p.y - (event.y + event.height)) <= TOLERANCE
        && Math.abs(q.x - p.x) <= TOLERANCE && q.y > p.y;
      if (!down) {
        found.push({ rule: 'boundary-event', message: `flow ${flow.id} does not leave boundary event ${event.id} `
          + 'downward from its bottom', boxes: [event] });
      }
    }
  }
  return found;
}

/**
 * Flows run left to right. A flow may run right to left only where it closes a loop: its target can reach its
 * source again (a boundary event counts as part of its host) and its target is where paths merge (two or more
 * incoming flows, usually a gateway), e.g. "back to 核对到账" after finance confirmed a transfer. The steps of a
 * loop themselves still run left to right: only the one flow back does not.
 */
function rightToLeft(model) {
  const next = new Map();
  const node = (id) => {
    const e = model.byId.get(id);
    return e && e.host ? e.host : id;
  };
  for (const flow of model.flows) {
    if (!next.has(node(flow.source))) next.set(node(flow.source), []);
    next.get(node(flow.source)).push(node(flow.target));
  }
  const reaches = (from, to) => {
    const seen = new Set([from]);
    const todo = [from];
    while (todo.length) {
      const n = todo.pop();
      if (n === to) return true;
      for (const m of next.get(n) || []) if (!seen.has(m)) { seen.add(m); todo.push(m); }
    }
    return false;
  };
  const found = [];
  for (const flow of model.flows) {
    const leftward = segments(flow).filter((s) => s.b.x < s.a.x - TOLERANCE);
    const merge = model.flows.filter((f) => f.target === flow.target).length >= 2;
    if (leftward.length && !(merge && reaches(node(flow.target), node(flow.source)))) {
      found.push({ rule: 'right-to-left', message: `flow ${flow.id} runs right to left but is no loop back to a merge`,
        boxes: leftward.map(segmentBox) });
    }
  }
  return found;
}

function lanes(model) {
  const found = [];
  if (!model.lanes.length) return found;
  const laneOf = new Map();
  for (const lane of model.lanes) {
    for (const ref of lane.flowNodeRefs) {
      if (laneOf.has(ref)) {
        found.push({ rule: 'lane', message: `${name(model, ref)} is in two lanes`, boxes: [model.byId.get(ref)] });
      }
      laneOf.set(ref, lane);
    }
  }
  const participantIds = new Set([...model.byId.values()].filter((e) => e.type === 'bpmn:Participant').map((e) => e.id));
  for (const shape of model.shapes) {
    const topLevel = participantIds.has(shape.parent) || model.byId.get(shape.parent)?.type === 'bpmn:Lane'
      || (shape.host && participantIds.has(model.byId.get(shape.host).parent));
    if (!topLevel) continue;
    const lane = laneOf.get(shape.id);
    if (!lane) {
      found.push({ rule: 'lane', message: `${name(model, shape.id)} is in no lane`, boxes: [shape] });
    } else if (!inside(shape, { x: lane.x + 30, y: lane.y, width: lane.width - 30, height: lane.height })) {
      found.push({ rule: 'lane', message: `${name(model, shape.id)} lies outside its lane ${name(model, lane.id)}`,
        boxes: [shape] });
    }
  }
  return found;
}
