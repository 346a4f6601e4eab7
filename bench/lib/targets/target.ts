/** A server under test: Pigeon itself, or one of the baselines it is measured against. */
import type { BenchClient } from '../client.js';
import type { ServerChild } from './child.js';

export type TargetName = 'pigeon' | 'ws' | 'sio';

export interface Account {
  user: string;
  token: string;
}

export interface StartOptions {
  /** Core to pin the server to; undefined = not pinned. */
  cpu: number | undefined;
  /** Directory for the server's data (Pigeon only); a fresh temp dir when omitted. */
  dataDir?: string;
  /** Extra node flags for the server process (e.g. --trace-gc in the soak). */
  nodeFlags?: string[];
  /** Extra flags for `pigeon start` (e.g. --durability full); the relays ignore them. */
  serverArgs?: string[];
}

export interface ConnectOptions {
  localAddress?: string;
  deviceId?: string;
  timeoutMs?: number;
}

export interface Target {
  readonly name: TargetName;
  readonly label: string;
  /** Whether acked messages are stored (seq assigned, pull works): only Pigeon. */
  readonly stores: boolean;
  readonly child: ServerChild;
  readonly dataDir: string | undefined;
  /** Users able to sign in; created on the server where it has users. */
  accounts(count: number, prefix: string): Promise<Account[]>;
  /** Creates a chatroom owned by `owner` for up to `maxUsers` (Pigeon: as the app admin, over REST). */
  createRoom(owner: string, maxUsers: number): Promise<string>;
  /** Opens a connection and signs in; the promise settles with the auth reply. */
  connect(account: Account, opts?: ConnectOptions): Promise<BenchClient>;
  stop(): Promise<void>;
}

export interface TargetFactory {
  readonly name: TargetName;
  readonly label: string;
  /** Why it cannot run here, or undefined when it can. */
  unavailable(): string | undefined;
  start(opts: StartOptions): Promise<Target>;
}

/** Auth frame data as docs/protocol.md defines it; relays read `token` as the user name. */
export const authData = (appKey: string, token: string, deviceId: string) => ({
  v: 1,
  appKey,
  token,
  platform: 'node',
  deviceId,
  sdk: 'pigeon-bench/1',
});
