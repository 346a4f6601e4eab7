/**
 * What the group and chatroom calls need from a connection, bound per connection instance (the
 * connection's own state stays private; mixin methods reach it through `apiOf(this)`).
 */
import type { ChatroomJoinReply } from '@pigeon/protocol';
import type { Request } from '../conversations.js';
import { invalid } from '../errors.js';
import type { AsyncResult } from '../types.js';

export interface ApiContext {
  request: Request;
  me(): string;
  /** Hands a joined room's recent history to the ordering layer (deduplicated by seq). */
  roomHistory(roomId: string, reply: ChatroomJoinReply): void;
  /** Rooms this connection joined: rejoined after a reconnect, left on close(). */
  rooms: Set<string>;
}

const contexts = new WeakMap<object, ApiContext>();

export function bindApi(host: object, ctx: ApiContext): void {
  contexts.set(host, ctx);
}

export function apiOf(host: object): ApiContext {
  const ctx = contexts.get(host);
  if (!ctx) throw invalid('Call this on a connection instance');
  return ctx;
}

/** The base every API mixin extends. */
export class ApiHost {}

export type Ctor<T = object> = abstract new (...args: never[]) => T;

export const ok = <T>(data: T): AsyncResult<T> => ({ type: 0, data });

/** A required non-empty string parameter (INVALID_ARGUMENT naming the field otherwise). */
export function str(p: unknown, field: string): string {
  const v = (p as Record<string, unknown> | undefined)?.[field];
  if (typeof v !== 'string' || !v) throw invalid(`${field} must be a non-empty string`, { field });
  return v;
}

/** A required list of user names; a single name is accepted where Easemob takes `string | string[]`. */
export function names(p: unknown, field: string): string[] {
  const v = (p as Record<string, unknown> | undefined)?.[field];
  const list = typeof v === 'string' ? [v] : v;
  if (!Array.isArray(list) || !list.length || !list.every((u) => typeof u === 'string' && u))
    throw invalid(`${field} must name at least one user`, { field });
  return list as string[];
}

/** Drops undefined fields (the wire schemas refuse explicit undefined only by absence). */
export const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
