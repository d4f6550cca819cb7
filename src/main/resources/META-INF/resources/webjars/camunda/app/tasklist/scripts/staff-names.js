/*
 * EnrollFlow (decision 693): a staff member's name as Chinese is written. Admin takes 姓 in the first name field and
 * 名 in the last, and the webapps print a user "first last": 孙 强. This script joins a name of Chinese parts where
 * the webapps print one, so that staff read 孙强 as everywhere else in EnrollFlow (StaffNames on the server): the
 * user menu at the top right, the name on Welcome's profile, in Tasklist a task's assignee in the list and on
 * the task, and in Admin a user's page (its heading 编辑用户 李伟, the last breadcrumb and the window's title; decision
 * 700). A name with Latin letters keeps its space. The text node is changed in place, as form-texts-zh.js
 * does, each time it is written.
 *
 * Loaded by every app (Tasklist, Cockpit, Admin, Welcome: their scripts/config.js).
 */
import {whenPageChanges} from './page-changes.js';

const NAMES = ['li.account > a.dropdown-toggle', 'h4.user-profile-name', '.tasks-list .task h5.assignee',
  '.actors li.assignee .view-value span', 'li[ng-repeat$="in breadcrumbs"].active > span.text'];
const SPACED = /^(\s*)(\p{Script=Han}+) +(\p{Script=Han}+)(\s*)$/u;
/** Admin's heading of a user's page and the window's title: 编辑用户 李 伟. */
const HEADINGS = ['h3'];
const HEADED = /^(\s*(?:.* \| )?编辑用户 +)(\p{Script=Han}+) +(\p{Script=Han}+)(\s*)$/u;

function join(element, spaced) {
  for (const node of element.childNodes) {
    if (node.nodeType === Node.TEXT_NODE && spaced.test(node.data)) {
      node.data = node.data.replace(spaced, '$1$2$3$4');
    }
  }
}

function joinNames() {
  document.querySelectorAll(NAMES.join(', ')).forEach((element) => join(element, SPACED));
  document.querySelectorAll(HEADINGS.join(', ')).forEach((element) => join(element, HEADED));
  if (HEADED.test(document.title)) {
    document.title = document.title.replace(HEADED, '$1$2$3$4');
  }
}

whenPageChanges(joinNames);

export default [];
