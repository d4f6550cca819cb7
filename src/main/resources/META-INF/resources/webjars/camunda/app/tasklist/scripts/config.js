/*
 * Copyright Camunda Services GmbH and/or licensed to Camunda Services GmbH
 * under one or more contributor license agreements. See the NOTICE file
 * distributed with this work for additional information regarding copyright
 * ownership. Camunda licenses this file to you under the Apache License,
 * Version 2.0; you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

export default {
  // ---------------------------------------------------------------------------
  // EnrollFlow overrides (see docs/tasklist-locale.md). Everything below the
  // EnrollFlow block is the unchanged Camunda 7.24.0 default file.
  //
  // The header / browser title is rendered as app.vendor + " " + app.name;
  // an empty vendor falls back to "Camunda", so the brand goes into `vendor`.
  app: {
    name: 'Tasklist',
    vendor: 'EnrollFlow'
  },
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  // the first-login box says "Welcome to Camunda" and links to /camunda-welcome
  disableWelcomeMessage: true,
  // Chinese for the words the form renderer writes itself ("Select", "Search", …): scripts/form-texts-zh.js;
  // the task's campus by its name (北京海淀校区) instead of its tenant id (BJHD): scripts/tenant-names.js;
  // staff names as Chinese is written (孙强, not 孙 强): scripts/staff-names.js
  // a task that cannot be opened says why in one sentence (decision 699); a task's groups and assignee are not
  // reached with Tab either, since neither may be edited (decision 716)
  customScripts: ['scripts/form-texts-zh.js', 'scripts/tenant-names.js', 'scripts/staff-names.js', 'scripts/notices.js',
    'scripts/task-header.js'],
  // ---------------------------------------------------------------------------

  // change the app name and vendor
  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  //
  // configure the date format
  // "dateFormat": {
  //   "normal": "LLL",
  //   "long":   "LLLL"
  // },
  //
  // "locales": {
  //    "availableLocales": ["en", "de"],
  //    "fallbackLocale": "en"
  //  },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'tasklist' folder)
  //   // with a file called 'customScript.js' in it
  //   // 'my-custom-script/customScript'
  // ],
  // requireJsConfig: {
  //   // AngularJS module names
  //   ngDeps: ['ui.bootstrap'],
  //   // RequireJS configuration for a complete configuration documentation see:
  //   // http://requirejs.org/docs/api.html#config
  //   deps: ['jquery', 'custom-ui'],
  //   paths: {
  //     // if you have a folder called `custom-ui` (in the `scripts` folder)
  //     // with a file called `scripts.js` in it and defining the `custom-ui` AMD module
  //     'custom-ui': 'custom-ui/scripts'
  //   }
  // },
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false,
  // assignProcessInstanceIdToTaskComment: true,

  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
