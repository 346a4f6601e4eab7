/** Every message type crosses between the Easemob Web SDK and the Pigeon SDK, both ways. */
import SDK from '@pigeon/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inbox } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';
import { loadEasemobWeb, type EmAny } from './easemob-web.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const EC = loadEasemobWeb();
let pigeon: Awaited<ReturnType<EmEnv['login']>>;
let easemob: { conn: EmAny; inbox: Inbox };

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('alice', 'bob');
  pigeon = await env.login('bob');
  easemob = await env.emLogin('alice');
});
afterAll(() => env.close());

describe('Pigeon SDK -> Easemob SDK', () => {
  const send = (m: Record<string, unknown>) =>
    pigeon.conn.send(SDK.message.create({ chatType: 'singleChat', to: 'alice', ...m } as never));

  it('image, audio, video and file keep their url, sizes and names', async () => {
    const url = `${env.srv.httpUrl}/files/x.png`;
    await send({ type: 'img', url, width: 640, height: 480, file_length: 1234, filename: 'x.png' });
    await send({ type: 'audio', url: `${url}?a`, length: 7, file_length: 99, filename: 'a.amr' });
    await send({ type: 'video', url: `${url}?v`, length: 12, file_length: 999, filename: 'v.mp4' });
    await send({ type: 'file', url: `${url}?f`, file_length: 55, filename: 'doc.pdf' });
    const img = await waitFor(() => easemob.inbox.of('onImageMessage')[0] as EmAny, 'image');
    expect(img).toMatchObject({ type: 'img', from: 'bob', width: 640, height: 480, file_length: 1234 });
    expect(img.url).toContain('/files/x.png');
    const audio = await waitFor(() => easemob.inbox.of('onAudioMessage')[0] as EmAny, 'audio');
    expect(audio).toMatchObject({ type: 'audio', from: 'bob', file_length: 99, filename: 'a.amr' });
    const video = await waitFor(() => easemob.inbox.of('onVideoMessage')[0] as EmAny, 'video');
    expect(video).toMatchObject({ type: 'video', from: 'bob', file_length: 999, filename: 'v.mp4' });
    const file = await waitFor(() => easemob.inbox.of('onFileMessage')[0] as EmAny, 'file');
    expect(file).toMatchObject({ type: 'file', from: 'bob', file_length: 55, filename: 'doc.pdf' });
  });

  it('location, command and custom', async () => {
    await send({ type: 'loc', lat: 31.2, lng: 121.5, addr: 'Shanghai', buildingName: 'Tower' });
    await send({ type: 'cmd', action: 'typing' });
    await send({ type: 'custom', customEvent: 'gift', customExts: { kind: 'rose', n: '3' } });
    const loc = await waitFor(() => easemob.inbox.of('onLocationMessage')[0] as EmAny, 'location');
    expect(loc).toMatchObject({
      type: 'loc',
      from: 'bob',
      lat: 31.2,
      lng: 121.5,
      addr: 'Shanghai',
      buildingName: 'Tower',
    });
    const cmd = await waitFor(() => easemob.inbox.of('onCmdMessage')[0] as EmAny, 'cmd');
    expect(cmd).toMatchObject({ type: 'cmd', from: 'bob', action: 'typing' });
    const custom = await waitFor(() => easemob.inbox.of('onCustomMessage')[0] as EmAny, 'custom');
    expect(custom).toMatchObject({
      type: 'custom',
      from: 'bob',
      customEvent: 'gift',
      customExts: { kind: 'rose', n: '3' },
    });
  });
});

describe('Easemob SDK -> Pigeon SDK', () => {
  const send = (m: Record<string, unknown>) =>
    easemob.conn.send(EC.message.create({ chatType: 'singleChat', to: 'bob', ...m }));
  const received = (id: string) => waitFor(() => pigeon.inbox.messages().find((m) => m.id === id) as EmAny, id);

  it('an image by url', async () => {
    const url = `${env.srv.httpUrl}/files/y.png`;
    const r = await send({ type: 'img', url, width: 10, height: 20, file_length: 321 });
    expect(await received(r.serverMsgId)).toMatchObject({ type: 'img', from: 'alice', url, file_length: 321 });
  });

  it('a file uploaded through /chatfiles by the SDK', async () => {
    const data = new Blob([Buffer.from('hello file')], { type: 'text/plain' });
    const r = await send({
      type: 'file',
      file: { data, filename: 'hello.txt', filetype: 'txt' },
      filename: 'hello.txt',
    });
    const got = await received(r.serverMsgId);
    expect(got).toMatchObject({ type: 'file', from: 'alice', filename: 'hello.txt' });
    expect(got.url).toContain('/chatfiles/');
  });

  it('location, command and custom', async () => {
    const loc = await send({ type: 'loc', lat: 1.5, lng: 2.5, addr: 'here', buildingName: 'b1' });
    expect(await received(loc.serverMsgId)).toMatchObject({ type: 'loc', lat: 1.5, lng: 2.5, addr: 'here' });
    const cmd = await send({ type: 'cmd', action: 'ping' });
    expect(await received(cmd.serverMsgId)).toMatchObject({ type: 'cmd', action: 'ping' });
    const custom = await send({ type: 'custom', customEvent: 'card', customExts: { id: '7' } });
    expect(await received(custom.serverMsgId)).toMatchObject({
      type: 'custom',
      customEvent: 'card',
      customExts: { id: '7' },
    });
  });
});
