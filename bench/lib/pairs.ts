/** Sender/receiver pairs for 1:1 traffic: sender i writes only to receiver i. */
import type { BenchClient } from './client.js';
import { heartbeat, type Heartbeat } from './heartbeat.js';
import { closeAll, connectMany, type ConnectResult } from './pool.js';
import type { Target } from './targets/target.js';
import { Traffic, type Sender, type TrafficOptions } from './traffic.js';

export interface Pairs {
  traffic: Traffic;
  senders: Sender[];
  /** Online receivers (empty when they stay offline). */
  receivers: BenchClient[];
  clients: (BenchClient | undefined)[];
  failed: number;
  errors: Record<string, number>;
  /** Connections the server closed while the pairs were in use, by close code. */
  dropped: Record<string, number>;
  readonly heartbeat: Heartbeat;
  /** Stops the heartbeat and closes every connection. */
  close(): Promise<void>;
}

export interface PairOptions {
  prefix: string;
  receiversOnline: boolean;
  concurrency: number;
  perAddress: number;
  /** First connection index (source address and device id), so pools do not overlap. */
  offset?: number;
  /** Ping interval of every connection, as the SDK's heartBeatWait (default 30 s). */
  heartbeatMs?: number;
}

export async function openPairs(
  target: Target,
  count: number,
  traffic: TrafficOptions,
  opts: PairOptions,
): Promise<Pairs> {
  const accounts = await target.accounts(count * 2, opts.prefix);
  const senderAccounts = accounts.slice(0, count);
  const receiverAccounts = accounts.slice(count);
  const beat = heartbeat([], opts.heartbeatMs ?? 30_000);
  const base = { concurrency: opts.concurrency, perAddress: opts.perAddress, onConnected: beat.add };
  const recv: Pick<ConnectResult, 'clients' | 'failed' | 'errors'> = opts.receiversOnline
    ? await connectMany(target, receiverAccounts, { ...base, offset: opts.offset })
    : { clients: [], failed: 0, errors: {} };
  const send = await connectMany(target, senderAccounts, { ...base, offset: (opts.offset ?? 0) + count });
  const senders = send.clients.flatMap((c, i) =>
    c ? [Traffic.sender(c, senderAccounts[i].user, receiverAccounts[i].user)] : [],
  );
  const t = new Traffic(senders, traffic);
  const receivers = recv.clients.filter((c): c is BenchClient => c !== undefined);
  for (const r of receivers) t.receiveOn(r);
  const clients = [...recv.clients, ...send.clients];
  const live = clients.filter((c): c is BenchClient => c !== undefined);
  const dropped: Record<string, number> = {};
  let closing = false;
  for (const c of live)
    void c.closed.then((code) => {
      if (!closing) dropped[code] = (dropped[code] ?? 0) + 1;
    });
  return {
    traffic: t,
    senders,
    receivers,
    clients,
    failed: recv.failed + send.failed,
    errors: { ...recv.errors, ...send.errors },
    dropped,
    heartbeat: beat,
    async close() {
      await beat.stop();
      closing = true;
      await closeAll(clients);
    },
  };
}
