/** The two baselines: a bare `ws` relay and a minimal Socket.IO relay (lib/relays/*.mjs). */
import { fileURLToPath } from 'node:url';
import type { BenchClient } from '../client.js';
import { FrameClient } from '../frame-client.js';
import { loopbackUrl } from '../loopback.js';
import { SioClient } from '../sio-client.js';
import { spawnServer } from './child.js';
import type { Account, ConnectOptions, StartOptions, Target, TargetFactory, TargetName } from './target.js';
import { authData } from './target.js';

const relayScript = (file: string) => fileURLToPath(new URL(`../relays/${file}`, import.meta.url));

interface RelaySpec {
  name: TargetName;
  label: string;
  script: string;
  open: (url: string, opts: { localAddress?: string; timeoutMs?: number }) => Promise<BenchClient>;
}

function relay(spec: RelaySpec): TargetFactory {
  return Object.freeze({
    name: spec.name,
    label: spec.label,
    unavailable: () => undefined,
    async start(opts: StartOptions): Promise<Target> {
      const child = await spawnServer({
        nodeArgs: [...(opts.nodeFlags ?? []), relayScript(spec.script)],
        cpu: opts.cpu,
        readyPattern: /^ready on (\S+)/,
      });
      const url = loopbackUrl(child.match[1]);
      return Object.freeze({
        name: spec.name,
        label: spec.label,
        stores: false,
        child,
        dataDir: undefined,
        accounts: async (count: number, prefix: string): Promise<Account[]> =>
          Array.from({ length: count }, (_, i) => ({ user: `${prefix}${i}`, token: `${prefix}${i}` })),
        createRoom: async () => 'bench-room',
        async connect(account: Account, c: ConnectOptions = {}): Promise<BenchClient> {
          const client = await spec.open(url, c);
          await client.request('auth', authData('bench#relay', account.token, c.deviceId ?? 'd0'));
          return client;
        },
        stop: async () => void (await child.stop()),
      });
    },
  });
}

export const wsRelay = relay({
  name: 'ws',
  label: 'bare ws relay',
  script: 'ws-relay.mjs',
  open: (url, opts) => FrameClient.open(url, opts),
});

export const sioRelay = relay({
  name: 'sio',
  label: 'Socket.IO relay',
  script: 'sio-relay.mjs',
  open: (url, opts) => SioClient.open(url, opts),
});
