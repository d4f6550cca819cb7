// After 启动 (a start form stored), Tasklist says only 流程已启动。 for three seconds; after 完成, only that the task was
// completed. Staff need what was stored: the request's number to give the family, the receipt, the amount, what
// happens next. A start form's submit step writes that text (StartFormRecord.told), and so does a task's complete
// listener where the task made something to pass on (TaskFormRecord.told). This script waits for Tasklist's own
// submit request to succeed, asks FormResultResource for the text with the Tasklist session (only the user who
// submitted gets it) and shows it until it is closed, so the number can be read out or copied. A task that tells
// nothing answers 204 (no console error on every completion) and Tasklist's own message stays alone. Plain DOM
// (Tasklist's Content-Security-Policy: no inline script, no eval), styled by plugin.css; the server's text goes in as
// textContent.

const START_FORM = /\/process-definition\/(key\/[^/]+(\/tenant-id\/[^/]+)?|[^/]+)\/submit-form$/;
const TASK_FORM = /\/task\/([^/]+)\/(submit-form|complete)$/;

// where Tasklist's page says its APIs are (the <base> element's tasklist-api and engine-api)
function api(attribute, fallback) {
  const base = document.querySelector('base');
  return (base && base.getAttribute(attribute)) || fallback;
}

function tasklistApi() {
  return api('tasklist-api', '/camunda/api/tasklist/');
}

function engineName() {
  return (location.pathname.match(/\/app\/tasklist\/([^/]+)\//) || [])[1] || 'default';
}

// `belongsTo`: the task the notice is about (the one completed), or the one open when a start form was submitted
function show(heading, text, belongsTo) {
  clear();
  shownFor = belongsTo;
  const box = document.createElement('div');
  box.className = 'alert alert-success enrollflow-form-result';
  box.setAttribute('role', 'status');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  const title = document.createElement('strong');
  title.textContent = heading;
  const message = document.createElement('div');
  message.className = 'enrollflow-form-result-text';
  message.append(...unbroken(text));
  box.append(close, title, message);
  // beside Tasklist's own notices (plugin.css), newest first; alone when the panel is missing
  const panel = document.querySelector('.page-notifications');
  if (panel) panel.prepend(box); else document.body.append(box);
}

// A number staff read out or copy (收据 SJ-BJ-HD-2026-000123, 合同 BJ-HD-2026-00012, 电话 139 1234 5678) is never
// broken across two lines at its hyphens or spaces: each is a span that does not wrap, its characters as they came.
const NUMBER = /[A-Z0-9]+(?:-[A-Z0-9]+)+|1\d{2} \d{4} \d{4}/g;

function unbroken(text) {
  const parts = [];
  let at = 0;
  for (const match of text.matchAll(NUMBER)) {
    if (match.index > at) parts.push(document.createTextNode(text.slice(at, match.index)));
    const number = document.createElement('span');
    number.className = 'enrollflow-number';
    number.textContent = match[0];
    parts.push(number);
    at = match.index + match[0].length;
  }
  if (at < text.length) parts.push(document.createTextNode(text.slice(at)));
  return parts;
}

// An answer that comes after staff opened another task (a slow line) is not shown: it would stand over that form.
function readResult(kind, id, heading, belongsTo) {
  const url = `${tasklistApi()}plugin/enrollflow-form-result/${encodeURIComponent(engineName())}`
    + `/${kind}/${encodeURIComponent(id)}`;
  fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.status === 200 ? response.json() : null))
    .then((answer) => {
      const openTask = taskIn(location.hash);
      if (answer && typeof answer.text === 'string' && (!openTask || openTask === belongsTo)) {
        show(heading, answer.text, belongsTo);
      }
    })
    .catch(() => {});
}

// Tasklist keeps a refusal of a task's submit (提交任务表单时出错：…) on screen until it is closed: once that task's
// corrected form has been stored, it would say the opposite of the 已完成 beside it. The red notices that appear in
// answer to a refused submit are marked with the task; when that task's form is stored, their own close buttons take
// them away, as staff would. A refusal of another task, or any other red notice, stays.
function refusals() {
  return Array.from(document.querySelectorAll('.notifications .alert-danger'));
}

// a refused submit's marking not yet done, by task: the corrected form may be stored before its last pass
const pendingMarks = new Map();

function markRefusals(taskId, before) {
  const mark = () => refusals().filter((notice) => !before.includes(notice) && !notice.dataset.enrollflowTask)
    .forEach((notice) => { notice.dataset.enrollflowTask = taskId; });
  pendingMarks.set(taskId, mark);
  // Tasklist adds its notice once it has read the answer: at once, or after its next digest
  setTimeout(mark, 0);
  setTimeout(() => {
    mark();
    if (pendingMarks.get(taskId) === mark) pendingMarks.delete(taskId);
  }, 300);
}

function closeRefusals(taskId) {
  // a quick correction (within the marking's 300 ms) finds its refusal not yet marked: mark it now
  const pending = pendingMarks.get(taskId);
  if (pending) {
    pending();
    pendingMarks.delete(taskId);
  }
  refusals().filter((notice) => notice.dataset.enrollflowTask === taskId)
    .map((notice) => notice.querySelector('button.close[ng-click^="removeNotification"]'))
    .forEach((close) => close && close.click());
}

// a notice belongs to the submit it follows: gone at the next submit, and when staff turn to another task, so that
// one family's receipt never stands over the next family's form
function clear() {
  document.querySelectorAll('.enrollflow-form-result').forEach((old) => old.remove());
}

// Tasklist names the open task in its address (#/?…&task=<id>): completing one drops it, opening another names it
function taskIn(hash) {
  return (String(hash).match(/[?&]task=([^&]+)/) || [])[1] || null;
}

let shownFor = null;
window.addEventListener('hashchange', () => {
  const task = taskIn(location.hash);
  if (task && task !== shownFor) clear();
});

// Tasklist's 保存 keeps a task's form values in the browser ("camunda-form:<task id>") and, when the task is opened
// again, puts them over the task's variables: read-only ones too (客户姓名, 应收金额 …). Had one changed meanwhile, the
// form showed the old value and its submit was refused as a changed read-only field (只读字段不能修改). A draft now
// keeps only what staff can type: once it is stored, the fields that are read-only or disabled in the form on screen,
// or in the task's form, leave it (decision 662).
const DRAFT = /^camunda-form:(.+)$/;
const setItem = Storage.prototype.setItem;

function fieldsById(components, byId = {}) {
  (components || []).forEach((c) => {
    if (c && c.id && c.key) byId[c.id] = c;
    if (c && Array.isArray(c.components)) fieldsById(c.components, byId);
  });
  return byId;
}

function readOnlyKeys(taskId) {
  const url = `${api('engine-api', '/camunda/api/engine/')}engine/${encodeURIComponent(engineName())}`
    + `/task/${encodeURIComponent(taskId)}/deployed-form`;
  return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((form) => {
      const byId = fieldsById(form && form.components);
      const keys = new Set(Object.values(byId).filter((c) => c.readonly === true || c.disabled === true)
        .map((c) => c.key));
      // read-only by an expression: as the form on screen shows it now
      document.querySelectorAll('.fjs-container [readonly], .fjs-container [disabled]').forEach((element) => {
        const id = (element.id || '').replace(/^fjs-form-[^-]+-/, '');
        if (byId[id]) keys.add(byId[id].key);
      });
      return keys;
    });
}

function trimDraft(storage, key, taskId, draft) {
  readOnlyKeys(taskId).then((keys) => {
    if (!keys.size || storage.getItem(key) !== draft) return;
    const values = JSON.parse(draft);
    keys.forEach((k) => { delete values[k]; });
    setItem.call(storage, key, JSON.stringify(values));
  }).catch(() => {});
}

Storage.prototype.setItem = function setItemKeepingTypedValuesOnly(key, value) {
  setItem.call(this, key, value);
  const draft = DRAFT.exec(String(key));
  if (draft && this === window.localStorage) trimDraft(this, String(key), draft[1], String(value));
};

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function openWatchingSubmits(method, url, ...rest) {
  const path = String(url).split('?')[0];
  const post = String(method).toUpperCase() === 'POST';
  if (post && START_FORM.test(path)) {
    clear();
    const openAtSubmit = taskIn(location.hash);
    this.addEventListener('load', () => {
      if (this.status !== 200) return;
      try {
        const started = JSON.parse(this.responseText);
        if (started && typeof started.id === 'string') {
          readResult('start-result', started.id, '已提交', openAtSubmit);
        }
      } catch (e) {
        // not the engine's answer: nothing to show
      }
    });
  } else if (post && TASK_FORM.test(path)) {
    clear();
    const taskId = decodeURIComponent(path.match(TASK_FORM)[1]);
    const before = refusals();
    this.addEventListener('load', () => {
      // the completed task itself (browser Back returns to it) keeps the notice; another task removes it
      if (this.status === 200 || this.status === 204) {
        closeRefusals(taskId);
        readResult('task-result', taskId, '已完成', taskId);
      } else if (this.status >= 400) {
        markRefusals(taskId, before);
      }
    });
  }
  return open.call(this, method, url, ...rest);
};

export default [];
