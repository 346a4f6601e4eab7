/**
 * The console and the demo together: the administrator sees a demo user's online device, forces the
 * user out (the demo says so), deactivates the user (the demo's login is refused), then activates again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { ensureBuilt, launch, shot, watchErrors } from './browser.js';

const PASSWORD = 'moderation-admin-password';

describe('moderating a demo user from the console', () => {
  let s: TestServer;
  let browser: Browser;
  let admin: Page;
  let demo: Page;
  const errors: string[][] = [];
  const row = () => admin.locator('[data-test=users-table] tr').filter({ hasText: 'erin' });

  beforeAll(async () => {
    await ensureBuilt();
    s = await startTestServer({ console: { adminPassword: PASSWORD } });
    await s.createUsers(['erin']); // password pw-erin
    browser = await launch();
    admin = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    demo = await (await browser.newContext({ locale: 'en-US', viewport: { width: 420, height: 760 } })).newPage();
    errors.push(watchErrors(admin), watchErrors(demo));
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
  });

  it('shows the online device and forces the user out', async () => {
    await demo.goto(`${s.httpUrl}/demo/`);
    await demo.fill('[data-test=demo-user]', 'erin');
    await demo.fill('[data-test=demo-password]', 'pw-erin');
    await demo.click('[data-test=demo-login]');
    await demo.locator('[data-test=demo-me]').getByText('erin').waitFor();

    await admin.goto(`${s.httpUrl}/console/`);
    await admin.fill('[data-test=login-password]', PASSWORD);
    await admin.click('[data-test=login-submit]');
    await admin.locator('[data-test=apps-table]').waitFor();
    await admin.goto(`${s.httpUrl}/console/#/apps/pigeon/demo/users`);
    await row().getByText('online').waitFor();
    await row().locator('[data-test=user-devices]').click();
    await admin.locator('[data-test=devices-table]').getByText('web', { exact: true }).waitFor();
    await shot(admin, 'console-12-devices');
    await admin.keyboard.press('Escape');

    await row().locator('[data-test=user-logout]').click();
    await demo.getByText('logged out by the administrator').waitFor();
    await shot(demo, 'demo-08-forced-out');
    await expect.poll(() => row().textContent()).toContain('offline');
  }, 60_000);

  it('deactivates the user: the demo cannot log in until activated again', async () => {
    await row().locator('[data-test=user-deactivate]').click();
    await row().getByText('deactivated').waitFor();
    await demo.click('[data-test=demo-logout]');
    await demo.fill('[data-test=demo-user]', 'erin');
    await demo.fill('[data-test=demo-password]', 'pw-erin');
    await demo.click('[data-test=demo-login]');
    await expect.poll(() => demo.locator('[data-test=demo-error]').textContent()).toMatch(/deactivated/i);
    await shot(demo, 'demo-09-deactivated');

    await row().locator('[data-test=user-activate]').click();
    await expect.poll(() => row().textContent()).not.toContain('deactivated');
    await demo.click('[data-test=demo-login]');
    await demo.locator('[data-test=demo-me]').getByText('erin').waitFor();
    expect(errors.flat()).toEqual([]);
  }, 60_000);
});
