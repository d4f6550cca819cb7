// 经营看板 (business board): a Cockpit page with the sales funnel of the user's campuses (beside the previous period,
// broken down by a dimension, each count opening the opportunities behind it and each opportunity its timeline), the
// sales process (activity, time per stage, opportunities stuck past their recycle limits), and
// below it the service levels, satisfaction, renewals, credit, ROI and targets of the same campuses and period. Plain DOM, no framework,
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

/** A change against the previous period: +12.5% / -3.0%, 无数据 when the previous count was 0. */
function change(value) {
  if (value === null || value === undefined) return '无数据';
  const n = Number(value);
  return `${n > 0 ? '+' : ''}${n.toFixed(1)}%`;
}

/** A count that opens the opportunities behind it (穿透); plain text when the user may not open them (open null). */
function drillButton(count, label, open) {
  if (!open) return String(count);
  const button = el('button', { type: 'button', class: 'btn btn-link board-drill', title: `查看${label}的商机` }, String(count));
  button.addEventListener('click', open);
  return button;
}

function stageTable(report, open) {
  const body = el('tbody');
  for (const stage of report.stages) {
    body.append(el('tr', {}, el('td', {}, stage.label),
      el('td', { class: 'board-number' }, drillButton(stage.count, stage.label, open && (() => open(stage, {})))),
      el('td', { class: 'board-number' }, String(stage.previous ?? '')),
      el('td', { class: 'board-number' }, change(stage.changePercent))));
  }
  return el('table', { class: 'table table-bordered board-table', 'aria-label': '漏斗阶段' },
    el('thead', {}, el('tr', {}, el('th', {}, '阶段'), el('th', { class: 'board-number' }, '数量'),
      el('th', { class: 'board-number' }, '上期'), el('th', { class: 'board-number' }, '变化'))), body);
}

function rateTable(report) {
  const labels = Object.fromEntries(report.stages.map((s) => [s.key, s.label]));
  const body = el('tbody');
  for (const rate of report.rates) {
    const [numerator, denominator] = rate.formula.split(' / ');
    body.append(el('tr', {},
      el('td', {}, rate.label),
      el('td', {}, `${labels[numerator]} ÷ ${labels[denominator]}`),
      el('td', { class: 'board-number' }, percent(rate)),
      el('td', { class: 'board-number' }, percent({ percent: rate.previousPercent }))));
  }
  return el('table', { class: 'table table-bordered board-table', 'aria-label': '转化率' },
    el('thead', {}, el('tr', {}, el('th', {}, '转化率'), el('th', {}, '公式'), el('th', { class: 'board-number' }, '百分比'),
      el('th', { class: 'board-number' }, '上期'))),
    body);
}

/** 收入: the orders paid in the period, their value, revenue per order against the KPI band, refunds and net. */
function revenueTable(report) {
  const r = report.revenue;
  const [low, high] = String(r.kpiBand).split('–').map(Number);
  let against = '';
  if (r.perOrder !== null && r.perOrder !== undefined) {
    const perOrder = Number(r.perOrder);
    against = perOrder < low ? '（低于' : perOrder > high ? '（高于' : '（在';
    against += `参考区间 ${r.kpiBand} 元${against === '（在' ? '内' : ''}）`;
  }
  const rows = [['成单数', String(r.orders)], ['合同金额（元）', money(r.total)],
    ['每单收入（元）', `${money(r.perOrder)}${against}`], ['课时单价（元）', money(r.perLesson)],
    ['退费（元）', money(r.refunded)], ['净收入（元）', money(r.net)]];
  return dataTable('收入', [{ title: '收入' }, { title: '金额', number: true }], rows);
}

/** The filter a breakdown line stands for: its dimension's filter set to the line's key. */
const DIMENSION_FILTERS = {
  CAMPUS: 'campus', TEAM: 'team', CONSULTANT: 'consultant', CHANNEL: 'channel', CAMPAIGN: 'campaign', PRODUCT_LINE: 'productLine',
};

/** 分组对比: a line per value, its seven counts (each opening its opportunities) and two rates. */
function breakdownTable(breakdown, open) {
  const stageKeys = breakdown.lines.length > 0 ? breakdown.lines[0].stages : [];
  const body = el('tbody');
  for (const line of breakdown.lines) {
    const narrowed = line.key === null ? null : { [DIMENSION_FILTERS[breakdown.by]]: line.key };
    const rate = (key) => percent(line.rates.find((r) => r.key === key));
    body.append(el('tr', {}, el('td', {}, line.label),
      ...line.stages.map((stage) => el('td', { class: 'board-number' }, open && narrowed && stage.count > 0
        ? drillButton(stage.count, `${line.label} · ${stage.label}`, () => open(stage, narrowed, line.label))
        : String(stage.count))),
      el('td', { class: 'board-number' }, rate('closeConversion')),
      el('td', { class: 'board-number' }, rate('closeRate'))));
  }
  if (breakdown.lines.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: '10', class: 'board-empty' }, '无数据')));
  }
  const headers = ['阶段', '总线索量', '有效信息量', '意向商机量', '同意到访量', '实际到访量', '方案规划量', '成单缴费量'];
  if (stageKeys.length > 0) stageKeys.forEach((s, i) => { headers[i + 1] = s.label; });
  headers[0] = breakdown.byLabel;
  return el('table', { class: 'table table-bordered board-table', 'aria-label': '分组对比' },
    el('thead', {}, el('tr', {}, ...headers.map((h, i) => el('th', i > 0 ? { class: 'board-number' } : {}, h)),
      el('th', { class: 'board-number' }, '成单转化率'), el('th', { class: 'board-number' }, '成单率'))), body);
}

/** The opportunities behind a count; each number opens its timeline. */
function opportunityTable(listing, openTimeline) {
  return listingTable('商机明细', ['商机编号', '客户', '校区', '销售团队', '课程顾问', '渠道', '产品线', '状态', '当前阶段',
    `${listing.stageLabel.replace(/量$/, '')}时间`], listing.opportunities, openTimeline, (o) => o.id,
  (o) => [o.customerName, o.campusName, o.teamName, o.ownerName, o.channelLabel, o.productLineLabel, o.statusLabel,
    o.stageLabel, o.reachedAt]);
}

/**
 * A listing of what stands behind a count (商机明细, 停滞商机, 续费明细, 低分问卷): the first column is the opportunity's
 * number, which opens its timeline; an empty value is an empty cell.
 */
function listingTable(label, titles, items, openTimeline, idOf, cellsOf) {
  return dataTable(label, titles.map((title) => ({ title })), items.map((item) => {
    const button = el('button', { type: 'button', class: 'btn btn-link board-drill', title: '查看商机动态' }, String(idOf(item)));
    button.addEventListener('click', () => openTimeline(idOf(item)));
    return [button, ...cellsOf(item).map((text) => text ?? '')];
  }));
}

function timelineTable(timeline) {
  const rows = timeline.events.map((e) => [e.at, e.label, e.actor, e.detail ?? '']);
  return dataTable('商机动态', [{ title: '时间' }, { title: '动态' }, { title: '操作人' }, { title: '说明' }], rows);
}

/** A number, or 无数据 for null (nothing to measure: never shown as 0). */
function figure(value, digits, suffix = '') {
  return value === null || value === undefined ? '无数据' : `${Number(value).toFixed(digits)}${suffix}`;
}

/**
 * A table of a section: columns [{title, number}], rows as arrays of texts; a table without rows says 无数据.
 * The first column names the row (校区, 角色, 教师 …), as a manager reads it.
 */
function dataTable(label, columns, rows) {
  const body = el('tbody');
  for (const row of rows) {
    body.append(el('tr', {}, ...row.map((text, i) => el('td', columns[i].number ? { class: 'board-number' } : {},
      text instanceof Node ? text : String(text)))));
  }
  if (rows.length === 0) {
    body.append(el('tr', {}, el('td', { colspan: String(columns.length), class: 'board-empty' }, '无数据')));
  }
  return el('table', { class: 'table table-bordered board-table', 'aria-label': label },
    el('thead', {}, el('tr', {}, ...columns.map((c) => el('th', c.number ? { class: 'board-number' } : {}, c.title)))),
    body);
}

const COMPLAINT_COLUMNS = [
  { title: '校区' }, { title: '投诉数', number: true }, { title: '按时响应率', number: true },
  { title: '按时解决率', number: true }, { title: '首次响应中位时长（小时）', number: true },
  { title: '首次响应平均时长（小时）', number: true }, { title: '解决中位时长（小时）', number: true },
  { title: '解决平均时长（小时）', number: true }, { title: '未结超时', number: true },
];

function complaintRow(name, f) {
  return [name, f.filed, figure(f.responseOnTimePercent, 1, '%'), figure(f.resolutionOnTimePercent, 1, '%'),
    figure(f.medianResponseHours, 1), figure(f.averageResponseHours, 1), figure(f.medianResolutionHours, 1),
    figure(f.averageResolutionHours, 1), f.openOverdue];
}

/** A count of late tasks that opens the tasks behind it (穿透). */
function lateButton(t, openLate) {
  if (!openLate || !t.count) return String(t.count);
  const button = el('button', { type: 'button', class: 'btn btn-link board-drill', title: `查看${t.campusName} · ${t.groupLabel}的超时任务` }, String(t.count));
  button.addEventListener('click', () => openLate(t));
  return button;
}

function serviceLevelTables(report, handlers = {}) {
  const campuses = report.campuses.map((r) => complaintRow(r.campusName, r.figures));
  if (report.campuses.length > 1) campuses.push(complaintRow('合计', report.total));
  const byGroup = report.handlerGroups.map((r) => complaintRow(`${r.campusName} · ${r.handlerGroupLabel}`, r.figures));
  const overdue = report.overdueTasks.map((t) => [t.campusName, t.groupLabel, lateButton(t, handlers.openLate)]);
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '投诉响应与解决（按校区）'),
      dataTable('投诉服务水平', COMPLAINT_COLUMNS, campuses)),
    el('div', { class: 'board-block' }, el('h4', {}, '投诉响应与解决（按处理角色）'),
      dataTable('投诉服务水平（按处理角色）', [{ title: '校区 · 处理角色' }, ...COMPLAINT_COLUMNS.slice(1)], byGroup)),
    el('div', { class: 'board-block' }, el('h4', {}, '超时未办任务（按校区、角色）'),
      dataTable('超时未办任务', [{ title: '校区' }, { title: '角色' }, { title: '超时未办任务', number: true }], overdue)),
  ];
}

const SCORE_COLUMNS = [
  { title: '发送问卷', number: true }, { title: '回收问卷', number: true }, { title: '回收率', number: true },
  { title: '教师平均分', number: true }, { title: '课程平均分', number: true }, { title: '服务平均分', number: true },
  { title: '低分数', number: true },
];

/** A row's figures; with {@code open} (the user may see the families), 低分数 opens the answers behind it. */
function scores(r, open, narrowed, name) {
  const low = open && r.lowScores > 0 ? drillButton(r.lowScores, `${name} · 低分问卷`, () => open(narrowed, name)) : r.lowScores;
  return [r.sent, r.answered, figure(r.responseRate, 1, '%'), figure(r.teacherAverage, 2), figure(r.courseAverage, 2),
    figure(r.serviceAverage, 2), low];
}

function satisfactionTables(report, handlers = {}) {
  const open = handlers.openLowScores;
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '按校区'),
      dataTable('满意度（校区）', [{ title: '校区' }, ...SCORE_COLUMNS],
        report.campuses.map((r) => [r.campusName, ...scores(r, open, { campus: r.campusCode }, r.campusName)]))),
    el('div', { class: 'board-block' }, el('h4', {}, '按授课教师'),
      dataTable('满意度（教师）', [{ title: '教师' }, { title: '校区' }, ...SCORE_COLUMNS],
        report.teachers.map((r) => [r.teacherName || r.teacherId, r.campusName,
          ...scores(r, open, { campus: r.campusCode, teacher: r.teacherId }, `${r.campusName} · ${r.teacherName || r.teacherId}`)]))),
  ];
}

const RENEWAL_COLUMNS = [
  { title: '应续', number: true }, { title: '已续费', number: true }, { title: '不续费', number: true },
  { title: '作废', number: true }, { title: '进行中', number: true }, { title: '续费率', number: true },
  { title: '续费金额（元）', number: true },
];

/** The states a renewal count can be opened in, in the order of RENEWAL_COLUMNS. */
const RENEWAL_STATES = [['due', '应续'], ['renewed', '已续费'], ['declined', '不续费'], ['cancelled', '作废'], ['underWay', '进行中']];

/**
 * A row's figures; with {@code open} (the user may see the families), each count opens the renewals behind it:
 * open(narrowed, name, state, label) with the row's own filter ({ campus }, { consultant } or { teacher }).
 */
function renewalFigures(f, open, narrowed, name) {
  const counts = RENEWAL_STATES.map(([state, label]) => (open && f[state] > 0
    ? drillButton(f[state], `${name} · ${label}`, () => open(narrowed, name, state, label)) : f[state]));
  return [...counts,
    f.rate === null || f.rate === undefined ? '无数据' : `${(Number(f.rate) * 100).toFixed(1)}%`,
    Number(f.renewedAmount).toFixed(2)];
}

function renewalTables(report, handlers = {}) {
  const open = handlers.openRenewals;
  const slice = (title, label, rows, total, field) => {
    const lines = rows.map((r) => [r.name, ...renewalFigures(r.figures, open, { [field]: r.key }, r.name)]);
    if (total && rows.length > 0) lines.push(['合计', ...renewalFigures(report.total, open, {}, '合计')]);
    return el('div', { class: 'board-block' }, el('h4', {}, `按${title}`),
      dataTable(label, [{ title }, ...RENEWAL_COLUMNS], lines));
  };
  return [
    slice('校区', '续费（校区）', report.byCampus, true, 'campus'),
    slice('课程顾问', '续费（课程顾问）', report.byConsultant, false, 'consultant'),
    slice('授课教师', '续费（授课教师）', report.byTeacher, false, 'teacher'),
  ];
}

const money = (value) => (value === null || value === undefined ? '无数据' : Number(value).toFixed(2));
const rateText = (rate) => (rate === null || rate === undefined ? '无数据' : `${(Number(rate) * 100).toFixed(1)}%`);

const CREDIT_COLUMNS = [
  { title: '成单数', number: true }, { title: '业绩（元）', number: true }, { title: '退费冲减（元）', number: true },
  { title: '净业绩（元）', number: true }, { title: '续费业绩（元）', number: true }, { title: '新签业绩（元）', number: true },
  { title: '单均业绩（元）', number: true },
];

function creditFigures(f) {
  return [f.orders, money(f.credited), money(f.reversed), money(f.net), money(f.renewalNet), money(f.newNet),
    money(f.perOrder)];
}

function creditTables(report) {
  const people = report.people.map((r) => [r.name || r.userId, `${r.campusName} · ${r.teamName}`, r.policies || '',
    ...creditFigures(r.figures)]);
  const teams = report.teams.map((r) => [`${r.campusName} · ${r.teamName}`, ...creditFigures(r.figures)]);
  if (report.teams.length > 0) teams.push(['合计', ...creditFigures(report.total)]);
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '按团队'),
      dataTable('业绩（团队）', [{ title: '校区 · 团队' }, ...CREDIT_COLUMNS], teams)),
    el('div', { class: 'board-block' }, el('h4', {}, '按人员'),
      dataTable('业绩（人员）', [{ title: '人员' }, { title: '校区 · 团队' }, { title: '业绩分配' }, ...CREDIT_COLUMNS], people)),
  ];
}

const QUALITY_COLUMNS = ['抽检', '已评分', '平均分', '低分', '已辅导', '辅导取消', '待评分', '待辅导']
  .map((title) => ({ title, number: true }));

function qualityFigures(f) {
  return [f.sampled, f.scored, f.average === null || f.average === undefined ? '无数据' : Number(f.average).toFixed(2),
    f.low, f.coached, f.withdrawn, f.awaitingScore, f.awaitingCoaching];
}

function qualityTables(report) {
  const campuses = report.byCampus.map((r) => [r.name, ...qualityFigures(r.figures)]);
  if (report.byCampus.length > 1) campuses.push(['合计', ...qualityFigures(report.total)]);
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '按校区'),
      dataTable('质检（校区）', [{ title: '校区' }, ...QUALITY_COLUMNS], campuses)),
    el('div', { class: 'board-block' }, el('h4', {}, '按人员'),
      dataTable('质检（人员）', [{ title: '人员' }, { title: '校区' }, ...QUALITY_COLUMNS],
        report.byStaff.map((r) => [r.name || r.key, r.campusName, ...qualityFigures(r.figures)]))),
  ];
}

const ROI_COLUMNS = [
  { title: '新线索', number: true }, { title: '成单', number: true }, { title: '转化率', number: true },
  { title: '成交额（元）', number: true }, { title: '费用（元）', number: true }, { title: '每成单费用（元）', number: true },
  { title: '投资回报率', number: true },
];

function roiFigures(f) {
  return [f.leads, f.paid, rateText(f.conversion), money(f.revenue), f.costRecorded ? money(f.cost) : '未登记',
    money(f.costPerPaid), rateText(f.roi)];
}

function campaignTables(report) {
  const campaigns = report.byCampaign.map((r) => [r.name, r.channelLabel, ...roiFigures(r.figures)]);
  if (report.unregistered.leads > 0) campaigns.push(['未登记的活动', '', ...roiFigures(report.unregistered)]);
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '按市场活动'),
      dataTable('活动 ROI', [{ title: '活动' }, { title: '渠道' }, ...ROI_COLUMNS], campaigns)),
    el('div', { class: 'board-block' }, el('h4', {}, '按渠道'),
      dataTable('渠道 ROI', [{ title: '渠道' }, ...ROI_COLUMNS], report.byChannel.map((r) => [r.name, ...roiFigures(r.figures)]))),
  ];
}

function targetTables(report) {
  const rows = report.rows.map((r) => [`${r.target.campusName} · ${r.target.teamName || '全部团队'} · ${r.target.productLineLabel}`,
    money(r.target.revenue), money(r.actualRevenue), rateText(r.achievement),
    r.target.orders === null || r.target.orders === undefined ? '未设定' : r.target.orders, r.actualOrders,
    r.openOpportunities, money(r.forecastRevenue), rateText(r.forecastAchievement),
    `${r.target.setByName} · ${r.target.setAtShown}`]);
  return [el('div', { class: 'board-block' }, el('h4', {}, `${report.period}（${report.from} 至 ${report.to}）`),
    dataTable('计划完成情况', [{ title: '校区 · 团队 · 产品线' }, { title: '目标收入（元）', number: true },
      { title: '实际收入（元）', number: true }, { title: '完成率', number: true }, { title: '目标单数', number: true },
      { title: '实际单数', number: true }, { title: '在跟商机', number: true }, { title: '预测收入（元）', number: true },
      { title: '预测完成率', number: true }, { title: '最近设定' }], rows))];
}

/** 销售过程跟踪: activity per team and consultant, time per stage, and the stuck opportunities counted. */
function salesProcessTables(report, openStuck) {
  const activity = report.activity.map((a) => [a.userId ? `　${a.name}` : a.name, a.received, a.assigned, a.returned,
    a.recycled, a.closed, a.won]);
  const times = report.stageTimes.map((t) => [t.label, t.count, t.averageShown, t.medianShown]);
  const s = report.stuck;
  const stuckRows = [['未结束商机', s.open], ['停滞商机（超过时限）', s.stuck], ['其中：超时未首次联系', s.notContacted],
    ['其中：超时无进展', s.noProgress], ['其中：免回收（锁定/VIP）', s.exempt],
    ...s.byStage.map((c) => [`停在阶段：${c.label}`, c.count]), ...s.byWaiting.map((c) => [`所在位置：${c.label}`, c.count])];
  const stuckBlock = el('div', { class: 'board-block' }, el('h4', {}, '停滞商机（当前）'),
    dataTable('停滞商机', [{ title: '分类' }, { title: '数量', number: true }], stuckRows));
  if (openStuck && s.stuck > 0) {
    const button = el('button', { type: 'button', class: 'btn btn-default board-stuck-open' }, `查看 ${s.stuck} 个停滞商机`);
    button.addEventListener('click', openStuck);
    stuckBlock.append(button);
  }
  return [
    el('div', { class: 'board-block' }, el('h4', {}, '活动量（按团队、课程顾问）'),
      dataTable('活动量', [{ title: '团队 / 课程顾问' }, { title: '接待量', number: true }, { title: '分配量', number: true },
        { title: '退回量', number: true }, { title: '回收量', number: true }, { title: '关单量', number: true },
        { title: '成单量', number: true }], activity)),
    el('div', { class: 'board-block' }, el('h4', {}, '阶段用时'),
      dataTable('阶段用时', [{ title: '阶段' }, { title: '商机数', number: true }, { title: '平均用时', number: true },
        { title: '中位用时', number: true }], times)),
    stuckBlock,
  ];
}

/** 价目表: each campus's 1:1 rates, hour packages, promotions and classes for sale on the period's last day. */
function priceListTables(report) {
  return [
    el('div', { class: 'board-block' }, el('h4', {}, `一对一课时单价（${report.on} 适用）`),
      dataTable('一对一课时单价', [{ title: '校区' }, { title: '教师级别' }, { title: '年级' }, { title: '科目' },
        { title: '每课时（元）', number: true }, { title: '生效日期' }, { title: '截止日期' }],
      report.rates.map((r) => [r.campusName, r.teacherLevelLabel, r.gradeLabel, r.subjectLabel, money(r.price),
        r.validFrom, r.validTo ?? '长期']))),
    el('div', { class: 'board-block' }, el('h4', {}, '课时包与优惠活动'),
      dataTable('课时包', [{ title: '校区' }, { title: '课时包' }, { title: '起购课时', number: true },
        { title: '折扣（%）', number: true }],
      report.packages.map((p) => [p.campusName, p.name, p.minLessons, Number(p.discountPercent).toFixed(2)])),
      dataTable('优惠活动', [{ title: '校区' }, { title: '优惠活动' }, { title: '产品线' }, { title: '优惠' },
        { title: '开始日期' }, { title: '结束日期' }],
      report.promotions.map((p) => [p.campusName, p.name, p.productLineLabel, p.offShown, p.validFrom, p.validTo]))),
    el('div', { class: 'board-block' }, el('h4', {}, '招生中的班课'),
      dataTable('班课', [{ title: '校区' }, { title: '班级' }, { title: '编号' }, { title: '年级' }, { title: '科目' },
        { title: '剩余课次', number: true }, { title: '价格（元）', number: true }, { title: '开课日期' },
        { title: '上课时间' }],
      report.classes.map((c) => [c.campusName, c.name, c.code, c.gradeLabel, c.subjectLabel, c.lessons, money(c.price),
        c.startsOn, c.schedule ?? '']))),
  ];
}

/** The stuck opportunities listed, most overdue first; each number opens its timeline. */
function familyTable(listing, openTimeline) {
  return listingTable('续费明细', ['商机编号', '续费编号', '家长', '校区', '课程顾问', '授课教师', '状态', '不续费原因', '发起时间',
    '结束时间', '续费金额（元）'], listing.renewals, openTimeline, (r) => r.opportunityId,
  (r) => [r.renewalNo, r.customerName, r.campusName, r.consultantName, r.teacherName, r.statusLabel, r.declineReason,
    r.startedAt, r.decidedAt, r.amount === null ? '' : Number(r.amount).toFixed(2)]);
}

function lowScoreTable(listing, openTimeline) {
  return listingTable('低分问卷', ['商机编号', '问卷编号', '家长', '校区', '授课教师', '调查时点', '发送时间', '回答时间', '教师评分',
    '课程评分', '服务评分', '意见'], listing.surveys, openTimeline, (r) => r.opportunityId,
  (r) => [r.surveyId, r.customerName, r.campusName, r.teacherName, r.occasionLabel, r.sentAt, r.answeredAt, r.teacherRating,
    r.courseRating, r.serviceRating, r.comment]);
}

function stuckTable(listing, openTimeline) {
  return listingTable('停滞商机明细', ['商机编号', '客户', '校区', '销售团队', '当前所在', '所处阶段', '原因', '最后进展', '时限', '已超时',
    '免回收原因'], listing.opportunities, openTimeline, (o) => o.id,
  (o) => [o.customerName, o.campusName, o.teamName, o.waitingAt, o.stageLabel, o.reasonLabel, o.since, o.limitShown,
    o.overdueShown, o.exemptReason]);
}

/** The late tasks of one campus and role; Tasklist is the webapp beside Cockpit. */
function lateTable(listing) {
  return dataTable('超时未办任务明细', ['任务', '办理人', '期限', '已超时', '商机/投诉编号', '打开'].map((title) => ({ title })),
    listing.tasks.map((t) => {
      const links = el('span', {}, el('a', { href: `../../tasklist/default/${t.tasklistPath}`, class: 'board-tasklist-link' }, '任务列表'));
      if (t.cockpitPath) links.append(' · ', el('a', { href: t.cockpitPath, class: 'board-cockpit-link' }, '流程实例'));
      return [...[t.name, t.assignee, t.due, t.overdueShown, t.businessKey].map((text) => text ?? ''), links];
    }));
}

/** The sections below the funnel: each its heading, its 导出 Excel link and its tables. */
const SECTIONS = [
  { key: 'service-levels', title: '服务水平', file: '服务水平报表.xlsx', tables: serviceLevelTables,
    shownIf: 'readsServiceLevels',
    note: '投诉按登记日期计入期间；超时未办任务为当前仍未办理且已过期限的任务。' },
  { key: 'satisfaction', title: '满意度', file: '满意度报表.xlsx', tables: satisfactionTables,
    note: '问卷按发送日期计入期间；评分 1–5 分，低分数为任一项 2 分及以下的答卷。' },
  { key: 'renewals', title: '续费', file: '续费统计.xlsx', tables: renewalTables,
    note: '应续为期间内发起的续费；续费率 = 已续费 ÷ 应续。续费不计入上方的新线索漏斗。' },
  { key: 'credit', title: '业绩', file: '业绩报表.xlsx', tables: creditTables, shownIf: 'readsCredit',
    note: '业绩按缴费日计入，退费冲减按退款日计入；净业绩 = 业绩 − 退费冲减；单均业绩对照每单 158–398 元。仅销售主管、校区校长和总部可见。' },
  { key: 'quality', title: '质检', file: '质检报表.xlsx', tables: qualityTables, shownIf: 'readsCredit',
    note: '按被检查的那一周的周一计入期间；评分 1–5 分，低分为不高于当周辅导分数线的评分；待辅导 = 低分 − 已辅导 − 辅导取消（员工离职时辅导取消）。仅销售主管、校区校长和总部可见。' },
  { key: 'campaigns', title: '活动与渠道 ROI', file: '活动与渠道ROI.xlsx', tables: campaignTables,
    note: '期间内接收的新线索；投资回报率 = (成交额 − 费用) ÷ 费用，活动费用在其日期与期间重叠时全额计入。活动及其费用由市场在 Tasklist「启动流程 → 登记市场活动」中登记。' },
  { key: 'targets', title: '计划完成情况', file: '计划完成情况.xlsx', tables: targetTables,
    note: '结束日期所在月份的目标；预测 = 实际 + 在跟商机 × 各阶段近 180 天成单率 × 平均单价。目标由校区校长在 Tasklist「启动流程 → 设定销售目标」中设定。' },
  { key: 'price-list', title: '价目表', file: '价目表.xlsx', tables: priceListTables,
    note: '结束日期当天适用的价目表。一对一课时单价由总部在 Tasklist「启动流程 → 调整课时单价」中调整，已报出的价格不变；班课由教务或校区校长在「开设班课」中开设，开课后按剩余课次折算价格（插班）。' },
];

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
    select('校区', 'campus', options.campuses, options.allCampuses),
    select('渠道', 'channel', options.channels, '全部渠道'),
    select('产品线', 'productLine', options.productLines, '全部产品线'),
    select('销售团队', 'team', options.teams, '全部团队'),
    select('课程顾问', 'consultant', options.consultants, '全部顾问'),
    select('市场活动', 'campaign', options.campaigns, '全部活动'),
    dateInput('开始日期', 'from', isoDate(monthAgo)),
    dateInput('结束日期', 'to', isoDate(today)));
  const download = el('a', { class: 'btn btn-default board-export', download: '销售漏斗.xlsx' }, '导出 Excel');
  const heading = el('h3', { class: 'board-heading' });
  const content = el('div', { class: 'board-content' });
  // 分组对比: the same funnel, a line per value of the dimension chosen
  const by = el('select', { class: 'form-control', id: 'board-by', name: 'by' },
    ...options.dimensions.map((d) => el('option', { value: d.code }, d.label)));
  by.value = 'TEAM';
  const breakdownLink = el('a', { class: 'btn btn-default board-export', download: '销售漏斗分组对比.xlsx',
    'aria-label': '分组对比：导出 Excel' }, '导出 Excel');
  const breakdownBody = el('div', { class: 'board-content' });
  const breakdownStatus = el('p', { class: 'board-message', role: 'status' });
  // 销售过程跟踪: under the funnel's filters too
  const processLink = el('a', { class: 'btn btn-default board-export', download: '销售过程.xlsx',
    'aria-label': '销售过程跟踪：导出 Excel' }, '导出 Excel');
  const processBody = el('div', { class: 'board-content' });
  const processStatus = el('p', { class: 'board-message', role: 'status' });
  // 穿透: the opportunities behind a count, and one opportunity's timeline
  const drill = el('section', { class: 'board-section board-drilldown', 'aria-label': '商机明细', hidden: '' });
  page.append(filters, el('div', { class: 'board-actions' }, download), heading, content,
    el('section', { class: 'board-section', 'aria-label': '分组对比' },
      el('h3', { class: 'board-heading' }, '分组对比'),
      el('p', { class: 'board-note' }, '与上方漏斗相同的筛选条件，按所选维度分行；点击数字查看其中的商机。课程顾问按商机当前负责人统计。'),
      el('div', { class: 'board-filters' }, el('div', { class: 'board-filter' }, el('label', { for: 'board-by' }, '分组方式'), by)),
      el('div', { class: 'board-actions' }, breakdownLink), breakdownStatus, breakdownBody),
    el('section', { class: 'board-section', 'aria-label': '销售过程跟踪' },
      el('h3', { class: 'board-heading' }, '销售过程跟踪'),
      el('p', { class: 'board-note' }, '与上方漏斗相同的筛选条件。活动量按期间内的分配记录统计（课程顾问为经手人）；阶段用时为期间内进入下一阶段的商机从上一阶段起所用的时间；停滞商机为当前超过回收时限（回收时限决策表）仍未推进的未结束商机，不受统计期间限制。'),
      el('div', { class: 'board-actions' }, processLink), processStatus, processBody),
    drill);
  // a section the caller may not read (业绩 for marketing) is left out, not shown as a failure
  const sections = SECTIONS.filter((section) => !section.shownIf || options[section.shownIf]).map((section) => {
    const link = el('a', { class: 'btn btn-default board-export', download: section.file,
      'aria-label': `${section.title}：导出 Excel` }, '导出 Excel');
    const body = el('div', { class: 'board-content' });
    const status = el('p', { class: 'board-message', role: 'status' });
    page.append(el('section', { class: 'board-section', 'aria-label': section.title },
      el('h3', { class: 'board-heading' }, section.title),
      el('p', { class: 'board-note' }, `${section.note}（按校区和日期筛选，不按渠道、产品线。）`),
      el('div', { class: 'board-actions' }, link), status, body));
    return { ...section, link, body, status };
  });
  message.remove();
  page.append(message);

  /** One section for the period and campus chosen; a failure stays in its own section. */
  async function refreshSection(section, query) {
    section.link.setAttribute('href', `${base}/${section.key}.xlsx?${query}`);
    section.status.textContent = '加载中…';
    try {
      const report = await getJson(`${base}/${section.key}?${query}`, api);
      section.body.replaceChildren(...section.tables(report, { openLate,
        openRenewals: options.opensOpportunities ? openRenewals : null,
        openLowScores: options.opensOpportunities ? openLowScores : null }));
      section.status.textContent = '';
    } catch (e) {
      section.body.replaceChildren();
      section.status.textContent = `查询失败：${e.message}`;
    }
  }

  async function refresh() {
    const period = periodQuery();
    const sectionsLoaded = Promise.all(sections.map((section) => refreshSection(section, period)));
    const query = funnelQuery();
    download.setAttribute('href', `${base}/funnel.xlsx?${query}`);
    drill.hidden = true;
    const breakdownLoaded = refreshBreakdown();
    const processLoaded = refreshProcess();
    message.textContent = '加载中…';
    try {
      const report = await getJson(`${base}/funnel?${query}`, api);
      const scope = [report.campuses, report.channelLabel, report.productLineLabel,
        report.teamName, report.consultantName, report.campaign].filter(Boolean).join(' · ');
      heading.textContent = `销售漏斗（${report.from} 至 ${report.to}，${scope}；上期 ${report.previousFrom} 至 ${report.previousTo}）`;
      content.replaceChildren(
        el('div', { class: 'board-chart-box' }, chart(report.stages)),
        el('div', { class: 'board-tables' }, stageTable(report, options.opensOpportunities ? openOpportunities : null), rateTable(report),
          revenueTable(report)));
      message.textContent = '';
    } catch (e) {
      content.replaceChildren();
      message.textContent = `查询失败：${e.message}`;
    }
    await Promise.all([sectionsLoaded, breakdownLoaded, processLoaded]);
  }

  /** The period and campus chosen: all that the sections below the funnel filter by. */
  function periodQuery() {
    const period = new URLSearchParams();
    for (const name of ['from', 'to', 'campus']) {
      const value = filters.elements[name].value;
      if (value) period.set(name, value);
    }
    return period;
  }

  /**
   * Shows a listing in the drill-down area: its title while loading, then the heading made from the answer, a note,
   * its Excel file and its table; a failure in place of the listing.
   */
  async function showDrill({ title, url, xlsx, file, heading, note, table }) {
    drill.hidden = false;
    drill.replaceChildren(el('h3', { class: 'board-heading' }, title), el('p', { class: 'board-message', role: 'status' }, '加载中…'));
    try {
      const listing = await getJson(url, api);
      drill.replaceChildren(el('h3', { class: 'board-heading' }, heading(listing)), el('p', { class: 'board-note' }, note),
        el('div', { class: 'board-actions' }, el('a', { class: 'btn btn-default board-export', download: file,
          href: xlsx, 'aria-label': `${title}：导出 Excel` }, '导出 Excel')),
        ...table(listing));
      drill.scrollIntoView({ block: 'start' });
    } catch (e) {
      drill.replaceChildren(el('h3', { class: 'board-heading' }, title), el('p', { class: 'board-message' }, `查询失败：${e.message}`));
    }
  }

  /** Shows the renewals behind a count of 续费: the period and campus chosen, the row's own filter, one state. */
  function openRenewals(narrowed, name, state, label) {
    const query = periodQuery();
    for (const [key, value] of Object.entries(narrowed)) query.set(key, value);
    query.set('status', state);
    return showDrill({
      title: '续费明细', url: `${base}/renewals/families?${query}`, xlsx: `${base}/renewals/families.xlsx?${query}`,
      file: '续费明细.xlsx',
      heading: (listing) => `续费明细：${name} · ${label}（${listing.from} 至 ${listing.to}，共 ${listing.total} 个${
        listing.total > listing.renewals.length ? `，显示最新 ${listing.renewals.length} 个` : ''}）`,
      note: '点击商机编号查看续费商机的动态和流程实例。',
      table: (listing) => [familyTable(listing, openTimeline), el('div', { class: 'board-timeline' })],
    });
  }

  /** Shows the low-score answers behind a 低分数 count: the period chosen, the row's campus and teacher. */
  function openLowScores(narrowed, name) {
    const query = periodQuery();
    for (const [key, value] of Object.entries(narrowed)) query.set(key, value);
    return showDrill({
      title: '低分问卷', url: `${base}/satisfaction/low-scores?${query}`, xlsx: `${base}/satisfaction/low-scores.xlsx?${query}`,
      file: '低分问卷.xlsx',
      heading: (listing) => `低分问卷：${name}（${listing.from} 至 ${listing.to}，共 ${listing.total} 份${
        listing.total > listing.surveys.length ? `，显示最新 ${listing.surveys.length} 份` : ''}）`,
      note: '任一项评分 2 分及以下的答卷，最新的在前；点击商机编号查看其动态和流程实例。',
      table: (listing) => [lowScoreTable(listing, openTimeline), el('div', { class: 'board-timeline' })],
    });
  }

  /** The funnel's filters as chosen, with {@code narrowed} (a breakdown line's own filter) on top. */
  function funnelQuery(narrowed = {}) {
    const query = new URLSearchParams();
    for (const name of ['from', 'to', 'campus', 'channel', 'productLine', 'team', 'consultant', 'campaign']) {
      const value = filters.elements[name].value;
      if (value) query.set(name, value);
    }
    for (const [name, value] of Object.entries(narrowed)) query.set(name, value);
    return query;
  }

  async function refreshBreakdown() {
    const query = funnelQuery();
    query.set('by', by.value);
    breakdownLink.setAttribute('href', `${base}/breakdown.xlsx?${query}`);
    breakdownStatus.textContent = '加载中…';
    try {
      const breakdown = await getJson(`${base}/breakdown?${query}`, api);
      breakdownBody.replaceChildren(breakdownTable(breakdown, options.opensOpportunities ? openOpportunities : null));
      breakdownStatus.textContent = '';
    } catch (e) {
      breakdownBody.replaceChildren();
      breakdownStatus.textContent = `查询失败：${e.message}`;
    }
  }

  async function refreshProcess() {
    const query = funnelQuery();
    processLink.setAttribute('href', `${base}/sales-process.xlsx?${query}`);
    processStatus.textContent = '加载中…';
    try {
      const report = await getJson(`${base}/sales-process?${query}`, api);
      processBody.replaceChildren(...salesProcessTables(report, options.opensOpportunities ? openStuck : null));
      processStatus.textContent = '';
    } catch (e) {
      processBody.replaceChildren();
      processStatus.textContent = `查询失败：${e.message}`;
    }
  }

  /** Shows the stuck opportunities of the funnel's filters (now, whatever the period), with their Excel file. */
  function openStuck() {
    const query = funnelQuery();
    query.delete('from');
    query.delete('to');
    return showDrill({
      title: '停滞商机明细', url: `${base}/stuck?${query}`, xlsx: `${base}/stuck.xlsx?${query}`, file: '停滞商机.xlsx',
      heading: (listing) => `停滞商机明细（共 ${listing.total} 个${
        listing.total > listing.opportunities.length ? `，显示超时最久的 ${listing.opportunities.length} 个` : ''}）`,
      note: '点击商机编号查看其动态和流程实例。',
      table: (listing) => [stuckTable(listing, openTimeline), el('div', { class: 'board-timeline' })],
    });
  }

  /** Shows the late tasks behind a count of 超时未办任务: most overdue first, each opening in Tasklist and Cockpit. */
  function openLate(t) {
    const query = new URLSearchParams({ campus: t.campusCode, group: t.candidateGroup ?? '个人任务' });
    return showDrill({
      title: '超时未办任务明细', url: `${base}/service-levels/overdue-tasks?${query}`,
      xlsx: `${base}/service-levels/overdue-tasks.xlsx?${query}`, file: '超时未办任务明细.xlsx',
      heading: (listing) => `超时未办任务明细：${listing.campusName} · ${listing.groupLabel}（当前共 ${listing.total} 个${
        listing.total > listing.tasks.length ? `，显示超时最久的 ${listing.tasks.length} 个` : ''}）`,
      note: '超时最久的在前；“任务列表”在 Tasklist 中打开任务（需有该任务的权限），“流程实例”在 Cockpit 中打开。',
      table: (listing) => [lateTable(listing)],
    });
  }

  /** Shows the opportunities behind a stage's count, under the funnel's filters and a breakdown line's own. */
  function openOpportunities(stage, narrowed, lineLabel) {
    const query = funnelQuery(narrowed);
    query.set('stage', stage.key);
    return showDrill({
      title: '商机明细', url: `${base}/opportunities?${query}`, xlsx: `${base}/opportunities.xlsx?${query}`,
      file: '商机明细.xlsx',
      heading: (listing) => `商机明细：${[lineLabel, listing.stageLabel].filter(Boolean).join(' · ')}（${listing.from} 至 ${
        listing.to}，共 ${listing.total} 个${
        listing.total > listing.opportunities.length ? `，显示最新 ${listing.opportunities.length} 个` : ''}）`,
      note: '点击商机编号查看其动态和流程实例。',
      table: (listing) => [opportunityTable(listing, openTimeline), el('div', { class: 'board-timeline' })],
    });
  }

  async function openTimeline(id) {
    const box = drill.querySelector('.board-timeline');
    box.replaceChildren(el('p', { class: 'board-message', role: 'status' }, '加载中…'));
    try {
      const timeline = await getJson(`${base}/opportunities/${encodeURIComponent(id)}`, api);
      const o = timeline.opportunity;
      const parts = [el('h4', {}, `商机 ${o.id} · ${o.customerName}（${o.campusName} · ${o.ownerName} · ${o.statusLabel} · ${o.stageLabel}）`)];
      if (timeline.cockpitPath) {
        parts.push(el('p', {}, el('a', { href: timeline.cockpitPath, class: 'board-cockpit-link' }, '在 Cockpit 中查看流程实例')));
      } else {
        parts.push(el('p', { class: 'board-note' }, '流程已结束（Cockpit 只显示运行中的流程实例）。'));
      }
      parts.push(timelineTable(timeline));
      box.replaceChildren(...parts);
    } catch (e) {
      box.replaceChildren(el('p', { class: 'board-message' }, `查询失败：${e.message}`));
    }
  }

  by.addEventListener('change', refreshBreakdown);
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
