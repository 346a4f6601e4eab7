/**
 * Two Pigeon nodes on one real PostgreSQL database and one real Redis: the cluster tests' set-up.
 * Callers skip (loudly) when `hasPostgres && hasRedis` is false.
 */
import { startEnv, type TestEnv } from './env.js';
import { sharedPostgres } from './pg.js';
import { startRedis, type TestRedis } from './redis.js';

export interface TwoNodes {
  redis: TestRedis;
  n1: TestEnv;
  n2: TestEnv;
  close(): Promise<void>;
}

export async function startTwoNodes(): Promise<TwoNodes> {
  const redis = await startRedis();
  const started: TestEnv[] = [];
  const close = async () => {
    for (const n of started) await n.close();
    await redis.stop();
  };
  try {
    const url = await (await sharedPostgres()).database();
    for (const nodeId of [1, 2]) started.push(await startEnv({ db: { url }, redis: redis.url, nodeId }));
  } catch (e) {
    await close();
    throw e;
  }
  return { redis, n1: started[0]!, n2: started[1]!, close };
}
