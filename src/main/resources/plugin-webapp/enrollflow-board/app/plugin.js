// 经营看板 (business board): a Cockpit page with the sales funnel of the user's campuses. Plain DOM, no framework,
// no inline script or eval (Cockpit's Content-Security-Policy); every text from the server goes in as textContent.
// Data: BoardResource under /camunda/api/cockpit/plugin/enrollflow-board/<engine>/, with the Cockpit session.
// Figures and formulas: docs/kpis.md.

const PATH = '/business-board';
const TITLE = '经营看板';

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children) node.append(child);
  return node;
}

function svg(tag, attributes = {}) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  return node;
}

/** yyyy-MM-dd of a local date. */
function isoDate(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function select(label, name, options, allLabel) {
  const field = el('select', { class: 'form-control', name, id: `board-${name}` },
    el('option', { value: '' }, allLabel));
  for (const option of options) field.append(el('option', { value: option.code }, option.label));
  return el('div', { class: 'board-filter' }, el('label', { for: `board-${name}` }, label), field);
}

function dateInput(label, name, value) {
  const field = el('input', { class: 'form-control', type: 'date', name, id: `board-${name}` });
  field.value = value;
  return el('div', { class: 'board-filter' }, el('label', { for: `board-${name}` }, label), field);
}

function percent(rate) {
  return rate.percent === null || rate.percent === undefined ? '无数据' : `${Number(rate.percent).toFixed(1)}%`;
}

/** Horizontal bars, one per stage, the longest = the largest count. */
function chart(stages) {
  const rowHeight = 34;
  const labelWidth = 110;
  const barWidth = 460;
  const height = stages.length * rowHeight + 10;
  const max = Math.max(1, ...stages.map((s) => s.count));
  const root = svg('svg', {
    class: 'board-chart', width: labelWidth + barWidth + 70, height, role: 'img', 'aria-label': '销售漏斗图',
  });
  stages.forEach((stage, i) => {
    const y = i * rowHeight + 5;
    const label = svg('text', { x: labelWidth - 8, y: y + 20, 'text-anchor': 'end', class: 'board-chart-label' });
    label.textContent = stage.label;
    const width = Math.round((stage.count / max) * barWidth);
    const bar = svg('rect', { x: labelWidth, y, width: Math.max(width, 1), height: rowHeight - 8, class: 'board-chart-bar' });
    const title = svg('title');
    title.textContent = `${stage.label}：${stage.count}`;
    bar.append(title);
    const value = svg('text', { x: labelWidth + Math.max(width, 1) + 6, y: y + 20, class: 'board-chart-value' });
    value.textContent = String(stage.count);
    root.append(label, bar, value);
  });
  return root;
}

function stageTable(report) {
  const body = el('tbody');
  for (const stage of report.stages) {
    body.append(el('tr', {}, el('td', {}, stage.label), el('td', { class: 'board-number' }, String(stage.count))));
  }
  return el('table', { class: 'table table-bordered board-table', 'aria-label': '漏斗阶段' },
    el('thead', {}, el('tr', {}, el('th', {}, '阶段'), el('th', { class: 'board-number' }, '数量'))), body);
}

function rateTable(report) {
  const labels = Object.fromEntries(report.stages.map((s) => [s.key, s.label]));
  const body = el('tbody');
  for (const rate of report.rates) {
    const [numerator, denominator] = rate.formula.split(' / ');
    body.append(el('tr', {},
      el('td', {}, rate.label),
      el('td', {}, `${labels[numerator]} ÷ ${labels[denominator]}`),
      el('td', { class: 'board-number' }, percent(rate))));
  }
  return el('table', { class: 'table table-bordered board-table', 'aria-label': '转化率' },
    el('thead', {}, el('tr', {}, el('th', {}, '转化率'), el('th', {}, '公式'), el('th', { class: 'board-number' }, '百分比'))),
    body);
}

async function getJson(url, api) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': api.CSRFToken },
  });
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.detail || `服务器返回 ${response.status}`);
  return body;
}

async function renderBoard(node, api) {
  const base = `${api.cockpitApi}/plugin/enrollflow-board/${api.engine}`;
  const page = el('div', { class: 'board' }, el('h2', {}, TITLE));
  node.append(page);
  const message = el('p', { class: 'board-message', role: 'status' }, '加载中…');
  page.append(message);
  let options;
  try {
    options = await getJson(`${base}/options`, api);
  } catch (e) {
    message.textContent = `无法打开经营看板：${e.message}`;
    return;
  }
  const today = new Date();
  const monthAgo = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 29);
  const filters = el('form', { class: 'board-filters' },
    select('校区', 'campus', options.campuses, '我负责的全部校区'),
    select('渠道', 'channel', options.channels, '全部渠道'),
    select('产品线', 'productLine', options.productLines, '全部产品线'),
    dateInput('开始日期', 'from', isoDate(monthAgo)),
    dateInput('结束日期', 'to', isoDate(today)));
  const download = el('a', { class: 'btn btn-default board-export', download: '销售漏斗.xlsx' }, '导出 Excel');
  const heading = el('h3', { class: 'board-heading' });
  const content = el('div', { class: 'board-content' });
  page.append(filters, el('div', { class: 'board-actions' }, download), heading, content);
  message.remove();
  page.append(message);

  async function refresh() {
    const query = new URLSearchParams();
    for (const name of ['from', 'to', 'campus', 'channel', 'productLine']) {
      const value = filters.elements[name].value;
      if (value) query.set(name, value);
    }
    download.setAttribute('href', `${base}/funnel.xlsx?${query}`);
    message.textContent = '加载中…';
    try {
      const report = await getJson(`${base}/funnel?${query}`, api);
      const scope = [report.campusName || '我负责的全部校区', report.channelLabel, report.productLineLabel]
        .filter(Boolean).join(' · ');
      heading.textContent = `销售漏斗（${report.from} 至 ${report.to}，${scope}）`;
      content.replaceChildren(
        el('div', { class: 'board-chart-box' }, chart(report.stages)),
        el('div', { class: 'board-tables' }, stageTable(report), rateTable(report)));
      message.textContent = '';
    } catch (e) {
      content.replaceChildren();
      message.textContent = `查询失败：${e.message}`;
    }
  }

  filters.addEventListener('change', refresh);
  filters.addEventListener('submit', (e) => { e.preventDefault(); refresh(); });
  await refresh();
}

export default [
  {
    id: 'enrollflow-board-navigation',
    pluginPoint: 'cockpit.navigation',
    priority: 100,
    properties: {
      pagePath: `#${PATH}`,
      label: TITLE,
      checkActive: (path) => path.indexOf(`#${PATH}`) > -1,
    },
  },
  {
    id: 'enrollflow-board-route',
    pluginPoint: 'cockpit.route',
    properties: { path: PATH, label: TITLE },
    render: (node, { api }) => { renderBoard(node, api); },
  },
];
