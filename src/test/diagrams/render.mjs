// Renders a BPMN diagram with bpmn-js (the renderer Camunda Modeler uses) in headless Chromium and returns
// what a process owner sees: every shape, every label as drawn (text bounds measured in the browser), every
// flow's waypoints. Also saves a PNG of the diagram, with the defects framed in red when there are any.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const viewerScript = require.resolve('bpmn-js/dist/bpmn-viewer.production.min.js');
const css = ['bpmn-js/dist/assets/diagram-js.css', 'bpmn-js/dist/assets/bpmn-js.css']
  .map((file) => readFileSync(require.resolve(file), 'utf8'))
  .join('\n');

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function openRenderer() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
  });
  const page = await browser.newPage({ viewport: { width: 1200, height: 800 }, deviceScaleFactor: 1 });
  await page.setContent(`<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>${css}
    html, body { margin: 0; background: white; } #canvas { position: absolute; inset: 0; }</style></head>
    <body><div id="canvas"></div></body></html>`);
  await page.addScriptTag({ path: viewerScript });
  await page.evaluate(() => { window.viewer = new window.BpmnJS({ container: '#canvas' }); });
  return {
    render: (xml) => render(page, xml),
    screenshot: (file, marks) => screenshot(page, file, marks),
    close: () => browser.close(),
  };
}

async function render(page, xml) {
  return page.evaluate(async (source) => {
    const { warnings } = await window.viewer.importXML(source);
    const registry = window.viewer.get('elementRegistry');
    const boxOf = (node, dx, dy) => {
      const b = node.getBBox();
      return { x: dx + b.x, y: dy + b.y, width: b.width, height: b.height };
    };
    const elements = [];
    for (const e of registry.getAll()) {
      const bo = e.businessObject;
      if (!bo || e.type === 'bpmn:Process' || e.type === 'bpmn:Collaboration') continue;
      const gfx = registry.getGraphics(e);
      const item = { id: e.id, type: e.type, parent: e.parent && e.parent.id };
      if (e.waypoints) {
        item.kind = 'connection';
        item.waypoints = e.waypoints.map((p) => ({ x: p.x, y: p.y }));
        item.source = e.source && e.source.id;
        item.target = e.target && e.target.id;
      } else if (e.type === 'label') {
        item.kind = 'label';
        item.target = e.labelTarget.id;
        const text = gfx.querySelector('text');
        const content = text ? text.textContent.trim() : '';
        if (!content) continue;
        item.text = content;
        Object.assign(item, boxOf(text, e.x, e.y));
      } else {
        item.kind = 'shape';
        Object.assign(item, { x: e.x, y: e.y, width: e.width, height: e.height });
        item.name = bo.name || '';
        item.expanded = e.type === 'bpmn:SubProcess' && Boolean(e.di && e.di.isExpanded);
        item.host = e.host ? e.host.id : null;
        item.loop = Boolean(bo.loopCharacteristics);
        if (e.type === 'bpmn:Lane') item.flowNodeRefs = (bo.flowNodeRef || []).map((n) => n.id);
        // the icons and markers drawn inside a task (type icon, multi-instance, call activity "+")
        item.icons = [];
        const visual = gfx.querySelector('.djs-visual');
        if (['bpmn:Participant', 'bpmn:Lane'].includes(e.type)) {
          // the name is written upright in the header: its length must fit the height of the lane or pool
          const text = visual && visual.querySelector('text');
          const lines = text ? text.querySelectorAll('tspan').length : 0;
          item.headerText = text && text.textContent.trim() ? (lines > 1 ? Infinity : text.getBBox().width) : 0;
        }
        if (visual && !['bpmn:Participant', 'bpmn:Lane'].includes(e.type) && !item.expanded) {
          const outline = visual.firstElementChild;
          for (const node of visual.querySelectorAll('path, rect, circle, polygon')) {
            if (node === outline || node.closest('text')) continue;
            if (e.type.endsWith('Event') || e.type.endsWith('Gateway')) continue;
            item.icons.push(boxOf(node, e.x, e.y));
          }
          const text = visual.querySelector('text');
          if (text && text.textContent.trim() && !e.type.endsWith('Event') && !e.type.endsWith('Gateway')) {
            item.innerText = boxOf(text, e.x, e.y);
          }
        }
      }
      elements.push(item);
    }
    return { warnings: warnings.map((w) => w.message), elements };
  }, xml);
}

async function screenshot(page, file, marks = []) {
  const size = await page.evaluate((boxes) => {
    const canvas = window.viewer.get('canvas');
    canvas.zoom(1);
    const layer = canvas.getLayer('defects', 1000);
    layer.replaceChildren();
    for (const b of boxes) {
      const rect = document.createElementNS('http://www.w3.org/2000/svg', 'rect');
      for (const [k, v] of Object.entries({ x: b.x - 3, y: b.y - 3, width: b.width + 6, height: b.height + 6 })) {
        rect.setAttribute(k, v);
      }
      rect.setAttribute('style', 'fill: rgba(255,0,0,0.12); stroke: red; stroke-width: 2');
      layer.appendChild(rect);
    }
    const inner = canvas.viewbox().inner;
    return { x: inner.x, y: inner.y, width: Math.ceil(inner.width), height: Math.ceil(inner.height) };
  }, marks);
  // the bpmn.io logo sits in the bottom right corner: the extra room below keeps it off the diagram
  const margin = 20;
  const below = 60;
  await page.setViewportSize({ width: size.width + 2 * margin, height: size.height + margin + below });
  await page.evaluate(({ x, y, w, h }) => {
    window.viewer.get('canvas').viewbox({ x, y, width: w, height: h });
  }, { x: size.x - margin, y: size.y - margin, w: size.width + 2 * margin, h: size.height + margin + below });
  await page.screenshot({ path: file });
}
