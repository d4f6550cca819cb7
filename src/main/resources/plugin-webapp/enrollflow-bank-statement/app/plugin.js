// 银行流水对账 in Tasklist's header: finance uploads the statement their online banking exports (Excel or CSV) and
// every line that names a bank transfer waiting for them, at its amount, is confirmed as received — the 确认到账 tasks
// they would otherwise complete one by one. The button shows only for finance (the options request answers
// mayReconcile: false to everyone else, and the button is removed; the upload itself answers them 403). The dialog
// reports every line: confirmed, confirmed before, to check by hand (and why), not found, skipped; then the transfers
// still waiting. Plain DOM (Tasklist's Content-Security-Policy: no inline script, no eval), styled by the lead
// import's plugin.css (one look for Tasklist's upload dialogs); the server's texts go in as textContent.

// Tasklist's scripts/upload-dialogs.js, from this plugin's …/api/tasklist/plugin/<id>/static/app/plugin.js
import {
  el, fileChooser, navbarButton, pluginBase, refusalView, showModal, upload,
} from '../../../../../../app/tasklist/scripts/upload-dialogs.js';

const PLUGIN = 'enrollflow-bank-statement';

function baseOf(api) {
  return pluginBase(api, PLUGIN);
}

// ¥8,000.00 as the server's Money.yuan writes it; money out as −¥8,000.00
function yuan(amount) {
  if (amount === null || amount === undefined) return '';
  const value = Number(amount);
  const [whole, cents] = Math.abs(value).toFixed(2).split('.');
  return `${value < 0 ? '−' : ''}¥${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

function table(className, titles, rows) {
  const body = el('tbody');
  rows.forEach((cells) => body.append(el('tr', { class: cells.rowClass || '' },
    cells.map((cell) => el('td', {}, cell ?? '')))));
  return el('table', { class: `table table-condensed lead-import-rows ${className}` },
    el('thead', {}, el('tr', {}, titles.map((t) => el('th', {}, t)))), body);
}

function reportView(report) {
  const view = el('div', { class: 'lead-import-report bank-statement-report', role: 'status' });
  view.append(el('p', { class: 'lead-import-summary' },
    `“${report.fileName}”共 ${report.lines} 行：确认到账 ${report.confirmed} 笔，此前已确认 ${report.confirmedBefore} 笔，`
    + `需人工核对 ${report.needsAttention} 笔，未找到对应转账 ${report.notFound} 笔，跳过 ${report.skipped} 行。`));
  const lines = report.results || [];
  if (lines.length) {
    view.append(table('bank-statement-lines', ['行号', '结果', '收入金额', '流水号', '付款人', '说明'],
      lines.map((l) => Object.assign([String(l.row), l.statusLabel, yuan(l.amount), l.reference, l.payer, l.message],
        { rowClass: l.status === 'NEEDS_ATTENTION' || l.status === 'INVALID' ? 'lead-import-rejected' : '' }))));
  }
  const pending = report.stillPending || [];
  view.append(el('p', { class: 'bank-statement-pending-title' }, pending.length
    ? `仍待确认的银行转账 ${pending.length} 笔（本流水中没有对应的行）：`
    : '本人负责校区的银行转账已全部确认。'));
  if (pending.length) {
    view.append(table('bank-statement-pending', ['合同', '客户', '金额', '凭证号'],
      pending.map((p) => [p.contractNo, p.customerName, yuan(p.amount), p.reference])));
  }
  view.append(el('p', {}, '需人工核对和未找到的行没有做任何更改，请在“确认到账”任务中逐笔处理；'
    + '同一文件再次上传不会重复确认。'));
  return view;
}

const REFUSAL = { nothingDone: '未确认任何款项：', failed: (status) => `核对失败（服务器返回 ${status}），未确认任何款项` };

function openDialog(api, options, opener) {
  const base = baseOf(api);
  const columns = { ...options.columns, file: '文件' };
  const file = fileChooser('bank-statement-file');
  const start = el('button', { type: 'submit', class: 'btn btn-primary' }, '核对并确认到账');
  const close = el('button', { type: 'button', class: 'btn btn-default' }, '关闭');
  const outcome = el('div', { class: 'lead-import-outcome', 'aria-live': 'polite' });
  const form = el('form', { class: 'lead-import-form', novalidate: true },
    el('p', {}, '上传网银导出的交易明细（Excel .xlsx 或 CSV），表头含收入金额（或交易金额）和交易流水号（或附言），'
      + `最多 ${options.maxRows} 行、${options.maxMegabytes} MB。流水号或附言与前台登记的凭证号相符、金额相同的收入，`
      + '确认到账并出具收据，与在“确认到账”中逐笔确认相同；金额不符或无法确定的行只列出，不做更改。'),
    el('div', { class: 'form-group' }, el('div', { class: 'lead-import-label' }, '交易明细文件'), file.input,
      file.label, file.name),
    el('div', { class: 'lead-import-buttons' }, start, close),
    outcome);
  const dialog = el('div', { class: 'lead-import-dialog bank-statement-dialog', role: 'dialog', 'aria-modal': 'true',
    'aria-labelledby': 'bank-statement-title' }, el('h3', { id: 'bank-statement-title' }, '银行流水对账'), form);
  const modal = showModal(dialog, { opener, start, close });
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    outcome.replaceChildren();
    const chosen = file.chosen();
    if (!chosen) {
      outcome.append(el('div', { class: 'alert alert-danger', role: 'alert' }, '文件：请选择网银导出的交易明细文件'));
      file.label.focus();
      return;
    }
    if (chosen.size > options.maxMegabytes * 1024 * 1024) {
      outcome.append(el('div', { class: 'alert alert-danger', role: 'alert' },
        `文件：“${chosen.name}”超过 ${options.maxMegabytes} MB，请按日期拆分后分批核对；本次未确认任何款项`));
      file.label.focus();
      return;
    }
    modal.busy(true);
    outcome.append(el('p', { class: 'lead-import-working' }, `正在核对“${chosen.name}”……请勿关闭本页。`));
    const result = await upload(`${base}/reconcile?${new URLSearchParams({ fileName: chosen.name })}`, api, chosen,
      '网络中断，无法确认核对结果：请重新上传同一文件，已确认的款项不会重复确认');
    modal.busy(false);
    outcome.replaceChildren(result.ok ? reportView(result.body) : refusalView(result, columns, REFUSAL));
    if (result.ok) file.clear();
  });
  file.label.focus();
}

export default [
  {
    id: 'enrollflow.bankStatement',
    pluginPoint: 'tasklist.navbar.action',
    priority: 45,
    render: (node, { api }) => navbarButton(node, api, PLUGIN, {
      className: 'enrollflow-bank-statement', title: '上传网银交易明细，按凭证号和金额批量确认到账',
      icon: 'glyphicon-transfer', label: '银行流水对账', allowed: (options) => options.mayReconcile,
      open: (options, button) => openDialog(api, options, button),
    }),
  },
];
