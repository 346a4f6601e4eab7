// Property-based fuzzing of a live gateway: schema-guided and random frames for every op, from an
// authenticated client. Each gets a reply or a typed error, never INTERNAL; the server stays up, a
// bystander's connection notices nothing, and the heap comes back to where it was.
import fc from 'fast-check';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCatalogue, OP_NAMES } from '@pigeon/protocol';
import { OP_SCHEMAS } from '../src/gateway/op-schemas.js';
import { fromSchema } from '../../../test/helpers/schema-arb.js';
import { heapAfterGc, mb } from '../../../test/helpers/heap.js';
import { startTestServer, type Json, type TestServer } from './helpers/server.js';
import { RawClient, txt } from './helpers/ws-client.js';

const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 1_000_000);
const RUNS = Number(process.env.FUZZ_RUNS ?? 1200);

let s: TestServer;
let bob: RawClient;
beforeAll(async () => {
  s = await startTestServer({
    limits: { opsPerSecond: 1_000_000, sendsPerSecond: 1_000_000, maxBadFrames: 1_000_000, idleTimeoutMs: 120_000 },
  });
  await s.createUsers(['alice', 'bob', 'carol']);
  bob = await RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor('bob'));
});
afterAll(() => s.close());

const login = async (user: string) => RawClient.login(s.wsUrl, 'pigeon#demo', await s.tokenFor(user));

/** The bystander still works: ping, and a message from carol arrives. */
async function bystanderWorks(tag: string): Promise<void> {
  expect((await bob.ok('ping')).t).toBeGreaterThan(0);
  const carol = await login('carol');
  await carol.ok('msg.send', txt('bob', tag));
  await bob.until(() => bob.eventsOf('msg').find((m: Json) => m.body?.text === tag), 5000, `bob gets ${tag}`);
  carol.close();
}

/** A request with a generous reply timeout: the machine is shared, and a slow reply is not a lost one. */
function requestSlow(c: RawClient, op: string, d: unknown): Promise<Json> {
  const id = c.nextId();
  c.send({ id, op, d });
  return c.reply(id, 30_000);
}

function expectTyped(reply: Json, frame: unknown): void {
  if ('d' in reply) return;
  const name = reply.err?.name as string;
  if (!(name in ErrorCatalogue) || name === 'INTERNAL')
    throw new Error(`frame ${JSON.stringify(frame).slice(0, 500)} got ${JSON.stringify(reply)}`);
}

describe(`live gateway fuzz (FUZZ_SEED=${SEED})`, () => {
  it('schema-guided requests to every op get a result or a typed error, never INTERNAL', async () => {
    const names = ['alice', 'bob', 'carol', 'nobody', 'u:pigeon#demo:bob', 's:alice:bob'];
    const frame = fc
      .constantFrom(...OP_NAMES.filter((o) => o !== 'auth'))
      .chain((op) => fc.record({ op: fc.constant(op), d: fromSchema(OP_SCHEMAS[op], { names, hugeLength: 20_000 }) }));
    // Frames over maxFrameBytes close the connection (1009, tested in gateway.test.ts): keep under it.
    const frames = fc.sample(frame, { numRuns: RUNS, seed: SEED }).filter((f) => JSON.stringify(f).length < 60_000);
    const alice = await login('alice');
    const before = heapAfterGc();
    const errors = new Map<string, number>();
    for (let i = 0; i < frames.length; i += 100) {
      const batch = frames.slice(i, i + 100);
      const replies = await Promise.all(
        batch.map((f) =>
          requestSlow(alice, f.op, f.d).catch((e: Error) => {
            throw new Error(`${e.message}: no reply to ${JSON.stringify(f).slice(0, 500)}`);
          }),
        ),
      );
      replies.forEach((r, j) => {
        expectTyped(r, batch[j]);
        const k = r.err ? r.err.name : 'ok';
        errors.set(k, (errors.get(k) ?? 0) + 1);
      });
    }
    alice.close();
    await bystanderWorks('after-schema-fuzz');
    const grown = heapAfterGc() - before;
    console.log(`${frames.length} frames: ${JSON.stringify(Object.fromEntries(errors))}; heap +${mb(grown)} MB`);
    expect(errors.get('ok') ?? 0).toBeGreaterThan(0); // the fuzzer reached the core, not only validation
    expect(mb(grown)).toBeLessThan(64);
  }, 180_000);

  it('random text frames (JSON or not) get BAD_FRAME, UNKNOWN_OP, BAD_REQUEST or a result, and the connection stays', async () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 300 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc
        .record({ id: fc.anything(), op: fc.oneof(fc.constantFrom(...OP_NAMES), fc.string()), d: fc.anything() })
        .map((v) => JSON.stringify(v)),
    );
    const samples = fc.sample(text, { numRuns: 600, seed: SEED });
    const c = await login('alice');
    for (const t of samples) c.send(t);
    // Everything sent before this ping has been answered when its reply comes (one connection, in order).
    // Its id is one no sample uses: a random frame with the ping's id would be taken for its reply.
    const used = new Set(samples.map((t) => idOf(t)));
    let pingId = 424_242;
    while (used.has(pingId)) pingId++;
    const pong = await c.request('ping', undefined, pingId);
    expect((pong.d as { t: number }).t).toBeGreaterThan(0);
    for (const f of c.frames) if ('re' in f) expectTyped(f, '(random text)');
    expect(c.ws.readyState).toBe(WebSocket.OPEN);
    c.close();
    await bystanderWorks('after-text-fuzz');
  }, 60_000);

  it('deeply nested JSON within the frame limit gets a typed error, not a stack overflow', async () => {
    const c = await login('alice');
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    c.send(
      `{"id":1001,"op":"msg.send","d":{"msg":{"type":"txt","chat":"single","to":"bob","cid":"deep","body":{"text":"x"},"ext":{"a":${deep(20_000)}}}}}`,
    );
    c.send(`{"id":1002,"op":"conv.list","d":${deep(30_000)}}`);
    c.send(`{"id":1003,"op":"group.create","d":{"name":"g","ext":${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}}}`);
    for (const id of [1001, 1002, 1003]) expectTyped(await c.reply(id), `deep ${id}`);
    expect((await c.ok('ping')).t).toBeGreaterThan(0);
    c.close();
  });

  it('invalid UTF-8 in a text frame closes that connection with 1007 only', async () => {
    const c = await login('alice');
    // Sent as a text frame: ws on the server validates UTF-8 and closes with "invalid frame payload data".
    c.ws.send(Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]), { binary: false });
    expect((await c.closed).code).toBe(1007);
    await bystanderWorks('after-bad-utf8');
  });

  it('binary frames get BAD_FRAME; the connection stays', async () => {
    const c = await login('alice');
    c.ws.send(Buffer.from(JSON.stringify({ id: 1, op: 'ping' })), { binary: true });
    const r = await c.until(() => c.frames.find((f) => f.re === 0), 5000, 'BAD_FRAME');
    expect(r.err).toMatchObject({ name: 'BAD_FRAME', code: 1001 });
    expect((await c.ok('ping')).t).toBeGreaterThan(0);
    c.close();
  });

  it('a replayed msg.send (same request id after its reply, same cid) is stored once', async () => {
    const c = await login('alice');
    const frame = { id: 77, op: 'msg.send', d: txt('bob', 'replayed', 'cid-replay') };
    c.send(frame);
    const first = await c.reply(77);
    c.replies.delete(77);
    c.send(frame);
    const second = await c.reply(77);
    expect(second.d).toMatchObject({ id: first.d.id, seq: first.d.seq });
    const hist = await c.ok('msg.history', { conv: first.d.conv, limit: 100 });
    expect(hist.msgs.filter((m: Json) => m.cid === 'cid-replay')).toHaveLength(1);
    c.close();
  });
});

/** The id a random frame carries, if it parses as an object with one. */
function idOf(text: string): unknown {
  try {
    return (JSON.parse(text) as { id?: unknown } | null)?.id;
  } catch {
    return undefined;
  }
}
