// scratch: look at Cockpit as a campus director (not committed)
import { chromium } from 'playwright-core';
const BASE = process.env.BASE_URL;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 }, locale: 'zh-CN' });
await page.goto(BASE + '/camunda/app/cockpit/default/');
await page.locator('input[name="username"], #inputUsername').first().fill(process.env.U || 'zhouhua');
await page.locator('input[name="password"], #inputPassword').first().fill('demo');
await page.locator('button[type="submit"]').first().click();
await page.waitForTimeout(4000);
await page.screenshot({ path: '/tmp/shots/cockpit-dashboard.png' });
await page.goto(BASE + '/camunda/app/cockpit/default/#/processes');
await page.waitForTimeout(4000);
await page.screenshot({ path: '/tmp/shots/cockpit-processes.png', fullPage: true });
const def = process.env.DEF;
if (def) {
  await page.goto(BASE + '/camunda/app/cockpit/default/#/process-definition/' + def + '/runtime');
  await page.waitForTimeout(5000);
  await page.screenshot({ path: '/tmp/shots/cockpit-transfer.png' });
}
await browser.close();
