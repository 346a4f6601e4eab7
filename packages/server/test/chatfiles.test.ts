/**
 * POST/GET /{org}/{app}/chatfiles against a real server: upload and download with the secret,
 * refusals, limits checked on the bytes, thumbnails, ranges, headers that keep uploads inert,
 * and nothing left on disk by a refused, truncated or aborted upload.
 */
import http from 'node:http';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { download, filesOnDisk, jpeg, png, upload } from './helpers/files.js';
import { startTestServer, type TestServer } from './helpers/server.js';
import { until } from './helpers/wait.js';

let srv: TestServer;
let alice: string;
let bob: string;
const APP = () => srv.defaultApp!.appKey.replace('#', '/');

beforeAll(async () => {
  srv = await startTestServer();
  await srv.createUsers(['alice', 'bob']);
  alice = await srv.tokenFor('alice');
  bob = await srv.tokenFor('bob');
});
afterAll(() => srv.close());

const committed = () => filesOnDisk(srv.dataDir).filter((p) => p.startsWith('blobs/'));
const staged = () => filesOnDisk(srv.dataDir).filter((p) => p.startsWith('tmp/'));

describe('upload and download', () => {
  it('stores an image with its size and a thumbnail; the recipient downloads it with the secret', async () => {
    const bytes = await png(400, 300);
    const up = await upload(srv, bytes, { token: alice, name: 'photo.png', headers: { 'restrict-access': 'true' } });
    expect(up.status).toBe(200);
    const e = up.body.entities[0];
    expect(e).toMatchObject({ type: 'chatfile', fileType: 'image', contentType: 'image/png', size: bytes.length });
    expect(e).toMatchObject({
      width: 400,
      height: 300,
      thumbnailWidth: 170,
      thumbnailHeight: 128,
      filename: 'photo.png',
    });
    expect(e['share-secret']).toMatch(/^[\w-]{32}$/);
    expect(e.url).toBe(`${srv.httpUrl}/${APP()}/chatfiles/${e.uuid}`);
    expect(up.body.uri).toBe(`${srv.httpUrl}/${APP()}/chatfiles`);

    const got = await download(e.url, { authorization: `Bearer ${bob}`, 'share-secret': e['share-secret'] });
    expect(got.status).toBe(200);
    expect(got.bytes.equals(bytes)).toBe(true);
    expect(got.headers.get('content-type')).toBe('image/png');

    const thumb = await download(e.thumb, { 'share-secret': e['share-secret'] });
    expect(thumb.status).toBe(200);
    const meta = await sharp(thumb.bytes).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([170, 128, 'jpeg']);
    const viaHeader = await download(e.url, { 'share-secret': e['share-secret'], thumbnail: 'true' });
    expect(viaHeader.bytes.equals(thumb.bytes)).toBe(true);
  });

  it('keeps transparency in PNG thumbnails and serves small images as their own thumbnail', async () => {
    const clear = (await upload(srv, await png(600, 200, true), { token: alice, name: 'a.png' })).body.entities[0];
    const t = await download(`${clear.thumb}&share-secret=${clear['share-secret']}`);
    expect(await sharp(t.bytes).metadata()).toMatchObject({ width: 170, height: 57, format: 'png', hasAlpha: true });
    const small = await jpeg(40, 30);
    const s = (await upload(srv, small, { token: alice, name: 's.jpg' })).body.entities[0];
    expect(s).toMatchObject({ width: 40, height: 30, thumbnailWidth: 40, thumbnailHeight: 30 });
    expect((await download(`${s.thumb}&share-secret=${s['share-secret']}`)).bytes.equals(small)).toBe(true);
  });

  it('honours thumbnail-width/-height', async () => {
    const e = (
      await upload(srv, await png(1000, 500), {
        token: alice,
        headers: { 'thumbnail-width': '300', 'thumbnail-height': '300' },
      })
    ).body.entities[0];
    expect([e.thumbnailWidth, e.thumbnailHeight]).toEqual([300, 150]);
  });

  it('refuses a restricted file without its secret, with a wrong one, and to another app', async () => {
    const e = (await upload(srv, await png(10, 10), { token: alice, headers: { 'restrict-access': 'true' } })).body
      .entities[0];
    const denied = await download(e.url, { authorization: `Bearer ${bob}` });
    expect([denied.status, denied.json.name, denied.json.code]).toEqual([403, 'FILE_ACCESS_DENIED', 3101]);
    expect((await download(e.url)).json.name).toBe('FILE_ACCESS_DENIED');
    expect((await download(e.url, { 'share-secret': 'x'.repeat(32) })).json.name).toBe('FILE_ACCESS_DENIED');
    const other = await srv.createApp({ org: 'other', name: 'app' });
    await srv.createUsers(['eve'], other.appKey);
    const eve = await srv.tokenFor('eve', other.appKey);
    const cross = await download(e.url, { authorization: `Bearer ${eve}`, 'share-secret': e['share-secret'] });
    expect([cross.status, cross.json.name]).toEqual([403, 'WRONG_TENANT']);
    const elsewhere = await download(`${srv.httpUrl}/other/app/chatfiles/${e.uuid}`, {
      'share-secret': e['share-secret'],
    });
    expect([elsewhere.status, elsewhere.json.name]).toEqual([404, 'FILE_NOT_FOUND']);
    expect((await download(`${srv.httpUrl}/${APP()}/chatfiles/not-a-uuid`)).json.name).toBe('FILE_NOT_FOUND');
    const admin = await download(e.url, { authorization: `Bearer ${await srv.adminToken()}` });
    expect(admin.status).toBe(200);
  });

  it('opens a file uploaded without restrict-access to any token of the app, not to anonymous callers', async () => {
    const e = (await upload(srv, Buffer.from('hello'), { token: alice, name: 'n.txt' })).body.entities[0];
    expect(e).toMatchObject({ restrictAccess: false, contentType: 'text/plain', fileType: 'file' });
    expect((await download(e.url, { authorization: `Bearer ${bob}` })).bytes.toString()).toBe('hello');
    expect((await download(e.url)).status).toBe(403);
    expect((await download(`${e.url}?share-secret=${e['share-secret']}`)).bytes.toString()).toBe('hello');
  });

  it('needs a token of the app to upload', async () => {
    const none = await upload(srv, Buffer.from('x'));
    expect([none.status, none.body.name]).toEqual([401, 'NOT_AUTHENTICATED']);
    const notForm = await srv.rest('POST', `/${APP()}/chatfiles`, { token: alice, body: { file: 'x' } });
    expect([notForm.status, notForm.body.name]).toEqual([400, 'BAD_REQUEST']);
    const noFile = await fetch(`${srv.httpUrl}/${APP()}/chatfiles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice}` },
      body: (() => {
        const f = new FormData();
        f.append('type', 'img');
        return f;
      })(),
    });
    expect([noFile.status, ((await noFile.json()) as { details: unknown }).details]).toEqual([400, { path: '/file' }]);
  });
});

describe('limits checked on the bytes; nothing left behind', () => {
  let limited: { appKey: string };
  let carol: string;
  beforeAll(async () => {
    limited = await srv.createApp({
      org: 'lim',
      name: 'files',
      settings: { files: { maxBytes: { file: 1000, image: 200_000 }, orphanGraceSeconds: 3600 } },
    });
    await srv.createUsers(['carol'], limited.appKey);
    carol = await srv.tokenFor('carol', limited.appKey);
  });
  const up = (bytes: Uint8Array, o: Parameters<typeof upload>[2] = {}) =>
    upload(srv, bytes, { token: carol, appKey: limited.appKey, ...o });
  const ofApp = async () => {
    const id = (await srv.core.apps.get(limited.appKey)).id;
    return committed().filter((p) => p.startsWith(`blobs/${id}/`));
  };

  it('refuses a file over its kind’s limit', async () => {
    expect(await ofApp()).toEqual([]);
    const r = await up(Buffer.alloc(1001, 7), { name: 'big.bin' });
    expect([r.status, r.body.name, r.body.details]).toEqual([413, 'FILE_TOO_LARGE', { maxBytes: 1000 }]);
    expect((await up(Buffer.alloc(1000, 7), { name: 'ok.bin' })).status).toBe(200);
    const huge = await up(Buffer.alloc(300_000, 1), { name: 'huge.bin' });
    expect([huge.status, huge.body.name]).toEqual([413, 'FILE_TOO_LARGE']);
    expect((await ofApp()).length).toBe(1);
    expect(staged()).toEqual([]);
  });

  it('refuses an .exe renamed .jpg, an .exe as a plain file, and text sent as an image', async () => {
    const exe = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(100)]);
    const before = committed().length;
    const renamed = await up(exe, { name: 'cat.jpg' });
    expect([renamed.status, renamed.body.name, renamed.body.code]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED', 1102]);
    expect(renamed.body.details).toMatchObject({ mime: 'application/x-msdownload' });
    expect((await up(exe, { name: 'setup' })).body.details).toMatchObject({
      mime: 'application/x-msdownload',
      kind: 'file',
    });
    const text = await up(Buffer.from('not an image'), { name: 'x', fields: { type: 'img' } });
    expect([text.status, text.body.details]).toEqual([415, { mime: 'text/plain', kind: 'image' }]);
    const fakePng = Buffer.concat([(await png(50, 50)).subarray(0, 60)]);
    const broken = await up(fakePng, { name: 'cut.png' });
    expect([broken.status, broken.body.name]).toEqual([415, 'FILE_TYPE_NOT_ALLOWED']);
    expect(committed().length).toBe(before);
    expect(staged()).toEqual([]);
  });

  it('refuses HTML and SVG by default; when an app allows them they download as inert attachments', async () => {
    const html = Buffer.from('<!doctype html><script>alert(document.cookie)</script>');
    expect((await up(html, { name: 'page.txt' })).body.details).toMatchObject({ mime: 'text/html' });
    const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>');
    expect((await up(svg, { name: 'a.svg' })).body.details).toMatchObject({ mime: 'image/svg+xml' });
    await srv.updateAppSettings(limited.appKey, { files: { blockedTypes: [] } });
    const e = (await up(html, { name: 'page.html' })).body.entities[0];
    const got = await download(`${e.url}?share-secret=${e['share-secret']}`);
    expect(got.headers.get('content-type')).toBe('text/html');
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    expect(got.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(got.headers.get('content-disposition')).toMatch(/^attachment;/);
    await srv.updateAppSettings(limited.appKey, { files: { blockedTypes: ['text/html', 'image/svg+xml'] } });
  });

  it('refuses a truncated form and keeps nothing of it', async () => {
    const before = committed().length;
    const boundary = 'xyzBOUNDARY';
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="t.bin"\r\n\r\n`),
      Buffer.alloc(500, 3),
    ]); // no closing boundary: the client sent only part of the form
    const res = await fetch(`${srv.httpUrl}/lim/files/chatfiles`, {
      method: 'POST',
      headers: { authorization: `Bearer ${carol}`, 'content-type': `multipart/form-data; boundary=${boundary}` },
      body,
    });
    const json = (await res.json()) as { name: string; code: number };
    expect([res.status, json.name, json.code]).toEqual([400, 'UPLOAD_INCOMPLETE', 1103]);
    expect(committed().length).toBe(before);
    expect(staged()).toEqual([]);
  });

  it('keeps nothing of an upload whose client goes away mid-file', async () => {
    const before = committed().length;
    const boundary = 'abortBOUNDARY';
    const headPart = `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`;
    const req = http.request(`${srv.httpUrl}/${APP()}/chatfiles`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${alice}`,
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': String(headPart.length + 150_000 + boundary.length + 8),
      },
    });
    req.on('error', () => undefined);
    req.write(headPart);
    req.write(Buffer.alloc(100_000, 9)); // past the sniffed head, so the bytes are being written to disk
    await until(() => staged().length === 1, 'the upload to be staged');
    req.destroy();
    await until(() => staged().length === 0, 'the staged bytes to be removed');
    expect(committed().length).toBe(before);
  });
});

/** A form whose file part carries the given Content-Disposition parameters verbatim. */
async function rawUpload(params: string) {
  const b = 'rawBOUNDARY';
  const body = `--${b}\r\ncontent-disposition: form-data; name="file"; ${params}\r\n\r\nx\r\n--${b}--\r\n`;
  const res = await fetch(`${srv.httpUrl}/${APP()}/chatfiles`, {
    method: 'POST',
    headers: { authorization: `Bearer ${alice}`, 'content-type': `multipart/form-data; boundary=${b}` },
    body,
  });
  const json = (await res.json()) as unknown;
  if (res.status !== 200) throw new Error(JSON.stringify(json));
  return (json as { entities: Array<{ url: string; filename: string; 'share-secret': string }> }).entities[0]!;
}

describe('ranges and names', () => {
  let e: { url: string; 'share-secret': string };
  const bytes = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 251));
  beforeAll(async () => {
    e = (await upload(srv, bytes, { token: alice, name: 'voice.bin', headers: { 'restrict-access': '1' } })).body
      .entities[0];
  });
  const get = (range?: string) => download(e.url, { 'share-secret': e['share-secret'], ...(range ? { range } : {}) });

  it('serves 206 partial content for single ranges and 416 past the end', async () => {
    const whole = await get();
    expect([whole.status, whole.headers.get('accept-ranges'), whole.headers.get('content-length')]).toEqual([
      200,
      'bytes',
      '1000',
    ]);
    const first = await get('bytes=0-9');
    expect([first.status, first.headers.get('content-range')]).toEqual([206, 'bytes 0-9/1000']);
    expect(first.bytes.equals(bytes.subarray(0, 10))).toBe(true);
    const tail = await get('bytes=-100');
    expect([tail.headers.get('content-range'), tail.bytes.equals(bytes.subarray(900))]).toEqual([
      'bytes 900-999/1000',
      true,
    ]);
    const open = await get('bytes=990-');
    expect([open.status, open.bytes.length]).toEqual([206, 10]);
    const clipped = await get('bytes=995-5000');
    expect(clipped.headers.get('content-range')).toBe('bytes 995-999/1000');
    const past = await get('bytes=1000-1001');
    expect([past.status, past.json.name, past.headers.get('content-range')]).toEqual([
      416,
      'RANGE_NOT_SATISFIABLE',
      'bytes */1000',
    ]);
    expect((await get('bytes=0-1,5-6')).status).toBe(200); // several ranges: the whole file
    expect((await get('pages=1-2')).status).toBe(200);
    const head = await fetch(e.url, { method: 'HEAD', headers: { 'share-secret': e['share-secret'] } });
    expect([head.status, head.headers.get('content-length'), (await head.arrayBuffer()).byteLength]).toEqual([
      200,
      '1000',
      0,
    ]);
  });

  it('makes odd names harmless: no path, no header injection, unicode kept in filename*', async () => {
    const secret = (x: { 'share-secret': string }) => ({ 'share-secret': x['share-secret'] });
    const trav = (await upload(srv, Buffer.from('x'), { token: alice, name: '../../etc/passwd' })).body.entities[0];
    expect(trav.filename).toBe('passwd');
    expect(filesOnDisk(srv.dataDir).every((p) => /^(blobs|tmp)\/[\w-]+\/?[\w.-]*$/.test(p))).toBe(true);
    // FormData percent-encodes CR/LF in names (busboy drops a filename* that decodes to them): the
    // stored name keeps the harmless text, and the header stays one line.
    const crlf = (await upload(srv, Buffer.from('x'), { token: alice, name: 'a\r\nSet-Cookie: x=1.txt' })).body
      .entities[0];
    expect(crlf.filename).toBe('a%0D%0ASet-Cookie: x=1.txt');
    const h = (await download(crlf.url, secret(crlf))).headers;
    expect(h.get('set-cookie')).toBeNull();
    expect(h.get('content-disposition')).toBe(
      `attachment; filename="a_0D_0ASet-Cookie: x=1.txt"; filename*=UTF-8''a%250D%250ASet-Cookie%3A%20x%3D1.txt`,
    );
    const star = await rawUpload("filename*=utf-8''%E6%8A%A5%E5%91%8A.txt");
    expect(star.filename).toBe('报告.txt');
    const uni = (await upload(srv, Buffer.from('x'), { token: alice, name: '报告 final;\u202Egpj.exe' })).body
      .entities[0];
    expect(uni.filename).toBe('报告 final;gpj.exe');
    const cd = (await download(uni.url, secret(uni))).headers.get('content-disposition')!;
    expect(cd).toMatch(/^attachment; filename="__ final_gpj.exe"; filename\*=UTF-8''/);
    expect(decodeURIComponent(cd.split("UTF-8''")[1]!)).toBe('报告 final;gpj.exe');
    const dots = (await upload(srv, Buffer.from('x'), { token: alice, name: '..' })).body.entities[0];
    expect(dots.filename).toBe('file');
  });
});

describe('the periodic sweeper', () => {
  it('deletes uploads no message uses once the grace period passed, and keeps the ones messages use', async () => {
    const s = await startTestServer({ files: { sweepIntervalMs: 50 } });
    try {
      await s.createUsers(['ann', 'ben']);
      const ann = await s.tokenFor('ann');
      const admin = await s.adminToken();
      const orphan = (await upload(s, Buffer.from('never sent'), { token: ann, name: 'o.txt' })).body.entities[0];
      const used = (await upload(s, await png(20, 20), { token: ann, name: 'u.png' })).body.entities[0];
      const sent = await s.rest('POST', `/${s.defaultApp!.appKey.replace('#', '/')}/messages/users`, {
        token: admin,
        body: { from: 'ann', to: ['ben'], type: 'img', body: { url: used.url, secret: used['share-secret'] } },
      });
      expect(sent.status).toBe(200);
      await s.updateAppSettings(s.defaultApp!.appKey, { files: { orphanGraceSeconds: 0 } });
      await until(
        async () => (await download(orphan.url, { 'share-secret': orphan['share-secret'] })).status === 404,
        'the orphan swept',
      );
      const appId = (await s.core.apps.get(s.defaultApp!.appKey)).id;
      // The row goes first (no download can start), then the bytes.
      await until(() => !filesOnDisk(s.dataDir).some((p) => p.includes(orphan.uuid)), 'the orphan bytes removed');
      expect(await s.core.repos.files.refCount(appId, used.uuid)).toBe(1);
      // Deleting the uploader deletes no file a message still uses.
      expect(
        (await s.rest('DELETE', `/${s.defaultApp!.appKey.replace('#', '/')}/users/ann`, { token: admin })).status,
      ).toBe(200);
      await s.core.files.sweep();
      const still = await download(used.url, { 'share-secret': used['share-secret'] });
      expect(still.status).toBe(200);
      const missing = await s.rest('POST', `/${s.defaultApp!.appKey.replace('#', '/')}/messages/users`, {
        token: admin,
        body: { from: 'ben', to: ['ben'], type: 'file', body: { url: orphan.url } },
      });
      expect([missing.status, missing.body.name, missing.body.details]).toEqual([
        404,
        'FILE_NOT_FOUND',
        { files: [orphan.uuid] },
      ]);
    } finally {
      await s.close();
    }
  });
});
