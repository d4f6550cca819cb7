/*
 * EnrollFlow (decision 390): what Cockpit writes itself, past its translation files. Loaded through config.js
 * `customScripts`, which Cockpit imports after creating its AngularJS module and before starting it.
 *
 * - Times: Cockpit writes every time as ISO text, "2026-12-02T09:36:08", whatever the locale (its bootstrap sets the
 *   date filter's "normal" format to YYYY-MM-DD[T]HH:mm:ss; config.js has no setting for it). Managers read
 *   "2026-12-02 09:36:08": the same figures in the same order, without the T. This config block is registered after
 *   Cockpit's own, so its format wins. Times stay in the browser's time zone, as the page's footer says.
 * - "Actions": the variables table (an instance's 变量 tab) writes that column heading in its template, not through a
 *   label; for the browsers that get the Chinese Cockpit (first preferred language zh, as Cockpit chooses its locale)
 *   it reads 操作, as the 批量操作 page's column does. The text node is changed in place.
 * - Campuses by name (decision 561): the information panels of a process instance, definition or deployment write
 *   the tenant id (BJHD); managers know the campus as 北京海淀校区. The names of the tenants the user may read are read
 *   once an id without a name shows, and the panel then reads 北京海淀校区（BJHD）, in any language.
 * - Staff by name (decision 570): an instance's 人工任务 tab writes who holds each task as its login (zhangli) in its
 *   in-place editor. Each login shown is read once from the user's profile, and the cell then reads 张丽（zhangli）,
 *   as the application's own texts name staff (decision 563). Editing still starts from the login, which the engine
 *   takes: the text is changed, not the editor's value.
 */
window.angular.module('cam.cockpit').config(['camDateFormatProvider', (dateFormats) => {
  dateFormats.setDateFormat('YYYY-MM-DD HH:mm:ss', 'normal');
}]);

function translate() {
  for (const heading of document.querySelectorAll('thead td.actions, thead th.actions')) {
    for (const node of heading.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && node.data.trim() === 'Actions') {
        node.data = node.data.replace('Actions', '操作');
      }
    }
  }
}

const tenantNames = new Map();
const tenantsAsked = new Set();
let readingTenants = false;

/** The engine's REST API as Cockpit's own pages call it, with the session: `${engineApi()}/tenant`. */
function engineApi() {
  const base = document.querySelector('base');
  const api = (base && base.getAttribute('engine-api')) || '/camunda/api/engine/';
  const engine = (location.pathname.match(/\/app\/cockpit\/([^/]+)\//) || [])[1] || 'default';
  return `${api}engine/${encodeURIComponent(engine)}`;
}

function readJson(path) {
  return fetch(`${engineApi()}${path}`, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then((response) => (response.ok ? response.json() : null));
}

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
            const name = user ? `${user.firstName || ''}${user.lastName || ''}`.trim() : '';
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
