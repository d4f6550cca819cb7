// 导入线索 in Tasklist's header: marketing, the call centre and sales supervisors import a lead list (Excel or CSV)
// the way POST /api/leads/import does, with Tasklist's own session instead of an API password. The button shows only
// for those roles (the options request answers mayImport: false to everyone else, and the button is removed; the
// import itself answers them 403). The dialog offers the template, the channel and campaign for rows without one, and
// reports every row that did not become a new lead, with its row number and the refused field by its column title. Plain DOM (Tasklist's Content-Security-Policy: no inline
// script, no eval), styled by plugin.css; the server's texts go in as textContent.

// Tasklist's scripts/upload-dialogs.js, from this plugin's …/api/tasklist/plugin/<id>/static/app/plugin.js
import {
  el, fileChooser, navbarButton, pluginBase, refusalView, showModal, upload,
} from '../../../../../../app/tasklist/scripts/upload-dialogs.js';

const PLUGIN = 'enrollflow-lead-import';

function baseOf(api) {
  return pluginBase(api, PLUGIN);
}

const STATUS = { CREATED: '新登记', DUPLICATE: '未重复登记', REJECTED: '未导入' };

function explain(row, columns) {
  const errors = (row.errors || []).map((e) => `${columns[e.field] || e.field}：${e.message}`);
  if (errors.length) return errors.join('；');
  return row.reason || '';
}

function reportView(report, columns) {
  const view = el('div', { class: 'lead-import-report', role: 'status' });
  view.append(el('p', { class: 'lead-import-summary' },
    `“${report.fileName}”共 ${report.rows} 行：新登记 ${report.created} 条，`
    + `未重复登记 ${report.duplicates} 条，未导入 ${report.rejected} 条。`));
  const notCreated = (report.results || []).filter((row) => row.status !== 'CREATED');
  if (!notCreated.length) {
    view.append(el('p', {}, '每一行都已登记为新线索，并已按分配规则交给负责人。'));
    return view;
  }
  view.append(el('p', {}, report.rejected
    ? '未导入的行没有保存任何内容：按说明改正后，可把这些行（或整个文件）再次导入，已登记的行不会重复登记。'
    : '以下各行未重复登记：'));
  const table = el('table', { class: 'table table-condensed lead-import-rows' },
    el('thead', {}, el('tr', {}, el('th', {}, '行号'), el('th', {}, '结果'), el('th', {}, '说明'))));
  const body = el('tbody');
  notCreated.forEach((row) => {
    body.append(el('tr', { class: row.status === 'REJECTED' ? 'lead-import-rejected' : '' },
      el('td', {}, String(row.row)), el('td', {}, STATUS[row.status] || row.status),
      el('td', {}, explain(row, columns))));
  });
  table.append(body);
  view.append(table);
  return view;
}

const REFUSAL = { nothingDone: '未导入任何行：', failed: (status) => `导入失败（服务器返回 ${status}），未导入任何行` };

function openDialog(api, options, opener) {
  const base = baseOf(api);
  const columns = { ...options.columns, file: '文件', channel: '渠道', campaign: '活动', campus: '校区' };
  const file = fileChooser('lead-import-file');
  const channel = el('select', { id: 'lead-import-channel', class: 'form-control' },
    options.channels.map((c) => el('option', { value: c.code, selected: c.code === options.defaultChannel }, c.label)));
  // rows without 校区: none goes to the call centre, which distributes them, as any lead without a campus
  const campus = el('select', { id: 'lead-import-campus', class: 'form-control' },
    el('option', { value: '', selected: !options.defaultCampus }, '不指定（交呼叫中心分配）'),
    (options.campuses || []).map((c) => el('option', { value: c.code, selected: c.code === options.defaultCampus },
      c.name)));
  const campaign = el('input', { type: 'text', id: 'lead-import-campaign', class: 'form-control',
    maxlength: String(options.maxCampaignLength || 64),
    placeholder: '如：2026 秋季开学讲座（可不填）' });
  const start = el('button', { type: 'submit', class: 'btn btn-primary' }, '导入');
  const close = el('button', { type: 'button', class: 'btn btn-default' }, '关闭');
  const outcome = el('div', { class: 'lead-import-outcome', 'aria-live': 'polite' });
  const form = el('form', { class: 'lead-import-form', novalidate: true },
    el('p', {}, `上传 Excel（.xlsx）或 CSV 文件，第一行为表头，至少包含“姓名”和“电话”两列，最多 ${options.maxRows} 行、`
      + `${options.maxMegabytes} MB。每一行与逐条登记线索相同：校验、查重，再按分配规则交给负责人；同一文件再次导入不会重复登记。`),
    el('p', {}, el('a', { href: `${base}/template.xlsx`, download: '线索导入模板.xlsx', class: 'lead-import-template' },
      '下载导入模板（Excel）')),
    el('div', { class: 'form-group' }, el('div', { class: 'lead-import-label' }, '文件'), file.input, file.label,
      file.name),
    el('div', { class: 'form-group' }, el('label', { for: 'lead-import-channel' }, '未填写渠道的行，渠道为'), channel),
    el('div', { class: 'form-group' }, el('label', { for: 'lead-import-campus' }, '未填写校区的行，校区为'), campus),
    el('div', { class: 'form-group' }, el('label', { for: 'lead-import-campaign' }, '未填写活动的行，活动为'), campaign),
    el('div', { class: 'lead-import-buttons' }, start, close),
    outcome);
  const dialog = el('div', { class: 'lead-import-dialog', role: 'dialog', 'aria-modal': 'true',
    'aria-labelledby': 'lead-import-title' }, el('h3', { id: 'lead-import-title' }, '导入线索'), form);
  const modal = showModal(dialog, { opener, start, close });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const chosen = file.chosen();
    if (!chosen) {
      outcome.append(el('div', { class: 'alert alert-danger', role: 'alert' }, '文件：请选择要导入的 Excel 或 CSV 文件'));
      file.label.focus();
      return;
    }
    if (chosen.size > options.maxMegabytes * 1024 * 1024) {
      // refused here rather than after sending it: the server would cut the upload off at the limit
      outcome.append(el('div', { class: 'alert alert-danger', role: 'alert' },
        `文件：“${chosen.name}”超过 ${options.maxMegabytes} MB，请拆分后分批导入；本次未导入任何行`));
      file.label.focus();
      return;
    }
    modal.busy(true);
    outcome.append(el('p', { class: 'lead-import-working' },
      `正在导入“${chosen.name}”……行数多时需要几分钟，请勿关闭本页。`));
    const query = new URLSearchParams({ fileName: chosen.name, channel: channel.value });
    if (campaign.value.trim()) query.set('campaign', campaign.value.trim());
    if (campus.value) query.set('campus', campus.value);
    const result = await upload(`${base}/import?${query}`, api, chosen,
      '网络中断，无法确认导入结果：请重新导入同一文件，已登记的行不会重复登记');
    modal.busy(false);
    outcome.replaceChildren(result.ok ? reportView(result.body, columns) : refusalView(result, columns, REFUSAL));
    if (result.ok) file.clear();
  });
  file.label.focus();
}

export default [
  {
    id: 'enrollflow.leadImport',
    pluginPoint: 'tasklist.navbar.action',
    priority: 50,
    render: (node, { api }) => navbarButton(node, api, PLUGIN, {
      className: 'enrollflow-lead-import', title: '从 Excel 或 CSV 文件批量登记线索', icon: 'glyphicon-import',
      label: '导入线索', allowed: (options) => options.mayImport,
      open: (options, button) => openDialog(api, options, button),
    }),
  },
];
