/**
 * Group invitations and join requests that wait for an answer reach the user even if it was offline
 * when they were made: after every (re)connect the SDK asks the server for what is pending
 * (`group.pending`) and surfaces, as onGroupEvent `inviteToJoin` / `requestToJoin`, those this device
 * has not surfaced yet (live ones included). What was surfaced is remembered per user in the
 * platform's storage when it has one, so a restart does not repeat them.
 */
import type { GroupEventData, OpReply } from '@pigeon/protocol';
import type { Request } from './conversations.js';
import type { KeyValueStorage } from './platform.js';

const REMEMBERED = 500;

export interface GroupNoticesDeps {
  request: Request;
  surface(e: GroupEventData): void;
  failed(e: unknown): void;
  storage?: KeyValueStorage;
  key: string;
}

const keyOf = (e: GroupEventData): string | undefined =>
  e.ts === undefined
    ? undefined
    : e.op === 'inviteToJoin'
      ? `i|${e.id}|${e.ts}`
      : e.op === 'requestToJoin'
        ? `r|${e.id}|${e.userId ?? e.from}|${e.ts}`
        : undefined;

export class GroupNotices {
  readonly #d: GroupNoticesDeps;
  readonly #seen: string[];

  constructor(deps: GroupNoticesDeps) {
    this.#d = deps;
    this.#seen = this.#load();
  }

  /** A live group event: false when it is an invitation or request this device already surfaced. */
  live(e: GroupEventData): boolean {
    const key = keyOf(e);
    if (key === undefined) return true;
    if (this.#seen.includes(key)) return false;
    this.#remember(key);
    return true;
  }

  /** After each (re)connect; never rejects (a lost socket means the next connect asks again). */
  async sync(): Promise<void> {
    try {
      const r = await this.#d.request('group.pending', {});
      for (const e of noticesOf(r)) if (this.live(e)) this.#d.surface(e);
    } catch (e) {
      this.#d.failed(e);
    }
  }

  #remember(key: string): void {
    this.#seen.push(key);
    if (this.#seen.length > REMEMBERED) this.#seen.splice(0, this.#seen.length - REMEMBERED);
    try {
      this.#d.storage?.set(this.#d.key, JSON.stringify(this.#seen));
    } catch {
      // storage full: remembered in memory only
    }
  }

  #load(): string[] {
    try {
      const v: unknown = JSON.parse(this.#d.storage?.get(this.#d.key) ?? '[]');
      return Array.isArray(v) ? v.filter((k): k is string => typeof k === 'string') : [];
    } catch {
      return [];
    }
  }
}

function noticesOf(r: OpReply<'group.pending'>): GroupEventData[] {
  const invites = r.invitations.map((i): GroupEventData => ({
    op: 'inviteToJoin',
    id: i.groupId,
    from: i.from,
    name: i.name,
    reason: i.reason,
    ts: i.ts,
  }));
  const asks = r.requests.map((q): GroupEventData => ({
    op: 'requestToJoin',
    id: q.groupId,
    from: q.applicant,
    userId: q.applicant,
    name: q.name,
    reason: q.reason,
    ts: q.ts,
  }));
  return [...invites, ...asks];
}
