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

const language = ((navigator.languages && navigator.languages[0]) || navigator.language || '').split('-')[0];
if (language === 'zh') {
  let pending = false;
  new MutationObserver(() => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        translate();
      });
    }
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true});
}

export default [];
