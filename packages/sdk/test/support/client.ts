/** Test helpers: an SDK connection on the node adapter (real `ws` sockets) and an event log. */
import WebSocket from 'ws';
import { Connection, type ConnectionOptions, type EventHandlers, type EventName } from '../../src/core/index.js';
import { createNodeAdapter } from '../../src/platforms/node.js';
import { APP_KEY, type FakePigeonServer } from './fake-pigeon-server.js';

/** Fast timings so state-machine tests run in a fraction of a second. */
export const FAST = {
  heartBeatWait: 150,
  requestTimeout: 800,
  autoReconnectInterval: 20,
  autoReconnectMaxDelay: 80,
  autoReconnectNumMax: 5,
  closeTimeout: 200,
} satisfies Partial<ConnectionOptions>;

export function client(server: FakePigeonServer, opts: Partial<ConnectionOptions> = {}): Connection {
  return new Connection({
    appKey: APP_KEY,
    url: server.url,
    apiUrl: server.apiUrl,
    isFixedDeviceId: false,
    platform: createNodeAdapter({ WebSocket }),
    ...FAST,
    ...opts,
  });
}

const NAMES: EventName[] = [
  'onConnected',
  'onDisconnected',
  'onReconnecting',
  'onOnline',
  'onOffline',
  'onError',
  'onTokenWillExpire',
  'onTokenExpired',
  'onOfflineMessageSyncStart',
  'onOfflineMessageSyncFinish',
  'onTextMessage',
  'onImageMessage',
  'onAudioMessage',
  'onVideoMessage',
  'onFileMessage',
  'onLocationMessage',
  'onCmdMessage',
  'onCustomMessage',
  'onMessage',
  'onReceivedMessage',
  'onDeliveredMessage',
  'onReadMessage',
  'onChannelMessage',
  'onRecallMessage',
  'onMultiDeviceEvent',
];

export interface Recorder {
  events: { name: EventName; arg: unknown }[];
  names(): EventName[];
  count(name: EventName): number;
  args<T = unknown>(name: EventName): T[];
}

export function record(conn: Connection, id = 'rec'): Recorder {
  const events: Recorder['events'] = [];
  const handlers: Record<string, (arg: unknown) => void> = {};
  for (const name of NAMES) handlers[name] = (arg: unknown) => events.push({ name, arg });
  conn.addEventHandler(id, handlers as EventHandlers);
  return {
    events,
    names: () => events.map((e) => e.name),
    count: (name) => events.filter((e) => e.name === name).length,
    args: <T>(name: EventName) => events.filter((e) => e.name === name).map((e) => e.arg as T),
  };
}

export async function until<T>(probe: () => T, what: string, timeoutMs = 5000): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v) return v as NonNullable<T>;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
