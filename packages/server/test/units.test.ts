import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { parseDurationSeconds } from '../src/core/auth/duration.js';
import { hashPassword, verifyPassword } from '../src/core/auth/passwords.js';
import { verdictFor } from '../src/core/sessions/device-policy.js';
import { createIdGenerator } from '../src/core/ids.js';
import { TokenBucket } from '../src/gateway/token-bucket.js';
import { fromEasemobBody } from '../src/http/easemob-body.js';
import { tempDir } from './helpers/server.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

describe('message ids', () => {
  it('are unique decimal strings, increasing within a node even when the clock stands still or steps back', () => {
    let now = 1_800_000_000_000;
    const next = createIdGenerator(3, { now: () => now });
    const ids: bigint[] = [];
    for (let i = 0; i < 10_000; i++) {
      if (i === 5000) now -= 1000;
      ids.push(BigInt(next()));
    }
    for (let i = 1; i < ids.length; i++) expect(ids[i]! > ids[i - 1]!).toBe(true);
    expect(() => createIdGenerator(1024, { now: () => now })).toThrow(RangeError);
  });
});

describe('token bucket', () => {
  it('allows a burst, then refills at the rate and tells how long to wait', () => {
    const b = new TokenBucket(10, 10, 0);
    for (let i = 0; i < 10; i++) expect(b.take(0)).toBe(0);
    expect(b.take(0)).toBe(100);
    expect(b.take(100)).toBe(0);
  });
});

describe('durations and passwords', () => {
  it('parses seconds, minutes, hours, days; rejects junk', () => {
    expect(parseDurationSeconds('180d')).toBe(180 * 86400);
    expect(parseDurationSeconds('90')).toBe(90);
    expect(parseDurationSeconds('12h')).toBe(43200);
    expect(() => parseDurationSeconds('soon')).toThrow(RangeError);
    expect(() => parseDurationSeconds('0')).toThrow(RangeError);
  });

  it('scrypt hashes verify the right password only', async () => {
    const h = await hashPassword('s3cret', 1024);
    expect(h.startsWith('scrypt$1024$')).toBe(true);
    expect(await verifyPassword('s3cret', h)).toBe(true);
    expect(await verifyPassword('wrong', h)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });
});

describe('multi-device verdicts', () => {
  const s = { id: 'old', deviceId: 'd1', platform: 'web' as const };
  it('same device is replaced; single kicks all; per-platform kicks same platform; multi keeps', () => {
    expect(verdictFor(s, { session: 'new', deviceId: 'd1', platform: 'web', policy: 'multi' })).toBe('replace');
    expect(verdictFor(s, { session: 'new', deviceId: 'd2', platform: 'wechat', policy: 'single' })).toBe('kick');
    expect(verdictFor(s, { session: 'new', deviceId: 'd2', platform: 'web', policy: 'per-platform' })).toBe('kick');
    expect(verdictFor(s, { session: 'new', deviceId: 'd2', platform: 'wechat', policy: 'per-platform' })).toBe('keep');
    expect(verdictFor(s, { session: 'new', deviceId: 'd2', platform: 'web', policy: 'multi' })).toBe('keep');
    expect(verdictFor(s, { session: 'old', deviceId: 'd1', platform: 'web', policy: 'single' })).toBe('keep');
  });
});

describe('config', () => {
  it('defaults < file < env < options, frozen deeply', () => {
    const dir = tempDir();
    const file = join(dir, 'pigeon.json');
    writeFileSync(
      file,
      JSON.stringify({ port: 7000, host: 'file-host', limits: { idleTimeoutMs: 1234 }, db: { durability: 'full' } }),
    );
    const c = loadConfig({
      configFile: file,
      env: { PORT: '8000', PIGEON_DATA_DIR: '/env/data' },
      options: { port: 9000 },
    });
    expect(c).toMatchObject({ port: 9000, host: 'file-host', dataDir: '/env/data', db: { durability: 'full' } });
    expect(c.limits.idleTimeoutMs).toBe(1234);
    expect(c.limits.maxFrameBytes).toBe(65536);
    expect(Object.isFrozen(c.limits)).toBe(true);
    expect(loadConfig().port).toBe(5280);
  });

  it('refuses nonsense with a clear message', () => {
    expect(() => loadConfig({ env: { PORT: 'eighty' } })).toThrow(/PORT must be a number/);
    expect(() => loadConfig({ options: { db: { durability: 'maybe' as 'full' } } })).toThrow(/durability/);
    expect(() => loadConfig({ options: { limits: { idleTimeoutMs: -1 } } })).toThrow(/idleTimeoutMs/);
  });
});

describe('Easemob REST bodies', () => {
  it('maps txt, media, loc and custom fields to Pigeon bodies', () => {
    expect(fromEasemobBody('txt', { msg: 'hi' })).toEqual({ text: 'hi' });
    expect(fromEasemobBody('txt', { text: 'native' })).toEqual({ text: 'native' });
    expect(fromEasemobBody('audio', { url: 'u', filename: 'a.amr', length: 3, file_length: 10 })).toEqual({
      url: 'u',
      name: 'a.amr',
      duration: 3,
      size: 10,
    });
    expect(fromEasemobBody('loc', { lat: '1.5', lng: '2', addr: 'a' })).toEqual({ lat: 1.5, lng: 2, addr: 'a' });
    expect(fromEasemobBody('custom', { customEvent: 'e', customExts: { a: 'b' } })).toEqual({
      event: 'e',
      fields: { a: 'b' },
    });
  });
});

describe('SQLite durability setting', () => {
  it('normal (default) runs WAL with synchronous=NORMAL; full runs synchronous=FULL', async () => {
    const { openSqlite } = await import('../src/store/sqlite/open-sqlite.js');
    const { sql } = await import('kysely');
    for (const [durability, expected] of [
      ['normal', 1],
      ['full', 2],
    ] as const) {
      const db = openSqlite({ dataDir: tempDir(), durability });
      const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(db);
      const sync = await sql<{ synchronous: number }>`pragma synchronous`.execute(db);
      expect(mode.rows[0]!.journal_mode).toBe('wal');
      expect(sync.rows[0]!.synchronous).toBe(expected);
      await db.destroy();
    }
  });
});

describe('local disk blobs', () => {
  it('stages, commits atomically, reads ranges, deletes; refuses keys that could escape its folder', async () => {
    const { localDiskBlobs } = await import('../src/blob/local-disk.js');
    const { readdirSync } = await import('node:fs');
    const { join } = await import('node:path');
    const root = tempDir();
    const blobs = localDiskBlobs(root);
    const read = async (s: AsyncIterable<unknown>) => {
      const chunks: Buffer[] = [];
      for await (const c of s) chunks.push(c as Buffer);
      return Buffer.concat(chunks).toString();
    };
    const staged = await blobs.stage(
      (async function* () {
        yield Buffer.from('hello ');
        yield Buffer.from('world');
      })(),
    );
    expect(staged.size).toBe(11);
    expect(await blobs.size('app-1/file_1')).toBeUndefined();
    await staged.commit('app-1/file_1');
    expect(await blobs.size('app-1/file_1')).toBe(11);
    expect(await read(await blobs.read('app-1/file_1'))).toBe('hello world');
    expect(await read(await blobs.read('app-1/file_1', { start: 6, end: 10 }))).toBe('world');
    await blobs.delete('app-1/file_1');
    expect(await blobs.size('app-1/file_1')).toBeUndefined();
    const failing = (async function* () {
      yield Buffer.from('part');
      throw new Error('client gone');
    })();
    await expect(blobs.stage(failing)).rejects.toThrow('client gone');
    expect(readdirSync(join(root, 'tmp'))).toEqual([]);
    for (const bad of ['../x', 'a/../../x', '/etc/passwd', 'a//b', '.hidden'])
      await expect(blobs.delete(bad)).rejects.toThrow(/Bad blob key/);
  });
});
