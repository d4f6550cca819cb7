/*
 * EnrollFlow (see docs/tasklist-locale.md): Chinese for the few words the form renderer inside Tasklist (form-js)
 * writes itself, in English whatever the locale: "Select" in an empty drop-down, "Search" in a searchable one or a
 * tag list, "No results" and "All values selected" under them. Loaded through config.js `customScripts`; only for
 * the browsers that get the Chinese Tasklist (first preferred language zh, as Tasklist chooses its locale).
 *
 * The renderer's own text nodes and attributes are changed in place, not replaced: when it renders the field again
 * with a value, it writes over them as usual.
 */
const TEXTS = new Map([
  ['Select', '请选择'],
  ['No results', '无匹配项'],
  ['All values selected', '已全部选择']
]);
const PLACEHOLDERS = new Map([['Search', '搜索']]);

function translate() {
  for (const element of document.querySelectorAll('.fjs-select-display, .fjs-dropdownlist-empty')) {
    for (const node of element.childNodes) {
      if (node.nodeType === Node.TEXT_NODE && TEXTS.has(node.data)) {
        node.data = TEXTS.get(node.data);
      }
    }
  }
  for (const input of document.querySelectorAll('.fjs-form input[placeholder]')) {
    const text = PLACEHOLDERS.get(input.getAttribute('placeholder'));
    if (text) {
      input.setAttribute('placeholder', text);
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
  }).observe(document.documentElement, {childList: true, subtree: true, characterData: true, attributes: true,
    attributeFilter: ['placeholder']});
}

export default [];
