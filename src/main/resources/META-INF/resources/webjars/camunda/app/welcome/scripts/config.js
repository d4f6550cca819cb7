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
    name: 'Welcome',
    vendor: 'EnrollFlow'
  },
  // Chinese browsers get zh.json: staff reach 我的资料 (profile, password) from every app's header
  locales: {
    availableLocales: ['zh', 'en'],
    fallbackLocale: 'en'
  },
  // the first-login box says "Welcome to Camunda" and links to /camunda-welcome
  disableWelcomeMessage: true,
  // the user menu's name as Chinese is written (孙强, not 孙 强): Tasklist's scripts/staff-names.js
  customScripts: ['../tasklist/scripts/staff-names.js'],
  // no 链接 box: its one default link, 文档, led staff to Camunda's English manual for developers (decision 701)
  links: [],
  // ---------------------------------------------------------------------------

  // app: {
  //   name: 'Todos',
  //   vendor: 'Company'
  // },
  // customScripts: [
  //   // If you have a folder called 'my-custom-script' (in the 'welcome' folder)
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
  // links: [
  //   {
  //     label: 'Angular.js Docs',
  //     href: 'https://code.angularjs.org/1.2.16/docs',
  //     description: 'Almost interesting'
  //   },
  //   {
  //     label: 'XKCD',
  //     href: 'http://xkcd.org',
  //     description: 'Nerdy comic'
  //   },
  //   {
  //     label: 'Slashdot',
  //     href: 'https://slashdot.org',
  //     description: 'News for nerds, stuff that matter'
  //   }
  // ],
  // csrfCookieName: 'XSRF-TOKEN',
  // disableWelcomeMessage: false
};
