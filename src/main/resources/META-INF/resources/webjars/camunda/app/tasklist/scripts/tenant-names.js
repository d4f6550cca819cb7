/*
 * EnrollFlow (see docs/tasklist-locale.md): the campus of a task by its name. Tasklist writes a task's tenant id at
 * the top right of the task (`BJHD`, `HQCC`); staff know their campus as 北京海淀校区 or 总部呼叫中心, the tenant's
 * name. This script reads the names of the tenants the user may see once (the engine answers only those: a member
 * reads its own tenants) and writes the name in place of the id; the id stays in the tooltip.
 *
 * The id's text node is changed in place, as form-texts-zh.js does: when Tasklist shows another task, it writes the
 * new id over it and the name follows again. A tenant the user may not read keeps its id.
 */
import {whenPageChanges} from './page-changes.js';

const names = new Map();
// ids already asked for: the script loads before the user logs in, so the names are read when a task first shows an
// id they lack, once per id (a tenant the user may not read is not asked for again at every change of the page)
const asked = new Set();
let reading = false;

function engineApi() {
  const base = document.querySelector('base');
  const api = (base && base.getAttribute('engine-api')) || '/camunda/api/engine/';
  const engine = (location.pathname.match(/\/app\/tasklist\/([^/]+)\//) || [])[1] || 'default';
  return `${api}engine/${encodeURIComponent(engine)}/`;
}

function readNames() {
  reading = true;
  fetch(`${engineApi()}tenant?maxResults=500`, {credentials: 'same-origin', headers: {Accept: 'application/json'}})
    .then((response) => (response.ok ? response.json() : []))
    .then((tenants) => {
      for (const tenant of tenants) {
        if (tenant.name) {
          names.set(tenant.id, tenant.name);
        }
      }
    })
    .catch(() => {})
    .finally(() => {
      reading = false;
      showNames();
    });
}

function showNames() {
  for (const element of document.querySelectorAll('.task-card .tenant-id')) {
    for (const node of element.childNodes) {
      const id = node.nodeType === Node.TEXT_NODE ? node.data.trim() : null;
      if (id && names.has(id)) {
        node.data = node.data.replace(id, names.get(id));
      } else if (id && /^[A-Z0-9-]+$/.test(id) && !asked.has(id) && !reading) {
        asked.add(id);
        readNames();
      }
    }
  }
}

whenPageChanges(showNames);

export default [];
