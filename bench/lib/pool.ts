/** Opening many signed-in connections at once, spread over loopback source addresses. */
import { performance } from 'node:perf_hooks';
import type { BenchClient } from './client.js';
import { errorName } from './client.js';
import { bindAddress } from './loopback.js';
import { Samples } from './samples.js';
import type { Account, Target } from './targets/target.js';

export interface ConnectOptions {
  concurrency: number;
  /** Connections per source address before moving to the next 127.0.0.x. */
  perAddress: number;
  /** Index of the first connection (for the source address and the device id). */
  offset?: number;
  onProgress?: (done: number, failed: number) => void;
  /** Where to record per-connection latency (so a caller can read it while connecting). */
  latency?: Samples;
  /** Called as each client signs in (e.g. to start its heartbeat at once). */
  onConnected?: (client: BenchClient) => void;
}

export interface ConnectResult {
  /** One entry per account, undefined where it failed. */
  clients: (BenchClient | undefined)[];
  ok: number;
  failed: number;
  errors: Record<string, number>;
  /** ms from starting the TCP connect to the auth reply, per connection. */
  latency: Samples;
  seconds: number;
  /** Source addresses used. */
  addresses: number;
}

export async function connectMany(target: Target, accounts: Account[], opts: ConnectOptions): Promise<ConnectResult> {
  const clients = new Array<BenchClient | undefined>(accounts.length);
  const latency = opts.latency ?? new Samples();
  const errors: Record<string, number> = {};
  let next = 0;
  let ok = 0;
  let failed = 0;
  const offset = opts.offset ?? 0;
  const t0 = performance.now();
  const worker = async () => {
    while (next < accounts.length) {
      const i = next++;
      const start = performance.now();
      try {
        const localAddress = bindAddress(offset + i, opts.perAddress);
        const client = await target.connect(accounts[i], { localAddress, deviceId: `d${offset + i}` });
        clients[i] = client;
        opts.onConnected?.(client);
        latency.push(performance.now() - start);
        ok++;
      } catch (err) {
        failed++;
        const name = errorName(err);
        errors[name] = (errors[name] ?? 0) + 1;
      }
      opts.onProgress?.(ok, failed);
    }
  };
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, accounts.length) }, worker));
  const addresses = accounts.length ? 1 + Math.floor((offset + accounts.length - 1) / opts.perAddress) : 0;
  return { clients, ok, failed, errors, latency, seconds: (performance.now() - t0) / 1000, addresses };
}

/** Closes every client and waits (bounded) for the closes to finish. */
export async function closeAll(clients: (BenchClient | undefined)[], timeoutMs = 5000): Promise<void> {
  const open = clients.filter((c): c is BenchClient => c !== undefined);
  for (const c of open) c.close();
  await Promise.race([Promise.all(open.map((c) => c.closed)), new Promise((r) => setTimeout(r, timeoutMs))]);
  for (const c of open) c.terminate();
}
