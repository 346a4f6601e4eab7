/** Opens the data directory's database without serving, for the offline commands (token, app, users, export). */
import { openBlobs } from '../blob/open-blobs.js';
import { MemoryRateCounter } from '../bus/memory-rate-counter.js';
import { MemoryBus } from '../bus/memory.js';
import { loadConfig } from '../config.js';
import { createCore, type Core, type CoreOptions } from '../core/index.js';
import { images } from '../media/images.js';
import { openStore } from '../store/open-store.js';

export async function withOfflineCore<T>(
  dataDir: string | undefined,
  run: (core: Core) => Promise<T>,
  options: Partial<CoreOptions> = {},
): Promise<T> {
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
      options: {
        nodeId: config.nodeId,
        batch: config.batch,
        limits: config.limits,
        passwordCost: config.passwordCost,
        ...options,
      },
    });
    return await run(core);
  } finally {
    await store.close();
  }
}
