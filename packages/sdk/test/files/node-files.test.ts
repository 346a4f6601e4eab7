/**
 * Media messages from the Node SDK against a real server: upload with progress then send, for
 * every media type; the recipient gets url, secret, size, dimensions, thumbnail and duration and
 * downloads with the secret; refusals; cancel; retry after a dropped connection; own-upload mode;
 * a file shared by two messages survives recalling one of them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SDK, { platforms, type ChatMessage, type PlatformAdapter, type UploadProgress } from '@pigeon/sdk';
import { startServer } from '@pigeon/server';
import sharp from 'sharp';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '../runtimes/wait.js';
import { mp4Bytes, pdfBytes, pngBytes, tempFile, wavBytes } from './media.js';

type Server = Awaited<ReturnType<typeof startServer>>;

let srv: Server;
let dataDir: string;
let n = 0;
const cleanups: Array<() => unknown> = [];

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'pigeon-sdk-files-'));
  srv = await startServer({ port: 0, host: '127.0.0.1', dataDir, logLevel: 'silent', passwordCost: 1024 });
});
afterAll(async () => {
  await srv?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function register(appKey: string, names: string[]): Promise<void> {
  const [org, app] = appKey.split('#');
  const a = await srv.core.apps.get(appKey);
  const tok = await fetch(`${srv.httpUrl}/${org}/${app}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ grant_type: 'client_credentials', client_id: a.clientId, client_secret: a.clientSecret }),
  }).then((r) => r.json() as Promise<{ access_token: string }>);
  const res = await fetch(`${srv.httpUrl}/${org}/${app}/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${tok.access_token}` },
    body: JSON.stringify(names.map((username) => ({ username, password: `pw-${username}` }))),
  });
  if (res.status !== 200) throw new Error(await res.text());
}

async function login(user: string, o: Record<string, unknown> = {}, appKey = srv.defaultApp!.appKey) {
  const conn = new SDK.connection({
    appKey,
    url: srv.wsUrl,
    apiUrl: srv.httpUrl,
    platform: 'node',
    isFixedDeviceId: false,
    ...o,
  });
  const inbox: ChatMessage[] = [];
  conn.addEventHandler('media', { onMessage: (ms) => void inbox.push(...ms) });
  await conn.open({ user, pwd: `pw-${user}` });
  cleanups.push(() => conn.close());
  return { conn, inbox };
}

async function pair(appKey = srv.defaultApp!.appKey) {
  const a = `fa${process.pid}x${++n}`;
  const b = `fb${process.pid}x${n}`;
  await register(appKey, [a, b]);
  return { a: await login(a, {}, appKey), b: await login(b, {}, appKey), names: [a, b] as const };
}

const progressLog = () => {
  const seen: UploadProgress[] = [];
  return { seen, onFileUploadProgress: (e: UploadProgress) => void seen.push(e) };
};

describe('Node: upload then send every media type', () => {
  it('sends img, audio, video and file; the recipient gets the metadata and downloads with the secret', async () => {
    const { a, b, names } = await pair();
    const png = await pngBytes(640, 480);
    const wav = wavBytes(2);
    const cases = [
      { type: 'img', file: tempFile(png, 'photo.png'), filename: 'photo.png', bytes: png },
      { type: 'audio', file: wav, filename: 'voice.wav', length: 2, bytes: wav },
      {
        type: 'video',
        file: { data: mp4Bytes(7), filename: 'clip.mp4' },
        length: 7,
        width: 320,
        height: 240,
        bytes: mp4Bytes(7),
      },
      { type: 'file', file: new Blob([new Uint8Array(pdfBytes())]), filename: 'doc.pdf', bytes: pdfBytes() },
    ] as const;
    for (const c of cases) {
      const p = progressLog();
      let completed: unknown;
      const { bytes, ...fields } = c;
      const msg = SDK.message.create({
        ...fields,
        chatType: 'singleChat',
        to: names[1],
        onFileUploadProgress: p.onFileUploadProgress,
        onFileUploadComplete: (r: unknown) => void (completed = r),
      } as never);
      const sent = await a.conn.send(msg);
      expect(p.seen.length, c.type).toBeGreaterThan(0);
      const last = p.seen[p.seen.length - 1]!;
      expect(last.loaded).toBe(last.total);
      expect(completed).toMatchObject({ url: expect.stringContaining('/chatfiles/'), secret: expect.any(String) });
      expect(sent.message).toMatchObject({ type: c.type, file_length: bytes.length });
      const got = await until(() => b.inbox.find((m) => m.type === c.type), `${c.type} received`);
      const media = got as ChatMessage & { url: string; secret: string; file_length: number };
      expect(media.file_length).toBe(bytes.length);
      const dl = await b.conn.downloadFile({ url: media.url, secret: media.secret });
      expect(Buffer.from(dl.data!).equals(bytes)).toBe(true);
    }
    const img = b.inbox.find((m) => m.type === 'img') as ChatMessage & {
      url: string;
      width: number;
      height: number;
      thumb: string;
      secret: string;
      filename: string;
    };
    expect([img.width, img.height, img.filename]).toEqual([640, 480, 'photo.png']);
    const thumb = await b.conn.downloadFile({ url: img.thumb, secret: img.secret });
    expect(await sharp(Buffer.from(thumb.data!)).metadata()).toMatchObject({ width: 170, height: 128 });
    expect(b.inbox.find((m) => m.type === 'audio')).toMatchObject({ length: 2, filename: 'voice.wav' });
    expect(b.inbox.find((m) => m.type === 'video')).toMatchObject({ length: 7, width: 320, height: 240 });
    expect(SDK.utils.getDownloadUrl({ url: img.url, secret: img.secret, thumbnail: true })).toBe(
      `${img.url}?share-secret=${encodeURIComponent(img.secret)}&thumbnail=true`,
    );
    const viaUrl = await fetch(SDK.utils.getDownloadUrl({ url: img.url, secret: img.secret }));
    expect(viaUrl.status).toBe(200);
  });

  it('refuses downloads without the secret and from another app; a voice claiming the wrong length is refused', async () => {
    const { a, names } = await pair();
    const up = await a.conn.uploadFile({ file: await pngBytes(20, 20), filename: 'x.png', type: 'img' });
    const other = await srv.createApp({ org: 'fother', name: `app${n}` });
    await register(other.appKey, ['mallory']);
    const m = await login('mallory', {}, other.appKey);
    await expect(a.conn.downloadFile({ url: up.url })).rejects.toMatchObject({ type: 'FILE_ACCESS_DENIED' });
    await expect(m.conn.downloadFile({ url: up.url, secret: 'nope' })).rejects.toMatchObject({
      type: 'FILE_ACCESS_DENIED',
    });
    const errors: unknown[] = [];
    const lie = SDK.message.create({
      type: 'audio',
      chatType: 'singleChat',
      to: names[1],
      file: wavBytes(2),
      filename: 'v.wav',
      length: 60,
      onFileUploadError: (e) => void errors.push(e),
    });
    await expect(a.conn.send(lie)).rejects.toMatchObject({ type: 'BAD_REQUEST', details: { path: '/duration' } });
    expect(errors).toHaveLength(1);
    const exe = SDK.message.create({
      type: 'img',
      chatType: 'singleChat',
      to: names[1],
      file: Buffer.from('MZ\x90\0stub'),
      filename: 'cat.jpg',
    });
    await expect(a.conn.send(exe)).rejects.toMatchObject({ type: 'FILE_TYPE_NOT_ALLOWED', code: 1102 });
  });

  it('cancels an upload: send() rejects with UPLOAD_CANCELLED and nothing is sent', async () => {
    const { a, b, names } = await pair();
    let canceled = 0;
    const msg = SDK.message.create({
      type: 'file',
      chatType: 'singleChat',
      to: names[1],
      file: Buffer.alloc(8 * 1024 * 1024, 5),
      filename: 'big.bin',
      onFileUploadProgress: () => void a.conn.cancelUpload(msg),
      onFileUploadCanceled: () => void canceled++,
    });
    await expect(a.conn.send(msg)).rejects.toMatchObject({ type: 'UPLOAD_CANCELLED', code: 6101 });
    expect(canceled).toBe(1);
    expect(a.conn.cancelUpload(msg)).toBe(false);
    await a.conn.send(SDK.message.create({ type: 'txt', chatType: 'singleChat', to: names[1], msg: 'after' }));
    await until(() => b.inbox.length === 1, 'the text');
    expect(b.inbox.map((m) => m.type)).toEqual(['txt']);
    const task = SDK.utils.uploadFile({
      accessToken: 'x',
      appKey: srv.defaultApp!.appKey,
      apiUrl: srv.httpUrl,
      file: Buffer.alloc(4 * 1024 * 1024),
      platform: 'node',
    });
    task.abort();
    await expect(task).rejects.toMatchObject({ type: 'UPLOAD_CANCELLED' });
  });

  it('retries an upload whose connection dropped mid-file, a bounded number of times', async () => {
    const { names } = await pair();
    const proxy = await cutFirstConnections(1, 100_000);
    cleanups.push(() => proxy.close());
    const a = await login(names[0], { apiUrl: proxy.url });
    const msg = SDK.message.create({
      type: 'file',
      chatType: 'singleChat',
      to: names[1],
      file: Buffer.alloc(300_000, 2),
      filename: 'r.bin',
    });
    const sent = await a.conn.send(msg);
    expect(sent.message).toMatchObject({ file_length: 300_000 });
    expect(proxy.cuts()).toBe(1);
    const always = await cutFirstConnections(99, 100_000);
    cleanups.push(() => always.close());
    const c = await login(names[0], { apiUrl: always.url });
    const again = SDK.message.create({
      type: 'file',
      chatType: 'singleChat',
      to: names[1],
      file: Buffer.alloc(300_000, 2),
      filename: 'r.bin',
      uploadRetries: 1,
    });
    await expect(c.conn.send(again)).rejects.toMatchObject({ type: 'NETWORK' });
    expect(always.cuts()).toBe(2); // the first attempt and one retry
  });

  it('sends an own-upload URL as it is (useOwnUploadFun)', async () => {
    const { names } = await pair();
    const uploads: unknown[] = [];
    const base = platforms.find((p) => p.name === 'node')!.create();
    const spy: PlatformAdapter = { ...base, upload: (r) => (uploads.push(r), base.upload!(r)) };
    const a = await login(names[0], { useOwnUploadFun: true, platform: spy });
    const b = await login(names[1]);
    const url = 'https://cdn.example.com/u/cat.jpg';
    await a.conn.send(
      SDK.message.create({
        type: 'img',
        chatType: 'singleChat',
        to: names[1],
        url,
        width: 10,
        height: 5,
        file: Buffer.from('ignored'),
      }),
    );
    await a.conn.send(
      SDK.message.create({
        type: 'file',
        chatType: 'singleChat',
        to: names[1],
        body: { url, filename: 'x.pdf', type: 'file' },
      }),
    );
    await until(() => b.inbox.length === 2, 'own-upload messages');
    const got = b.inbox;
    expect(got[0]).toMatchObject({ type: 'img', url, width: 10, height: 5 });
    expect(got[1]).toMatchObject({ type: 'file', url, filename: 'x.pdf' });
    expect(uploads).toEqual([]);
  });
});

describe('references', () => {
  it('a file two messages use survives recalling one; once none uses it, the sweep removes it', async () => {
    await srv.updateAppSettings(srv.defaultApp!.appKey, { files: { orphanGraceSeconds: 0 } });
    try {
      const { a, names } = await pair();
      const up = await a.conn.uploadFile({ file: await pngBytes(30, 30), filename: 's.png', type: 'img' });
      const send = () =>
        a.conn.send(
          SDK.message.create({ type: 'img', chatType: 'singleChat', to: names[1], url: up.url, secret: up.secret }),
        );
      const first = await send();
      const second = await send();
      const appId = (await srv.core.apps.get(srv.defaultApp!.appKey)).id;
      expect(await srv.core.repos.files.refCount(appId, up.uuid)).toBe(2);
      await a.conn.recallMessage({ mid: first.serverMsgId, to: names[1], chatType: 'singleChat' });
      await srv.core.files.sweep();
      expect((await a.conn.downloadFile({ url: up.url, secret: up.secret })).status).toBe(200);
      await a.conn.recallMessage({ mid: second.serverMsgId, to: names[1], chatType: 'singleChat' });
      await srv.core.files.sweep();
      await expect(a.conn.downloadFile({ url: up.url, secret: up.secret })).rejects.toMatchObject({
        type: 'FILE_NOT_FOUND',
      });
      const gone = SDK.message.create({
        type: 'img',
        chatType: 'singleChat',
        to: names[1],
        url: up.url,
        secret: up.secret,
      });
      await expect(a.conn.send(gone)).rejects.toMatchObject({ type: 'FILE_NOT_FOUND' });
    } finally {
      await srv.updateAppSettings(srv.defaultApp!.appKey, { files: { orphanGraceSeconds: 24 * 3600 } });
    }
  });
});

/** A TCP proxy to the server that cuts the first `cuts` connections that carry more than `afterBytes` from the client. */
async function cutFirstConnections(cuts: number, afterBytes: number) {
  let done = 0;
  const target = new URL(srv.httpUrl);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    let seen = 0;
    client.on('data', (d) => {
      const crossing = seen <= afterBytes && seen + d.length > afterBytes;
      seen += d.length;
      if (crossing && done < cuts) {
        done++;
        client.destroy();
        upstream.destroy();
      } else upstream.write(d);
    });
    upstream.on('data', (d) => client.write(d));
    for (const s of [client, upstream]) s.on('error', () => undefined);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`,
    cuts: () => done,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
