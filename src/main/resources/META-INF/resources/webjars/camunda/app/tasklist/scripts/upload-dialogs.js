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
