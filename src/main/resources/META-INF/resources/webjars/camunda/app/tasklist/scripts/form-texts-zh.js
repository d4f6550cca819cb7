/*
 * EnrollFlow (see docs/tasklist-locale.md): Chinese for the few words the form renderer inside Tasklist (form-js)
 * writes itself, in English whatever the locale: "Select" in an empty drop-down, "Search" in a searchable one or a
 * tag list, "No results" and "All values selected" under them, the date picker's month and weekday names
 * (flatpickr, bundled without its locales: "December", "Sun" … become 十二月, 周日 …, as flatpickr's own zh locale
 * writes them), and the messages of the form's own checks under a field ("Field is required.", "Field must have
 * maximum length of 7." … become 必填。, 最多 7 个字符。 …; the server's checks answer in Chinese already). Loaded
 * through config.js `customScripts`; only for the browsers that get the Chinese Tasklist (first preferred language
 * zh, as Tasklist chooses its locale).
 *
 * The renderer's own text nodes and attributes are changed in place, not replaced: when it renders the field again
 * with a value, it writes over them as usual.
 */
import {whenPageChanges} from './page-changes.js';

const TEXTS = new Map([
  ['Select', '请选择'],
  ['No results', '无匹配项'],
  ['All values selected', '已全部选择']
]);
const PLACEHOLDERS = new Map([['Search', '搜索']]);
const MONTHS = new Map([['January', '一月'], ['February', '二月'], ['March', '三月'], ['April', '四月'], ['May', '五月'],
  ['June', '六月'], ['July', '七月'], ['August', '八月'], ['September', '九月'], ['October', '十月'],
  ['November', '十一月'], ['December', '十二月']]);
const WEEKDAYS = new Map([['Sun', '周日'], ['Mon', '周一'], ['Tue', '周二'], ['Wed', '周三'], ['Thu', '周四'],
  ['Fri', '周五'], ['Sat', '周六']]);

/** A text node's words replaced in place when the whole (trimmed) text is one of them. */
function replaceText(element, words) {
  for (const node of element.childNodes) {
    const text = node.nodeType === Node.TEXT_NODE ? node.data.trim() : null;
    if (text && words.has(text)) {
      node.data = node.data.replace(text, words.get(text));
    }
  }
}

/** form-js's validation messages (as of Camunda 7.24), each with its Chinese. */
const CHECKS = [
  [/^Field is required\.$/, '必填。'],
  [/^Field must have minimum length of (\d+)\.$/, '至少 $1 个字符。'],
  [/^Field must have maximum length of (\d+)\.$/, '最多 $1 个字符。'],
  [/^Field must have minimum value of (.+)\.$/, '不能小于 $1。'],
  [/^Field must have maximum value of (.+)\.$/, '不能大于 $1。'],
  [/^Field must match pattern .+\.$/, '格式不正确，请按说明填写。'],
  [/^Field must be a valid email\.$/, '应为有效的电子邮箱地址。'],
  [/^Field must be a valid\s+international phone number\..*$/, '应为有效的国际电话号码（如 +8613800138000）。'],
  [/^Value is not a number\.$/, '应为数字。'],
  [/^Value is expected to be an integer\.$/, '应为整数。'],
  [/^Value is expected to have at most (\d+) decimal digits?\.$/, '最多 $1 位小数。'],
  [/^Please select a valid value, the two nearest valid values are (.+) and (.+)\.$/,
    '请填写有效的值，最接近的是 $1 和 $2。'],
  [/^Date must match pattern yyyy-MM-dd$/, '日期格式应为 年-月-日（如 2026-12-05）。'],
  [/^Date and time must both be entered\.$/, '日期和时间都需填写。']
];

function translateCheck(node) {
  const text = node.data.trim();
  for (const [pattern, chinese] of CHECKS) {
    if (pattern.test(text)) {
      node.data = text.replace(pattern, chinese);
      return;
    }
  }
}

function translate() {
  for (const element of document.querySelectorAll('.fjs-select-display, .fjs-dropdownlist-empty')) {
    replaceText(element, TEXTS);
  }
  const months = '.flatpickr-monthDropdown-month, .flatpickr-current-month .cur-month';
  for (const element of document.querySelectorAll(months)) {
    replaceText(element, MONTHS);
  }
  for (const element of document.querySelectorAll('.fjs-form-field-error')) {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      translateCheck(node);
    }
  }
  for (const element of document.querySelectorAll('.flatpickr-weekday')) {
    replaceText(element, WEEKDAYS);
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
  whenPageChanges(translate, {attributeFilter: ['placeholder']});
}

export default [];
