/** The registry of servers a scenario runs against: Pigeon first, then its baselines. */
import { pigeon } from './pigeon.js';
import { sioRelay, wsRelay } from './relays.js';
import type { TargetFactory, TargetName } from './target.js';

export const TARGETS: Readonly<Record<TargetName, TargetFactory>> = Object.freeze({
  pigeon,
  ws: wsRelay,
  sio: sioRelay,
});
