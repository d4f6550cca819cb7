// After 启动 (a start form stored), Tasklist says only 流程已启动。 for three seconds. Staff need what was stored: the
// request's number to give the family, its amount, what happens next. The form's submit step writes that text
// (StartFormRecord.told); this script waits for Tasklist's own start request to succeed, asks StartResultResource
// for the text with the Tasklist session (only the starter gets it) and shows it until it is closed, so the number
// can be read out or copied. Plain DOM (Tasklist's Content-Security-Policy: no inline script, no eval), styled by
// plugin.css; the server's text goes in as textContent.

const SUBMIT_FORM = /\/process-definition\/(key\/[^/]+(\/tenant-id\/[^/]+)?|[^/]+)\/submit-form$/;

function tasklistApi() {
  const base = document.querySelector('base');
  return (base && base.getAttribute('tasklist-api')) || '/camunda/api/tasklist/';
}

function engineName() {
  return (location.pathname.match(/\/app\/tasklist\/([^/]+)\//) || [])[1] || 'default';
}

function show(text) {
  document.querySelectorAll('.enrollflow-start-result').forEach((old) => old.remove());
  const box = document.createElement('div');
  box.className = 'alert alert-success enrollflow-start-result';
  box.setAttribute('role', 'status');
  const close = document.createElement('button');
  close.type = 'button';
  close.className = 'close';
  close.setAttribute('aria-label', '关闭');
  close.textContent = '×';
  close.addEventListener('click', () => box.remove());
  const heading = document.createElement('strong');
  heading.textContent = '已提交';
  const message = document.createElement('div');
  message.className = 'enrollflow-start-result-text';
  message.textContent = text;
  box.append(close, heading, message);
  document.body.append(box);
}

function readResult(processInstanceId) {
  const url = `${tasklistApi()}plugin/enrollflow-start-result/${encodeURIComponent(engineName())}`
    + `/start-result/${encodeURIComponent(processInstanceId)}`;
  fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((response) => (response.ok ? response.json() : null))
    .then((answer) => { if (answer && typeof answer.text === 'string') show(answer.text); })
    .catch(() => {});
}

const open = XMLHttpRequest.prototype.open;
XMLHttpRequest.prototype.open = function openWatchingStarts(method, url, ...rest) {
  const path = String(url).split('?')[0];
  if (String(method).toUpperCase() === 'POST' && SUBMIT_FORM.test(path)) {
    this.addEventListener('load', () => {
      if (this.status !== 200) return;
      try {
        const started = JSON.parse(this.responseText);
        if (started && typeof started.id === 'string') readResult(started.id);
      } catch (e) {
        // not the engine's answer: nothing to show
      }
    });
  }
  return open.call(this, method, url, ...rest);
};

export default [];
