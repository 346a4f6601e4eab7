/** What every chatroom service needs: the durable side, the live side, a lock and the notifier. */
import type { ChatroomEventData } from '@pigeon/protocol';
import type { IdGenerator } from '../ids.js';
import type { Bus } from '../ports/bus.js';
import type { Clock } from '../ports/clock.js';
import type { Repositories } from '../ports/index.js';
import type { Hub } from '../sessions/hub.js';
import { KeyedLock } from '../social/keyed-lock.js';
import type { Caller } from '../types.js';
import type { LiveRoom, LiveRooms } from './room-live.js';
import type { RoomDirectory, RoomState } from './room-state.js';

export interface ChatroomLimits {
  /** How long a user whose last connection dropped stays in their rooms. */
  graceMs: number;
  /** Recent messages kept per room and handed to joiners. */
  historySize: number;
  maxUsersCap: number;
  defaultMaxUsers: number;
  /** Above this many members, joins and leaves are not announced (each would be a broadcast to all). */
  presenceEventsMax: number;
  cacheSize: number;
}

export interface ChatroomDeps {
  repos: Repositories;
  hub: Hub;
  clock: Clock;
  ids: IdGenerator;
  limits: ChatroomLimits;
  /** Shared counters (room seqs) and live state across nodes. */
  bus: Bus;
}

export class RoomContext {
  readonly repos: Repositories;
  readonly hub: Hub;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly limits: ChatroomLimits;
  readonly bus: Bus;
  readonly directory: RoomDirectory;
  readonly live: LiveRooms;
  readonly #lock = new KeyedLock();

  constructor(d: ChatroomDeps, directory: RoomDirectory, live: LiveRooms) {
    ({ repos: this.repos, hub: this.hub, clock: this.clock, ids: this.ids, limits: this.limits, bus: this.bus } = d);
    this.directory = directory;
    this.live = live;
  }

  mutate<T>(caller: Caller, roomId: string, fn: (s: RoomState, live: LiveRoom | undefined) => Promise<T>): Promise<T> {
    return this.#lock.run(`${caller.app.id}\u0000${roomId}`, async () => {
      const s = await this.state(caller, roomId);
      return fn(s, this.live.get(caller.app.id, roomId));
    });
  }

  state(caller: Caller, roomId: string): Promise<RoomState> {
    return this.directory.get(caller.app.id, roomId);
  }

  changed(caller: Caller, roomId: string): void {
    this.directory.invalidate(caller.app.id, roomId);
  }

  present(caller: Caller, roomId: string): string[] {
    return [...(this.live.get(caller.app.id, roomId)?.members.keys() ?? [])];
  }

  notify(appId: string, users: Iterable<string>, d: ChatroomEventData, except?: string): void {
    this.hub.emitMany(appId, users, 'room', d, except);
  }

  /** Tells the users present about a change (the session that made it excepted). */
  tell(
    caller: Caller,
    roomId: string,
    d: Omit<ChatroomEventData, 'from' | 'id'> & { from?: string },
    users?: Iterable<string>,
  ): void {
    this.notify(
      caller.app.id,
      users ?? this.present(caller, roomId),
      { from: caller.user, id: roomId, ...d },
      caller.sessionId,
    );
  }
}
