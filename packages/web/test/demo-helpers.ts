/** Steps the demo's Chromium tests share: the console creating the app, registering, test files. */
import type { Page } from 'playwright-core';

/** The administrator signs in, creates `org#name`, opens registration, and returns the appKey shown. */
export async function consoleCreatesApp(page: Page, base: string, password: string, org: string, name: string) {
  await page.goto(`${base}/console/`);
  await page.fill('[data-test=login-password]', password);
  await page.click('[data-test=login-submit]');
  await page.click('[data-test=create-app]');
  await page.fill('[data-test=new-org]', org);
  await page.fill('[data-test=new-name]', name);
  await page.click('[data-test=create-submit]');
  await page.click('[data-test=secret-done]');
  const appKey = (await page.locator('[data-test=app-key]').textContent()) ?? '';
  await page.click('#tab-settings');
  await page.locator('[data-test="setting-openRegistration"]').click();
  await page.locator('[data-test="setting-friendsRequired"]').click();
  await page.click('[data-test=settings-save]');
  return appKey;
}

export async function registerAndLogin(page: Page, url: string, appKey: string, user: string): Promise<void> {
  await page.goto(url);
  await page.fill('[data-test=demo-user]', user);
  await page.fill('[data-test=demo-password]', `${user}-password`);
  await page.fill('[data-test=demo-appkey]', appKey);
  await page.click('[data-test=demo-register]');
  await page.locator('[data-test=demo-info]').waitFor();
  await page.click('[data-test=demo-login]');
  await page.locator('[data-test=demo-me]').getByText(user).waitFor();
}

export const badge = (page: Page, key: string) => page.locator(`[data-test="unread-${key}"] sup`);

/** A mono 16-bit PCM WAV of `seconds` of a 440 Hz tone: a voice message the browser can play. */
export function wav(seconds: number, rate = 8000): Buffer {
  const samples = seconds * rate;
  const b = Buffer.alloc(44 + samples * 2);
  b.write('RIFF', 0);
  b.writeUInt32LE(36 + samples * 2, 4);
  b.write('WAVEfmt ', 8);
  b.writeUInt32LE(16, 16);
  b.writeUInt16LE(1, 20); // PCM
  b.writeUInt16LE(1, 22); // mono
  b.writeUInt32LE(rate, 24);
  b.writeUInt32LE(rate * 2, 28);
  b.writeUInt16LE(2, 32);
  b.writeUInt16LE(16, 34);
  b.write('data', 36);
  b.writeUInt32LE(samples * 2, 40);
  for (let i = 0; i < samples; i++)
    b.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / rate)), 44 + i * 2);
  return b;
}
