/*
 * EnrollFlow: the engine's REST API as Cockpit's own pages call it, with the webapp's session, for the scripts of
 * config.js `customScripts` (cockpit-texts.js, change-controls.js). Imported by both under this one address, so it
 * is loaded once (Cockpit loads the scripts themselves with a `?bust=` query of its own).
 */

/** The engine's API root: `${engineApi()}/tenant`. */
function engineApi() {
  const base = document.querySelector('base');
  const api = (base && base.getAttribute('engine-api')) || '/camunda/api/engine/';
  const engine = (location.pathname.match(/\/app\/cockpit\/([^/]+)\//) || [])[1] || 'default';
  return `${api}engine/${encodeURIComponent(engine)}`;
}

export function engineRequest(path) {
  return fetch(`${engineApi()}${path}`, {credentials: 'same-origin', headers: {Accept: 'application/json'}});
}

/** The answer's JSON, or null when the engine refused or does not know the path. */
export function readJson(path) {
  return engineRequest(path).then((response) => (response.ok ? response.json() : null));
}
