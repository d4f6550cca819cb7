/*
 * EnrollFlow (decision 698): Cockpit shows the controls that change what the engine holds only to who may change it.
 *
 * Cockpit draws them for everyone who may read the page: deleting, suspending or retrying an instance, adding,
 * editing or deleting its variables, changing who holds its tasks, suspending a definition or its jobs, changing a
 * job's retries or due date, a definition's history time to live. In EnrollFlow only the administrator may change any
 * of these (identity/AccessSetup grants the managers, directors and process owners who open Cockpit nothing but
 * reading), so for them each control opened a dialog whose 确定 ended in 无权操作. The stylesheet
 * (styles/user-styles.css) hides them while the page lacks the mark `enfl-may-change`; this script asks the engine,
 * for the user logged in, whether they may update process instances (the check the engine makes for these changes)
 * and sets the mark only when they may. It asks again when another user logs in, and the mark goes at logout.
 */
import {whenPageChanges} from '../../tasklist/scripts/page-changes.js';
import {readJson} from './engine-api.js';

const MARK = 'enfl-may-change';
const USER_MENU = 'li.account > a.dropdown-toggle';
const MAY_UPDATE_INSTANCES = '/authorization/check?permissionName=UPDATE&permissionValue=4'
  + '&resourceName=ProcessInstance&resourceType=8';

let askedFor = null;

function checkUser() {
  const menu = document.querySelector(USER_MENU);
  // its text without spaces: staff-names.js joins 孙 强 to 孙强 after Cockpit writes it
  const user = menu ? menu.textContent.replace(/\s+/g, '') : null;
  if (user === askedFor) {
    return;
  }
  askedFor = user;
  document.documentElement.classList.remove(MARK);
  if (!user) {
    return;
  }
  readJson(MAY_UPDATE_INSTANCES)
    .then((answer) => {
      if (askedFor === user && answer && answer.authorized === true) {
        document.documentElement.classList.add(MARK);
      }
    })
    .catch(() => {});
}

whenPageChanges(checkUser);

export default [];
