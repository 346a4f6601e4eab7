/**
 * After a run against a server that stores (Pigeon), read conversations back with `msg.pull` and
 * hold them to DESIGN.md's rules: seq 1, 2, 3 … with no holes, each client id once, and as many
 * messages as were acked.
 */
import type { BenchClient } from './client.js';

interface Pulled {
  msgs: { cid: string; seq: number }[];
  hasMore: boolean;
}

export interface ConvCheck {
  conv: string;
  expected: number;
  stored: number;
  holes: number;
  duplicates: number;
}

export async function pullAll(client: BenchClient, conv: string, page = 200): Promise<Pulled['msgs']> {
  const out: Pulled['msgs'] = [];
  for (;;) {
    const after = out.length ? out[out.length - 1].seq : 0;
    const res = await client.request<Pulled>('msg.pull', { conv, afterSeq: after, limit: page });
    out.push(...res.msgs);
    if (!res.hasMore || res.msgs.length === 0) return out;
  }
}

export async function checkConversation(client: BenchClient, conv: string, expected: number): Promise<ConvCheck> {
  const msgs = await pullAll(client, conv);
  const cids = new Set(msgs.map((m) => m.cid));
  let holes = 0;
  msgs.forEach((m, i) => (holes += m.seq === i + 1 ? 0 : 1));
  return { conv, expected, stored: msgs.length, holes, duplicates: msgs.length - cids.size };
}

export interface StoreVerdict {
  conversations: number;
  ok: boolean;
  detail: string;
  bad: (ConvCheck & { error?: string })[];
}

/** Checks up to `limit` conversations; `expected` is the acked count of each. */
export async function verifyStored(
  items: { client: BenchClient; conv: string; expected: number }[],
  limit: number,
): Promise<StoreVerdict> {
  const sample = items.slice(0, limit);
  const results: (ConvCheck & { error?: string })[] = [];
  for (const it of sample) {
    try {
      results.push(await checkConversation(it.client, it.conv, it.expected));
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      results.push({ conv: it.conv, expected: it.expected, stored: -1, holes: 0, duplicates: 0, error });
    }
  }
  const bad = results.filter((r) => r.holes || r.duplicates || r.stored !== r.expected);
  const stored = results.reduce((n, r) => n + Math.max(0, r.stored), 0);
  return {
    conversations: results.length,
    ok: bad.length === 0,
    detail: `${results.length} conversations pulled back, ${stored} messages, ${bad.length} with holes, duplicates, a count unlike the acks or a failed pull${bad[0]?.error ? ` (${bad[0].error})` : ''}`,
    bad: bad.slice(0, 5),
  };
}
