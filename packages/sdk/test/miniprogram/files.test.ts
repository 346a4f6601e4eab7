/**
 * Media from every simulated mini-program runtime (its single-file build, its own uploadFile with
 * real multipart HTTP and the platform's progress callback shape) against a real server: each
 * media type uploads with progress events and reaches a Node user with its metadata; downloads
 * with the secret land in a temp file; an upload can be cancelled.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK, { type ChatMessage } from '@pigeon/sdk';
import { startServer } from '@pigeon/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { mp4Bytes, pdfBytes, pngBytes, tempFile, wavBytes } from '../files/media.js';
import { selectedPlatforms } from '../runtimes/index.js';
import { until } from '../runtimes/wait.js';
import { ensureMiniProgramBuilds, loadMiniProgram, type MiniConnection } from './harness.js';

type Server = Awaited<ReturnType<typeof startServer>>;
let srv: Server;
let dataDir: string;
let seq = 0;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  await ensureMiniProgramBuilds();
  dataDir = mkdtempSync(join(tmpdir(), 'pigeon-mp-files-'));
  srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', passwordCost: 1024 });
}, 120_000);
afterAll(async () => {
  await srv?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function users(): Promise<[string, string]> {
  const [org, app] = srv.defaultApp!.appKey.split('#');
  const names: [string, string] = [`m${process.pid}x${++seq}`, `n${process.pid}x${seq}`];
  for (const username of names) {
    const res = await fetch(`${srv.httpUrl}/${org}/${app}/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `pw-${username}` }),
    });
    if (res.status !== 200) throw new Error(await res.text());
  }
  return names;
}

const options = () => ({ appKey: srv.defaultApp!.appKey, url: srv.wsUrl, apiUrl: srv.httpUrl });

describe.each(selectedPlatforms())('%s: files', (platform) => {
  it('uploads every media type with progress, and the Node user gets them', async () => {
    const m = loadMiniProgram(platform);
    cleanups.push(() => m.runtime.destroy());
    const [me, peer] = await users();
    const node = new SDK.connection({ ...options(), platform: 'node', isFixedDeviceId: false });
    const inbox: ChatMessage[] = [];
    node.addEventHandler('in', { onMessage: (ms) => void inbox.push(...ms) });
    await node.open({ user: peer, pwd: `pw-${peer}` });
    cleanups.push(() => node.close());
    const phone: MiniConnection = new m.SDK.connection(options());
    await phone.open({ user: me, pwd: `pw-${me}` });
    cleanups.unshift(() => phone.close());

    const png = await pngBytes(300, 200);
    const media = [
      { type: 'img', file: tempFile(png, 'photo.png') },
      { type: 'audio', file: { url: tempFile(wavBytes(1), 'voice.wav'), filename: 'voice.wav' }, length: 1 },
      { type: 'video', file: tempFile(mp4Bytes(3), 'clip.mp4'), length: 3, width: 640, height: 360 },
      { type: 'file', file: tempFile(pdfBytes(), 'doc.pdf') },
    ];
    for (const fields of media) {
      const progress: Array<{ loaded: number; total: number }> = [];
      const msg = m.SDK.message.create({
        ...fields,
        chatType: 'singleChat',
        to: peer,
        onFileUploadProgress: (e: { loaded: number; total: number }) => void progress.push(e),
      });
      await phone.send(msg);
      expect(progress.length, `${platform} ${fields.type} progress`).toBeGreaterThan(0);
      expect(progress[progress.length - 1]!.loaded).toBe(progress[progress.length - 1]!.total);
    }
    await until(() => inbox.length === 4, 'four media messages', 10_000);
    expect(inbox.map((x) => x.type)).toEqual(['img', 'audio', 'video', 'file']);
    expect(inbox[0]).toMatchObject({
      width: 300,
      height: 200,
      file_length: png.length,
      thumb: expect.stringContaining('thumbnail=true'),
    });
    expect(inbox[1]).toMatchObject({ length: 1 });
    expect(inbox[2]).toMatchObject({ length: 3, width: 640, height: 360 });
    const img = inbox[0] as ChatMessage & { url: string; secret: string };
    const got = await node.downloadFile({ url: img.url, secret: img.secret });
    expect(Buffer.from(got.data!).equals(png)).toBe(true);
    const onPhone = await phone.downloadFile({ url: img.url, secret: img.secret });
    expect(readFileSync(onPhone.path!).equals(png)).toBe(true);
  });

  it('cancels an upload from the platform task', async () => {
    const m = loadMiniProgram(platform);
    cleanups.push(() => m.runtime.destroy());
    const [me, peer] = await users();
    const phone: MiniConnection = new m.SDK.connection(options());
    await phone.open({ user: me, pwd: `pw-${me}` });
    cleanups.unshift(() => phone.close());
    let cancelled = 0;
    const msg = m.SDK.message.create({
      type: 'file',
      chatType: 'singleChat',
      to: peer,
      file: tempFile(Buffer.alloc(6 * 1024 * 1024, 1), 'big.bin'),
      onFileUploadProgress: () => void phone.cancelUpload(msg as { id: string }),
      onFileUploadCanceled: () => void cancelled++,
    });
    await expect(phone.send(msg)).rejects.toMatchObject({ type: 'UPLOAD_CANCELLED' });
    expect(cancelled).toBe(1);
  });
});
