/*
 * EnrollFlow (decision 716): a task's candidate groups and its assignee are shown, not edited — with the keyboard
 * too. user-styles.css (item 7) makes them open nothing on a click; Tasklist still gives both a place in the Tab order
 * (the groups' link, the assignee's inline field with tabindex 0), and Enter or a typed letter there opened the same
 * 管理组 dialog or assignee field that always ends in 无权操作. They leave the Tab order; the × beside the assignee
 * (give back, take over) keeps its place.
 */
import {whenPageChanges} from './page-changes.js';

const NOT_EDITED = '.meta.actors li.groups a[href], .meta.actors li.assignee > [cam-widget-inline-field]';

function leaveTabOrder() {
  for (const control of document.querySelectorAll(NOT_EDITED)) {
    if (control.getAttribute('tabindex') !== '-1') {
      control.setAttribute('tabindex', '-1');
    }
  }
}

whenPageChanges(leaveTabOrder, {attributeFilter: ['tabindex']});

export default [];
