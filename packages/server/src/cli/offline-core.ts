/** Opens the data directory's database without serving, for the token and app commands. */
import { openBlobs } from '../blob/open-blobs.js';
import { MemoryRateCounter } from '../bus/memory-rate-counter.js';
import { MemoryBus } from '../bus/memory.js';
import { loadConfig } from '../config.js';
import { createCore, type Core } from '../core/index.js';
import { images } from '../media/images.js';
import { openStore } from '../store/open-store.js';

export async function withOfflineCore<T>(dataDir: string | undefined, run: (core: Core) => Promise<T>): Promise<T> {
  const config = loadConfig({ env: process.env, options: dataDir ? { dataDir } : {} });
  const store = await openStore({
    driver: config.db.driver,
    dataDir: config.dataDir,
    durability: config.db.durability,
    url: config.db.url,
    poolSize: config.db.poolSize,
  });
  try {
    const core = createCore({
      repos: store.repos,
      bus: new MemoryBus(),
      rateCounter: new MemoryRateCounter(),
      blobs: openBlobs({ driver: 'local', dataDir: config.dataDir }),
      images,
      options: { nodeId: config.nodeId, batch: config.batch, limits: config.limits },
    });
    return await run(core);
  } finally {
    await store.close();
  }
}
