// What Tasklist's two upload dialogs share (the plugins enrollflow-lead-import, 导入线索, and enrollflow-bank-statement,
// 银行流水对账, which import this module from Tasklist's own scripts: a plugin's static resource serves only its
// plugin.js and plugin.css): DOM built without markup, the session's CSRF token, JSON requests with Tasklist's
// session, and a modal dialog's keyboard. Plain DOM (Tasklist's Content-Security-Policy: no inline script, no eval).

export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  Object.entries(attributes).forEach(([name, value]) => {
    if (value !== undefined && value !== null && value !== false) node.setAttribute(name, value === true ? '' : value);
  });
  children.flat().forEach((child) => {
    if (child !== undefined && child !== null) node.append(child instanceof Node ? child : String(child));
  });
  return node;
}

// the session's CSRF token as it is now (it changes at each login), from the cookie Tasklist itself reads
export function csrfToken(fallback) {
  const cookie = document.cookie.split(';').map((c) => c.trim()).find((c) => c.startsWith('XSRF-TOKEN='));
  return cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : fallback;
}

/** A plugin resource of this engine: `${api.tasklistApi}/plugin/<plugin>/<engine>`. */
export function pluginBase(api, plugin) {
  return `${api.tasklistApi}/plugin/${plugin}/${encodeURIComponent(api.engine || 'default')}`;
}

export async function request(url, api, options = {}) {
  const response = await fetch(url, {
    credentials: 'same-origin',
    ...options,
    headers: { Accept: 'application/json', 'X-XSRF-TOKEN': csrfToken(api.CSRFToken), ...(options.headers || {}) },
  });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, ok: response.ok, body };
}

/**
 * A modal dialog's keys, for document.addEventListener('keydown', …, true): Tab stays within the dialog, Escape
 * calls dismiss wherever the focus is.
 */
export function modalKeys(dialog, dismiss) {
  return (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      dismiss();
    } else if (event.key === 'Tab') {
      const stops = [...dialog.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select')]
        .filter((node) => node.type !== 'file');
      const first = stops[0];
      const last = stops[stops.length - 1];
      if (!dialog.contains(document.activeElement)) {
        event.preventDefault();
        first.focus();
      } else if (event.shiftKey && document.activeElement === first) {
        event.preventDefault();
        last.focus();
      } else if (!event.shiftKey && document.activeElement === last) {
        event.preventDefault();
        first.focus();
      }
    }
  };
}

/**
 * A header button (tasklist.navbar.action) for `plugin`: hidden until the plugin's options answer, and removed
 * unless `allowed(options)` (staff without the role never see it); a click opens the dialog, `open(options, button)`.
 */
export function navbarButton(node, api, plugin, { className, title, icon, label, allowed, open }) {
  const button = el('a', { href: '', role: 'button', class: className, title },
    el('span', { class: `glyphicon ${icon}`, 'aria-hidden': 'true' }), ` ${label}`);
  button.hidden = true;
  node.append(button);
  let options = null;
  request(`${pluginBase(api, plugin)}/options`, api).then((answer) => {
    if (answer.ok && allowed(answer.body)) {
      options = answer.body;
      button.hidden = false;
    } else {
      button.remove();
    }
  }).catch(() => button.remove());
  button.addEventListener('click', (event) => {
    event.preventDefault();
    if (options) open(options, button);
  });
}

/**
 * 选择文件 and the chosen file's name (`input`, `label`, `name` to place), over the browser's own file input, which
 * speaks the browser's language (Choose File) and stays in the page for the keyboard and screen readers.
 */
export function fileChooser(id) {
  const input = el('input', { type: 'file', id, class: 'lead-import-file-input', accept: '.xlsx,.csv' });
  const name = el('span', { class: 'lead-import-file-name' }, '未选择文件');
  const label = el('label', { for: id, class: 'btn btn-default lead-import-choose' }, '选择文件');
  input.addEventListener('change', () => {
    name.textContent = input.files && input.files[0] ? input.files[0].name : '未选择文件';
  });
  return {
    input, name, label,
    chosen: () => (input.files && input.files[0]) || null,
    clear: () => {
      input.value = '';
      name.textContent = '未选择文件';
    },
  };
}

/**
 * `dialog` as a modal over the page (the backdrop Tasklist's own dialogs have): Tab stays within it, Escape and
 * `close` dismiss it unless it is busy, the focus goes back to `opener`. `busy(true)` while an upload runs disables
 * `start` and `close`.
 */
export function showModal(dialog, { opener, start, close }) {
  const backdrop = el('div', { class: 'lead-import-backdrop' }, dialog);
  let busy = false;
  const onKey = modalKeys(dialog, () => dismiss());
  const dismiss = () => {
    if (busy) return;
    document.removeEventListener('keydown', onKey, true);
    backdrop.remove();
    if (opener) opener.focus();
  };
  document.addEventListener('keydown', onKey, true);
  close.addEventListener('click', dismiss);
  document.body.append(backdrop);
  return {
    busy: (flag) => {
      busy = flag;
      start.disabled = flag;
      close.disabled = flag;
    },
  };
}

/** The file as the request's body; a broken connection answers as a refusal with `networkDetail`. */
export async function upload(url, api, file, networkDetail) {
  try {
    return await request(url, api, {
      method: 'POST', body: file, headers: { 'Content-Type': 'application/octet-stream' },
    });
  } catch (e) {
    return { status: 0, ok: false, body: { detail: networkDetail } };
  }
}

/**
 * A refused upload: each refused field by its column's title under `nothingDone` (未导入任何行：), or the server's
 * detail — the problem form's, or the engine API filters' message (a body over the upload limit: 413) — else
 * `failed(status)`.
 */
export function refusalView(result, columns, { nothingDone, failed }) {
  const box = el('div', { class: 'alert alert-danger lead-import-refusal', role: 'alert' });
  const problems = result.body.problems || [];
  if (!problems.length) {
    box.append(el('p', {}, result.body.detail || result.body.message || failed(result.status)));
    return box;
  }
  box.append(el('p', {}, nothingDone));
  problems.forEach((p) => box.append(el('p', {}, `${columns[p.field] || p.field}：${p.message}`)));
  return box;
}
