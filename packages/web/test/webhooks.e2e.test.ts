/**
 * The console's Webhooks tab in Chromium: a post event the receiver refused becomes a dead letter,
 * the tab lists it with its error, Retry delivers it once the receiver is back; webhook settings
 * appear in the settings form.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/test/helpers/server.js';
import { startReceiver, type Receiver } from '../../../test/helpers/webhook-receiver.js';
import { waitFor } from '../../../test/helpers/wait.js';
import { ensureBuilt, launch, shot, watchErrors } from './browser.js';

const PASSWORD = 'webhooks-admin-password';

describe('webhook dead letters in the console', () => {
  let s: TestServer;
  let r: Receiver;
  let browser: Browser;
  let page: Page;
  let errors: string[];

  beforeAll(async () => {
    await ensureBuilt();
    s = await startTestServer({
      console: { adminPassword: PASSWORD },
      webhooks: { pollMs: 20, backoffBaseMs: 20, backoffMaxMs: 100, timeoutMs: 2000 },
    });
    r = await startReceiver();
    r.answer = () => ({ status: 503 });
    await s.createUsers(['fay']);
    await s.updateAppSettings(s.defaultApp!.appKey, {
      webhooks: { urls: [r.url], events: ['message.sent'], maxAttempts: 1 },
    });
    browser = await launch();
    page = await (await browser.newContext({ locale: 'en-US', viewport: { width: 1280, height: 800 } })).newPage();
    errors = watchErrors(page);
  });
  afterAll(async () => {
    await browser?.close();
    await s?.close();
    await r?.close();
  });

  it('lists a dead letter and retries it', async () => {
    const sent = await s.rest('POST', '/pigeon/demo/messages/users', {
      token: await s.adminToken(),
      body: { from: 'admin', to: ['fay'], type: 'txt', body: { msg: 'welcome fay' } },
    });
    expect(sent.status).toBe(200);
    const app = await s.core.apps.get(s.defaultApp!.appKey);
    await waitFor(async () => (await s.core.webhooks.deadLetters.counts(app)).dead === 1, 'a dead letter');

    await page.goto(`${s.httpUrl}/console/`);
    await page.fill('[data-test=login-password]', PASSWORD);
    await page.click('[data-test=login-submit]');
    await page.locator('[data-test=apps-table]').waitFor();
    await page.goto(`${s.httpUrl}/console/#/apps/pigeon/demo/settings`);
    await page.locator('[data-test="setting-webhooks.urls"]').waitFor();
    expect(await page.locator('[data-test="setting-webhooks.urls"]').inputValue()).toBe(r.url);
    await page.goto(`${s.httpUrl}/console/#/apps/pigeon/demo/webhooks`);
    const table = page.locator('[data-test=dead-letters]');
    await table.getByText('HTTP 503').waitFor();
    await table.getByText('message.sent').waitFor();
    await shot(page, 'console-13-dead-letters');

    r.answer = () => ({ status: 200 });
    await page.click('[data-test=dead-retry]');
    await table.getByText('No dead letters').waitFor();
    await waitFor(() => r.of('message.sent').length === 2, 'redelivery');
    expect(r.of('message.sent')[1]!.body.data.body.text).toBe('welcome fay');
    expect(errors).toEqual([]);
  }, 60_000);
});
