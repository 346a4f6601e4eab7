/**
 * The browser build in Chromium against a real server: an image message uploads with
 * XMLHttpRequest's upload progress (fetch has none), a Node user receives it, the browser
 * downloads it back with the secret, and a cancelled upload rejects with UPLOAD_CANCELLED.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK, { type ChatMessage } from '@pigeon/sdk';
import { startServer } from '@pigeon/server';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pngBytes } from '../files/media.js';
import { until } from '../runtimes/wait.js';
import { BROWSER_BUNDLE, ensureBrowserBundle, launch } from './browser.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let srv: Server;
let dataDir: string;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  await ensureBrowserBundle();
  dataDir = mkdtempSync(join(tmpdir(), 'pigeon-web-files-'));
  srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', passwordCost: 1024 });
  const [org, app] = srv.defaultApp!.appKey.split('#');
  for (const username of ['wanda', 'nora'])
    await fetch(`${srv.httpUrl}/${org}/${app}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `pw-${username}` }),
    });
  browser = await launch();
  page = await browser.newPage();
  await page.goto(`${srv.httpUrl}/health`);
  await page.addScriptTag({ path: BROWSER_BUNDLE });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await srv?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('browser (XMLHttpRequest) uploads', () => {
  it('sends an image with upload progress; the browser downloads it back with the secret', async () => {
    const nora = new SDK.connection({
      appKey: srv.defaultApp!.appKey,
      url: srv.wsUrl,
      apiUrl: srv.httpUrl,
      platform: 'node',
      isFixedDeviceId: false,
    });
    const inbox: ChatMessage[] = [];
    nora.addEventHandler('in', { onImageMessage: (m) => void inbox.push(m) });
    await nora.open({ user: 'nora', pwd: 'pw-nora' });
    const png = await pngBytes(800, 600);
    const out = await page.evaluate(
      async ({ bytes, appKey, wsUrl, apiUrl }) => {
        const S = (globalThis as unknown as { PigeonSDK: typeof SDK }).PigeonSDK;
        const conn = new S.connection({ appKey, url: wsUrl, apiUrl });
        await conn.open({ user: 'wanda', pwd: 'pw-wanda' });
        // Easemob's way: the File chosen in an <input type="file">, as a FileObj from utils.getFileUrl.
        const input = document.createElement('input');
        input.type = 'file';
        input.id = 'pick';
        document.body.append(input);
        const dt = new DataTransfer();
        dt.items.add(new File([new Uint8Array(bytes)], 'big.png', { type: 'image/png' }));
        input.files = dt.files;
        const file = S.utils.getFileUrl('pick');
        const progress: Array<[number, number]> = [];
        const msg = S.message.create({
          type: 'img',
          chatType: 'singleChat',
          to: 'nora',
          file,
          onFileUploadProgress: (e) => void progress.push([e.loaded, e.total]),
        });
        const sent = await conn.send(msg);
        const m = sent.message as { url: string; secret: string; width: number };
        const back = await conn.downloadFile({ url: m.url, secret: m.secret });
        const cancelMsg = S.message.create({
          type: 'file',
          chatType: 'singleChat',
          to: 'nora',
          file: new Blob([new Uint8Array(4 << 20)]),
        });
        const cancelled = conn.send(cancelMsg).catch((e: { type: string }) => e.type);
        await new Promise((r) => setTimeout(r, 0));
        conn.cancelUpload(cancelMsg);
        const result = {
          picked: [file.filename, file.filetype, file.url.startsWith('blob:')],
          progress,
          width: m.width,
          platform: S.utils.getEnvInfo().platform,
          size: back.data?.byteLength,
          cancelled: await cancelled,
        };
        await conn.close();
        return result;
      },
      { bytes: [...png], appKey: srv.defaultApp!.appKey, wsUrl: srv.wsUrl, apiUrl: srv.httpUrl },
    );
    expect(out.platform).toBe('web');
    expect(out.picked).toEqual(['big.png', 'png', true]);
    expect(out.progress.length).toBeGreaterThan(0);
    const [loaded, total] = out.progress[out.progress.length - 1]!;
    expect(loaded).toBe(total);
    expect(total).toBeGreaterThanOrEqual(png.length);
    expect([out.width, out.size, out.cancelled]).toEqual([800, png.length, 'UPLOAD_CANCELLED']);
    await until(() => inbox.length === 1, 'nora got the image');
    expect(inbox[0]).toMatchObject({ width: 800, height: 600, file_length: png.length });
    await nora.close();
  });
});
