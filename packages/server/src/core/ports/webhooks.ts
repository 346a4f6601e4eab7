/** Webhooks (docs/webhooks.md): the HTTP client an edge provides, the durable outbox, offline push. */

/** One HTTP POST of a signed JSON body. Rejects on network errors and on timeout. */
export interface WebhookRequest {
  url: string;
  body: string;
  headers: Record<string, string>;
  timeoutMs: number;
}

export interface WebhookResponse {
  status: number;
  text: string;
}

export interface WebhookTransport {
  post(req: WebhookRequest): Promise<WebhookResponse>;
}

export type OutboxState = 'pending' | 'dead';

/** A post event waiting for (or given up on) delivery to one URL. */
export interface OutboxRow {
  /** Row id: one per (event, url). */
  id: string;
  appId: string;
  /** The event id receivers deduplicate on: the same for every URL and every attempt. */
  eventId: string;
  type: string;
  url: string;
  /** The JSON body as sent. */
  payload: string;
  state: OutboxState;
  attempts: number;
  nextAttemptAt: number;
  lastError: string | null;
  createdAt: number;
}

export type NewOutboxRow = Omit<OutboxRow, 'state' | 'attempts' | 'lastError'>;

export interface WebhookOutboxRepository {
  /** Inserts many rows in one statement. */
  enqueue(rows: NewOutboxRow[]): Promise<void>;
  /**
   * Leases up to `limit` pending rows due at `now` to `owner` until `leaseUntil`: a row is leased to
   * one node at a time, so in a cluster only one node delivers it.
   */
  claim(owner: string, now: number, leaseUntil: number, limit: number): Promise<OutboxRow[]>;
  /** Delivered: the row is deleted. */
  delivered(id: string): Promise<void>;
  /** A failed attempt: retried at `nextAttemptAt`, or dead when `dead`. */
  failed(id: string, attempts: number, nextAttemptAt: number, error: string, dead: boolean): Promise<void>;
  /** Dead letters of the app, newest first, ids below `before` (a cursor). */
  listDead(appId: string, limit: number, before?: string): Promise<OutboxRow[]>;
  /** Puts a dead letter back to pending with fresh attempts; false when there is none. */
  revive(appId: string, id: string, now: number): Promise<boolean>;
  /** Rows of the app waiting for delivery and given up on. */
  counts(appId: string): Promise<{ pending: number; dead: number }>;
  /** Deletes a dead letter; false when there is none. */
  drop(appId: string, id: string): Promise<boolean>;
  /** The ack of a message already committed with this (sender, client id), for deduplicated retries. */
  committedAck(
    appId: string,
    from: string,
    cid: string,
  ): Promise<{ id: string; cid: string; conv: string; seq: number; ts: number } | undefined>;
}

/** An offline push, rendered from the app's templates, for one recipient. */
export interface PushNotice {
  appId: string;
  appKey: string;
  user: string;
  title: string;
  body: string;
  /** Unread messages of the conversation for the recipient. */
  badge: number;
  conv: string;
  msgId: string;
  from: string;
}

/** Where offline pushes go (APNs, FCM, a vendor's push): an adapter implements this one call. */
export interface PushProvider {
  readonly name: string;
  push(notice: PushNotice): Promise<void>;
}
