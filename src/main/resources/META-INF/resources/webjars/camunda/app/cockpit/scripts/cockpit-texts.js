/*
 * EnrollFlow (decision 390): what Cockpit writes itself, past its translation files. Loaded through config.js
 * `customScripts`, which Cockpit imports after creating its AngularJS module and before starting it.
 *
 * - Times: Cockpit writes every time as ISO text, "2026-12-02T09:36:08", whatever the locale (its bootstrap sets the
 *   date filter's "normal" format to YYYY-MM-DD[T]HH:mm:ss; config.js has no setting for it). Managers read
 *   "2026-12-02 09:36:08": the same figures in the same order, without the T. This config block is registered after
 *   Cockpit's own, so its format wins. Times stay in the browser's time zone, as the page's footer says.
 * - The diagram's zoom buttons: their tooltips zoom in, zoom out and reset zoom read 放大, 缩小 and 重置缩放; the
 *   processes list's Toggle this section (its template's own English) reads 展开/收起此区域, as the dashboard's does.
 * - An instance's 异常 tab: the type column reads 作业失败 (the template writes "Failed Job") or 外部任务失败, and an
 *   incident without a message reads （没有错误信息） instead of "Message is null.".
 * - "Actions": the variables table (an instance's 变量 tab) writes that column heading in its template, not through a
 *   label; for the browsers that get the Chinese Cockpit (first preferred language zh, as Cockpit chooses its locale)
 *   it reads 操作, as the 批量操作 page's column does. The text node is changed in place.
 * - Decision tables (decision 654): a decision page draws its table with the DMN viewer, whose words are English
 *   (Hit policy: Unique, When, And, Then, Annotations, a column's type such as boolean, the column tooltips), and
 *   writes a table without a campus as "null" where a process page says 空. For the Chinese Cockpit they read
 *   命中策略：唯一, 当, 且, 则, 注释, 是/否 and 空, each policy with what it means as its tooltip; the cells, which the
 *   process owners write, stay as written. A page whose definition the role may not read says so in Chinese:
 *   无法显示决策定义：无权查看：您的角色没有此操作的权限（403）, where Cockpit wrote "decision definition" and a status number.
 * - Campuses by name (decision 561): the information panels of a process instance, definition or deployment write
 *   the tenant id (BJHD); managers know the campus as 北京海淀校区. The names of the tenants the user may read are read
 *   once an id without a name shows, and the panel then reads 北京海淀校区（BJHD）, in any language.
 * - Staff by name (decision 570): an instance's 人工任务 tab writes who holds each task as its login (zhangli) in its
 *   in-place editor. Each login shown is read once from the user's profile, and the cell then reads 张丽（zhangli）,
 *   as the application's own texts name staff (decision 563). Editing still starts from the login, which the engine
 *   takes: the text is changed, not the editor's value.
 */
import {engineRequest, readJson} from './engine-api.js';

window.angular.module('cam.cockpit').config(['camDateFormatProvider', (dateFormats) => {
  dateFormats.setDateFormat('YYYY-MM-DD HH:mm:ss', 'normal');
}]);

/**
 * English words written as an element's whole text, by the DMN viewer on the decision pages and by Cockpit's own
 * templates: the element, and its text in Chinese.
 */
const WORDS = [
  ['.hit-policy .dms-label', {'Hit policy:': '命中策略：'}],
  ['.decision-table thead .clause, .tjs-container thead .clause', {When: '当', And: '且', Then: '则'}],
  ['th.annotation.header', {Annotations: '注释'}],
  ['dd.tenant-id > .null-value', {null: '空'}],
  // the processes list's template writes its toggle's tooltip in English, past the label the dashboard translates
  ['.tooltip .tooltip-inner', {'Toggle this section': '展开/收起此区域'}],
  // an instance's 异常 tab: its template names a job's incident in English and the others by their code, and writes
  // an incident without a message (retries set to 0 by hand) in English
  ['table.incidents-tab td.type', {'Failed Job': '作业失败', failedExternalTask: '外部任务失败'}],
  ['table.incidents-tab td.message i', {'Message is null.': '（没有错误信息）'}],
];

/** Each hit policy (DMN 1.3) in Chinese, with what it means, as the viewer's tooltip says it in English. */
const HIT_POLICIES = {
  Unique: ['唯一', '规则互不重叠，只会命中一条规则'],
  First: ['首条', '规则可以重叠，按表中顺序取第一条命中的规则'],
  Priority: ['优先级', '规则可以重叠，取输出优先级最高的一条'],
  Any: ['任一', '规则可以重叠，但命中的规则输出相同'],
  Collect: ['收集', '收集所有命中规则的输出'],
  'Rule order': ['规则顺序', '按表中顺序列出所有命中规则的输出'],
  'Output order': ['输出顺序', '按输出优先级列出所有命中规则的输出'],
};
const AGGREGATIONS = {Sum: ['求和', '求和'], Min: ['最小值', '取最小值'], Max: ['最大值', '取最大值'], Count: ['计数', '计数']};

/** A column's type, as the viewer writes it under the heading when the column lists no values. */
const DMN_TYPES = {
  string: '文本', boolean: '是/否', integer: '整数', long: '整数', double: '小数', date: '日期', number: '数字',
};

/** The column headings' tooltips of the DMN viewer. */
const DMN_TITLES = [
  [/^Decision name: /, '决策名称：'], [/^Input expression: /, '输入表达式：'], [/^Input label: /, '输入：'],
  [/^Input values$/, '输入取值'], [/^Input type$/, '输入类型'], [/^Input expression$/, '输入表达式'],
  [/^Output label$/, '输出'], [/^Output values$/, '输出取值'], [/^Output type$/, '输出类型'],
  [/^Output name$/, '输出名称'],
];

/** What Cockpit's notice names in English when a page's resource cannot be shown (无法显示decision definition). */
const RESOURCES = [['decision definition', '决策定义'], ['process definition', '流程定义'], ['decision instance', '决策实例']];

/*
 * The page a link asked for. A link Cockpit cannot show sends it to the dashboard; when its refusal comes before
 * Cockpit's Chinese texts have loaded (a busy server, a slow network), the notice holds the labels' keys
 * (SERVICES_RESOURCE_RESOLVER_DISPLAY_FAILED, …_RECEIVED_STATUS) and nothing of what was refused. The script, loaded
 * before Cockpit starts, knows the link; the notice is then written from it and from the engine's own answer.
 */
let askedFor = location.hash;
window.addEventListener('hashchange', () => {
  if (!location.hash.startsWith('#/dashboard')) {
    askedFor = location.hash;
  }
});
const LINKED = {'decision-definition': '决策定义', 'process-definition': '流程定义', 'decision-instance': '决策实例',
  'process-instance': '流程实例'};
const ANSWERS = {403: '无权查看：您的角色没有此操作的权限（403）', 404: '不存在或已删除（404）'};

function rewriteUntranslatedRefusal(status, message) {
  const [, kind, id] = askedFor.match(/^#\/([a-z-]+)\/([^/?]+)/) || [];
  status.textContent = `无法显示${LINKED[kind] || '所请求的页面'}`;
  if (!message || !/^SERVICES_RESOURCE_RESOLVER_/.test(message.textContent.trim())) {
    return;
  }
  message.textContent = '';
  if (Object.hasOwn(LINKED, kind)) {
    // a decision instance is history only
    engineRequest(`/${kind === 'decision-instance' ? 'history/' : ''}${kind}/${encodeURIComponent(id)}`)
      .then((response) => {
        message.textContent = ANSWERS[response.status] || `服务器返回状态 ${response.status}`;
      })
      .catch(() => {});
  }
}

function translateRefusals() {
  for (const notice of document.querySelectorAll('.notifications .alert-danger')) {
    const status = notice.querySelector('.status');
    const message = notice.querySelector('.message');
    if (status && /^SERVICES_RESOURCE_RESOLVER_DISPLAY_FAILED/.test(status.textContent.trim())) {
      rewriteUntranslatedRefusal(status, message);
      continue;
    }
    if (status && RESOURCES.some(([english]) => status.textContent.includes(english))) {
      status.textContent = RESOURCES.reduce((text, [english, chinese]) => text.replaceAll(english, chinese),
        status.textContent);
    }
    // the engine's own answer (无权操作…) is not shown by Cockpit: only the status number
    if (message && /^服务器返回状态 403。?$/.test(message.textContent.trim())) {
      message.textContent = '无权查看：您的角色没有此操作的权限（403）';
    }
  }
}

/** The diagram's zoom buttons, whose tooltips Cockpit's template writes in English. */
const ZOOM_TITLES = {'zoom in': '放大', 'zoom out': '缩小', 'reset zoom': '重置缩放'};

function translate() {
  translateRefusals();
  for (const button of document.querySelectorAll('.navigation.zoom button[title], .navigation.reset button[title]')) {
    if (Object.hasOwn(ZOOM_TITLES, button.title)) {
      button.title = ZOOM_TITLES[button.title];
    }
  }
  for (const heading of document.querySelectorAll('thead td.actions, thead th.actions')) {
    for (const node of heading.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data.trim() === 'Actions') {
        node.data = node.data.replace('Actions', '操作');
      }
    }
  }
  for (const [selector, words] of WORDS) {
    for (const element of document.querySelectorAll(selector)) {
      const word = element.textContent.trim();
      if (Object.hasOwn(words, word)) {
        element.textContent = words[word];
      }
    }
  }
  for (const value of document.querySelectorAll('.hit-policy .hit-policy-value')) {
    // Collect with an aggregation reads "Collect (Sum)"
    const [, policy, aggregation] = value.textContent.trim().match(/^([A-Za-z ]+?)(?: \((\w+)\))?$/) || [];
    if (policy && Object.hasOwn(HIT_POLICIES, policy)) {
      const [name, meaning] = HIT_POLICIES[policy];
      const [shown, done] = AGGREGATIONS[aggregation] || [aggregation, aggregation];
      value.textContent = aggregation ? `${name}（${shown}）` : name;
      value.parentElement.title = aggregation ? `${meaning}并${done}` : meaning;
    }
  }
  for (const cell of document.querySelectorAll('.tjs-container thead [title], .decision-table thead [title], '
    + '.decision-table-name[title]')) {
    for (const [english, chinese] of DMN_TITLES) {
      if (english.test(cell.title)) {
        cell.title = cell.title.replace(english, chinese);
      }
    }
    const type = cell.textContent.trim();
    if (/^(输入|输出)类型$/.test(cell.title) && Object.hasOwn(DMN_TYPES, type)) {
      cell.textContent = DMN_TYPES[type];
    }
  }
}

const tenantNames = new Map();
const tenantsAsked = new Set();
let readingTenants = false;

function readTenantNames() {
  readingTenants = true;
  readJson('/tenant?maxResults=500')
    .then((tenants) => tenants || [])
    .then((tenants) => tenants.filter((t) => t.name).forEach((t) => tenantNames.set(t.id, t.name)))
    .catch(() => {})
    .finally(() => {
      readingTenants = false;
      showTenantNames();
    });
}

function showTenantNames() {
  for (const element of document.querySelectorAll('dd.tenant-id')) {
    for (const node of element.childNodes) {
      const id = node.nodeType === Node.TEXT_NODE ? node.data.trim() : null;
      if (id && tenantNames.has(id)) {
        node.data = node.data.replace(id, `${tenantNames.get(id)}（${id}）`);
      } else if (id && /^[A-Z0-9-]+$/.test(id) && !tenantsAsked.has(id) && !readingTenants) {
        tenantsAsked.add(id);
        readTenantNames();
      }
    }
  }
}

const staffNames = new Map();

/**
 * A staff member's whole name: 姓 (the first name field, as Admin labels it) then 名, joined without a space where
 * either side is Chinese (李 + 伟 = 李伟), with one between Latin letters (as StaffNames does on the server).
 */
function wholeName(familyName, givenName) {
  const family = (familyName || '').trim();
  const given = (givenName || '').trim();
  if (!family || !given) {
    return family + given;
  }
  return /\p{Script=Han}$/u.test(family) || /^\p{Script=Han}/u.test(given) ? family + given : `${family} ${given}`;
}

function showStaffNames() {
  for (const shown of document.querySelectorAll('td.assignee [in-place-text-field-root] > div')) {
    for (const node of shown.childNodes) {
      const id = node.nodeType === Node.TEXT_NODE ? node.data.trim() : '';
      if (!/^[A-Za-z0-9._@-]+$/.test(id)) {
        continue; // empty, or already named
      }
      if (!staffNames.has(id)) {
        staffNames.set(id, null);
        readJson(`/user/${encodeURIComponent(id)}/profile`)
          .then((user) => {
            const name = user ? wholeName(user.firstName, user.lastName) : '';
            staffNames.set(id, name || null);
            showStaffNames();
          })
          .catch(() => {});
      } else if (staffNames.get(id)) {
        node.data = node.data.replace(id, `${staffNames.get(id)}（${id}）`);
      }
    }
  }
}

const language = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0];
let pending = false;
new MutationObserver(() => {
  if (!pending) {
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      if (language === 'zh') {
        translate();
      }
      showTenantNames();
      showStaffNames();
    });
  }
}).observe(document.documentElement, {childList: true, subtree: true, characterData: true});

export default [];
