/**
 * Two Pigeon nodes on one real PostgreSQL database and one real Redis: the cluster tests' set-up.
 * Callers skip (loudly) when `hasPostgres && hasRedis` is false.
 */
import { afterAll, beforeAll } from 'vitest';
import { startEnv, type TestEnv } from './env.js';
import { sharedPostgres } from './pg.js';
import { startRedis, type TestRedis } from './redis.js';

export interface TwoNodes {
  redis: TestRedis;
  /** The nodes' PostgreSQL database. */
  dbUrl: string;
  n1: TestEnv;
  n2: TestEnv;
  /** Starts one more node on the same database and Redis (a node joining a running cluster). */
  startNode(nodeId: number): Promise<TestEnv>;
  close(): Promise<void>;
}

/** `dbUrl`: a database of the caller's own PostgreSQL (default: a new one on the shared server). */
export async function startTwoNodes(o: { dbUrl?: string } = {}): Promise<TwoNodes> {
  const redis = await startRedis();
  const started: TestEnv[] = [];
  const close = async () => {
    for (const n of started) await n.close();
    await redis.stop();
  };
  let url = '';
  const startNode = async (nodeId: number) => {
    const n = await startEnv({ db: { url }, redis: redis.url, nodeId });
    started.push(n);
    return n;
  };
  try {
    url = o.dbUrl ?? (await (await sharedPostgres()).database());
    for (const nodeId of [1, 2]) await startNode(nodeId);
  } catch (e) {
    await close();
    throw e;
  }
  return { redis, dbUrl: url, n1: started[0]!, n2: started[1]!, startNode, close };
}

/**
 * Inside a describe: two nodes started before its tests, with these users registered, and closed after.
 * Tests take them with `const { n1, n2 } = cluster();`.
 */
export function twoNodesPerSuite(...users: string[]): () => TwoNodes {
  let nodes: TwoNodes | undefined;
  beforeAll(async () => {
    nodes = await startTwoNodes();
    await nodes.n1.users(...users);
  });
  afterAll(() => nodes?.close());
  return () => nodes!;
}
