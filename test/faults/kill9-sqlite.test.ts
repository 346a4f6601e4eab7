/**
 * kill -9 of a single SQLite server (a real child process) while 40 SDK clients send 1:1 and group
 * messages; restarted on the same data dir and port. The SDKs reconnect by themselves and resend what
 * was not acked (same client id). A ledger of sent / acked / stored / delivered checks that every
 * message is stored exactly once and reaches every recipient once, in seq order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import SDK from '@pigeon/sdk';
import { registerUsers, startChildServer, type ChildServer } from '../helpers/child-server.js';
import type { Connection } from '../helpers/env.js';
import { waitFor } from '../helpers/wait.js';

const USERS = Array.from({ length: 40 }, (_, i) => `k${i}`);
const GROUP_SIZE = 10;
const BEFORE_KILL = 200; // acks (all clients) before the kill
const AFTER_RESTART = 4; // acks each client must get from the restarted server before it stops
const ARGS = ['--sends-per-second', '100000'];

type Chat = 'singleChat' | 'groupChat';
interface Sent {
  from: string;
  to: string;
  chat: Chat;
  text: string;
  /** Sent before the kill and not acked by then: the SDK had to resend it. */
  retried: boolean;
  id?: string;
  seq?: number;
  afterRestart?: boolean;
}
interface Got {
  id: string;
  from: string;
  to: string;
  seq: number;
  msg: string;
}

describe('kill -9 of a single SQLite server under sustained traffic', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pigeon-kill9-'));
  let server: ChildServer;
  const conns: Connection[] = [];
  const groupOf = new Map<string, string>(); // user -> group id
  const membersOf = new Map<string, string[]>(); // group id -> users

  const connect = (user: string) => {
    const conn = new SDK.connection({
      appKey: 'pigeon#demo',
      url: server.wsUrl,
      apiUrl: server.httpUrl,
      platform: 'node',
      deviceId: `${user}-phone`,
      heartBeatWait: 5_000,
      autoReconnectNumMax: 1_000,
      autoReconnectInterval: 50,
      autoReconnectMaxDelay: 500,
      outboxTimeout: 120_000,
      requestTimeout: 20_000,
    });
    conns.push(conn);
    return conn;
  };

  beforeAll(async () => {
    server = await startChildServer(dataDir, 0, ARGS);
    await registerUsers(server.httpUrl, USERS);
  });
  afterAll(async () => {
    await Promise.allSettled(conns.map((c) => c.close()));
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('every message is stored once and delivered once to every recipient, in seq order', async () => {
    const got = new Map<string, Got[]>(USERS.map((u) => [u, []]));
    const clients = await Promise.all(
      USERS.map(async (user) => {
        const conn = connect(user);
        conn.addEventHandler('ledger', {
          onTextMessage: (m) =>
            void got.get(user)!.push({ id: m.id, from: m.from ?? '', to: m.to, seq: m.seq ?? -1, msg: m.msg }),
        });
        await conn.open({ user, pwd: `pw-${user}` });
        return { user, conn };
      }),
    );
    for (let g = 0; g < USERS.length / GROUP_SIZE; g++) {
      const members = USERS.slice(g * GROUP_SIZE, (g + 1) * GROUP_SIZE);
      const owner = clients.find((c) => c.user === members[0])!;
      const res = await owner.conn.createGroup({ data: { groupname: `kill9-${g}`, members: members.slice(1) } });
      const gid = res.data!.groupid;
      membersOf.set(gid, members);
      for (const m of members) groupOf.set(m, gid);
    }

    const ledger: Sent[] = [];
    const failed: unknown[] = [];
    let killed = false;
    let restarted = false;
    const acked = () => ledger.filter((s) => s.id);
    const sendAll = async ({ user, conn }: (typeof clients)[number], index: number) => {
      const pending = new Set<Promise<void>>();
      const done = () => ledger.filter((s) => s.from === user && s.afterRestart).length >= AFTER_RESTART;
      for (let i = 0; i < 2_000 && !done(); i++) {
        const chat: Chat = i % 2 === 0 ? 'singleChat' : 'groupChat';
        const to = chat === 'singleChat' ? USERS[(index + 1) % USERS.length]! : groupOf.get(user)!;
        const entry: Sent = { from: user, to, chat, text: `${user}-${i}`, retried: false };
        ledger.push(entry);
        const p: Promise<void> = conn
          .send(SDK.message.create({ type: 'txt', chatType: chat, to, msg: entry.text }))
          .then(
            (r) => {
              entry.id = r.serverMsgId;
              entry.seq = r.message!.seq as number;
              entry.afterRestart = restarted;
            },
            (e: unknown) => void failed.push(e),
          )
          .finally(() => pending.delete(p));
        pending.add(p);
        if (pending.size >= 2) await Promise.race(pending);
      }
      await Promise.all(pending);
    };
    const sending = Promise.all(clients.map(sendAll));

    await waitFor(() => acked().length >= BEFORE_KILL, `${BEFORE_KILL} acks before the kill`, 60_000);
    const port = server.port;
    await server.kill9();
    killed = true;
    const ackedBeforeKill = acked().length;
    for (const s of ledger) if (!s.id) s.retried = true;
    server = await startChildServer(dataDir, port, ARGS);
    restarted = true;
    await sending;
    expect(killed).toBe(true);
    expect(failed).toEqual([]);

    // Who must get what: the 1:1 peer, or every other member of the group.
    const recipients = (s: Sent) =>
      s.chat === 'singleChat' ? [s.to] : membersOf.get(s.to)!.filter((u) => u !== s.from);
    const expected = new Map<string, Sent[]>(USERS.map((u) => [u, []]));
    for (const s of ledger) for (const r of recipients(s)) expected.get(r)!.push(s);
    const delivered = () => [...got.values()].reduce((n, g) => n + g.length, 0);
    const due = [...expected.values()].reduce((n, e) => n + e.length, 0);
    await waitFor(
      () => USERS.every((u) => new Set(got.get(u)!.map((m) => m.id)).size >= expected.get(u)!.length),
      `every recipient to have its ${due} deliveries (now ${delivered()})`,
      60_000,
    );

    const stored = storedRows(dataDir);
    let lost = 0;
    let duplicated = 0;
    const disorder: string[] = [];
    for (const u of USERS) {
      const mine = got.get(u)!;
      const ids = new Set(mine.map((m) => m.id));
      duplicated += mine.length - ids.size;
      lost += expected.get(u)!.filter((s) => !ids.has(s.id!)).length;
      for (const conv of new Set(mine.map(convOf))) {
        const seqs = mine.filter((m) => convOf(m) === conv).map((m) => m.seq);
        if (seqs.some((q, i) => i > 0 && q <= seqs[i - 1]!)) disorder.push(`${u} in ${conv}: ${seqs.join(',')}`);
      }
    }
    const storedIds = new Set(stored.map((r) => r.id));
    const storedDup = stored.length - new Set(stored.map((r) => `${r.sender}/${r.body}`)).size;
    const lostInStore = ledger.filter((s) => !storedIds.has(s.id!)).length;
    const retried = ledger.filter((s) => s.retried);
    console.log(
      `kill -9 (SQLite, ${USERS.length} clients): sent ${ledger.length}, acked ${acked().length} ` +
        `(${ackedBeforeKill} before the kill, ${retried.length} in flight at the kill and resent), ` +
        `stored ${stored.length}, delivered ${delivered()} of ${due}, duplicated ${duplicated + storedDup}, ` +
        `lost ${lost + lostInStore}`,
    );
    expect(lost + lostInStore).toBe(0);
    expect(duplicated + storedDup).toBe(0);
    expect(stored.length).toBe(ledger.length);
    expect(disorder).toEqual([]);
    // Each ack names the stored row: same id, same seq.
    const byId = new Map(stored.map((r) => [r.id, r]));
    for (const s of ledger) expect(byId.get(s.id!)).toMatchObject({ seq: s.seq, sender: s.from });
    // Per conversation the stored seqs are 1..n with no gap (nothing half-written by the kill).
    for (const conv of new Set(stored.map((r) => r.conv))) {
      const seqs = stored.filter((r) => r.conv === conv).map((r) => r.seq);
      expect(seqs, conv).toEqual(seqs.map((_, i) => i + 1));
    }
  });
});

const convOf = (m: Got) => (m.to.startsWith('k') ? [m.from, m.to].sort().join('|') : m.to);

function storedRows(dir: string) {
  const db = new Database(join(dir, 'pigeon.db'), { readonly: true });
  try {
    return db
      .prepare(`SELECT id, conv, seq, sender, body FROM messages WHERE sender LIKE 'k%' ORDER BY conv, seq`)
      .all() as { id: string; conv: string; seq: number; sender: string; body: string }[];
  } finally {
    db.close();
  }
}
