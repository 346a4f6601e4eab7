/**
 * msg.send, for WebSocket and REST alike: validate, check the recipient, then either pass a
 * command straight through, or commit through the group-commit batcher and ack after the commit.
 */
import {
  PigeonError,
  groupKey,
  isPassthrough,
  singleKey,
  type Message,
  type OutgoingMessage,
  type SendAck,
} from '@pigeon/protocol';
import type { Chatrooms } from '../chatrooms/index.js';
import type { Groups } from '../groups/index.js';
import type { IdGenerator } from '../ids.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { CommitOutcome, MessageRepository, NewMessage } from '../ports/messages.js';
import type { RelationRepository } from '../ports/relations.js';
import type { UserRepository } from '../ports/users.js';
import type { Hub } from '../sessions/hub.js';
import type { App, Caller } from '../types.js';
import type { AppHooks, CommittedMessage } from '../webhooks/app-hooks.js';
import { checkSingleChat } from '../contacts/chat-permission.js';
import type { CoreOptions } from '../options.js';
import { normalizeUsername } from '../users/usernames.js';
import { Batcher } from './batcher.js';
import { FanOut } from './fan-out.js';
import { checkSize, validateOutgoing } from './validate-message.js';

export interface SendDeps {
  messages: MessageRepository;
  users: UserRepository;
  relations: RelationRepository;
  hub: Hub;
  ids: IdGenerator;
  clock: Clock;
  logger: Logger;
  options: CoreOptions;
  groups: Groups;
  rooms: Chatrooms;
  /** The app's uploaded files a message body points at; throws when one does not exist. */
  attachments?(app: App, body: unknown): Promise<string[]>;
  /** Moderation and pre-send before commit; webhooks and offline push after (docs/webhooks.md). */
  hooks?: AppHooks;
}

interface Queued {
  msg: NewMessage;
  app: App;
  except?: string;
  /** Who gets the push when it is not `msg.members` (a group's cached member list). */
  recipients?: readonly string[];
}

/** Pushes of a large group's message go out in slices, so other work interleaves. */
const PUSH_SLICE = 2000;

export class SendService {
  readonly #d: SendDeps;
  readonly fanOut: FanOut;
  readonly batcher: Batcher<Queued, CommitOutcome>;

  constructor(deps: SendDeps) {
    this.#d = deps;
    this.fanOut = new FanOut((e) => deps.logger.error({ err: e }, 'push failed'));
    const { windowMs, maxSize } = deps.options.batch;
    this.batcher = new Batcher({ windowMs, maxSize, commit: (items) => this.#commit(items) });
  }

  /**
   * `trusted`: sent by the app's backend (REST), which may message anyone whatever the friend rule.
   * `pathPrefix`: where the message sits in the request, for error paths (`/msg` in a frame).
   */
  async send(caller: Caller, raw: unknown, opts: { trusted?: boolean; pathPrefix?: string } = {}): Promise<SendAck> {
    const prefix = opts.pathPrefix ?? '/msg';
    let out = validateOutgoing(raw, prefix);
    if (!this.#d.hub.available)
      throw new PigeonError('UNAVAILABLE', 'Delivery between servers is down; nothing was stored; retry.');
    checkSize(out, this.#maxBytes(caller.app));
    const trusted = opts.trusted ?? false;
    if (out.chat === 'room') return this.#sendToRoom(caller, out, trusted, prefix);
    if (out.chat === 'group') return this.#sendToGroup(caller, out, trusted, prefix);
    const to = normalizeUsername(out.to, `${prefix}/to`);
    await this.#checkRecipient(caller, to, trusted);
    const screened = await this.#screen(caller, out, trusted, prefix);
    if (!('type' in screened)) return screened;
    out = screened;
    const members = caller.user === to ? [to] : [caller.user, to];
    const msg = newMessage(out, caller.app.id, this.#d.ids(), singleKey(caller.user, to), caller.user, to, members);
    return this.#deliver(caller.app, msg, out, caller.sessionId);
  }

  /** Stored once in `g:<id>` whatever the member count; pushed to members from the cached list. */
  async #sendToGroup(caller: Caller, out: OutgoingMessage, trusted: boolean, prefix: string): Promise<SendAck> {
    const { recipients, mentions } = await this.#d.groups.messages.authorize(caller, out, trusted);
    const screened = await this.#screen(caller, out, trusted, prefix);
    if (!('type' in screened)) return screened;
    out = screened;
    const msg = newMessage(out, caller.app.id, this.#d.ids(), groupKey(out.to), caller.user, out.to, []);
    if (mentions.length) msg.mentions = mentions;
    if (out.groupAck) msg.groupAck = true;
    return this.#deliver(caller.app, msg, out, caller.sessionId, recipients);
  }

  async #deliver(
    app: App,
    msg: NewMessage,
    out: OutgoingMessage,
    except?: string,
    recipients?: readonly string[],
  ): Promise<SendAck> {
    if (isPassthrough(out.type) || out.onlineOnly) return this.#passThrough(msg, except, out.onlineOnly, recipients);
    const files = (await this.#d.attachments?.(app, out.body)) ?? [];
    if (files.length) msg.files = files;
    const o = await this.batcher.add(recipients ? { msg, app, except, recipients } : { msg, app, except });
    return { id: o.id, cid: o.cid, conv: o.conv, seq: o.seq, ts: o.ts };
  }

  /** Chatroom messages are not stored: screened, then broadcast; webhooks hear of them after. */
  async #sendToRoom(caller: Caller, out: OutgoingMessage, trusted: boolean, prefix: string): Promise<SendAck> {
    const screened = await this.#screen(caller, out, trusted, prefix);
    if (!('type' in screened)) return screened;
    const ack = await this.#d.rooms.messages.send(caller, screened, this.#d.ids(), trusted);
    const hooks = this.#d.hooks;
    if (hooks && !isPassthrough(screened.type) && !screened.onlineOnly) {
      const message = {
        ...screened,
        id: ack.id,
        conv: ack.conv,
        from: caller.user,
        seq: ack.seq,
        ts: ack.ts,
      } as Message;
      await hooks.committed([{ app: caller.app, message, recipients: [] }]);
    }
    return ack;
  }

  /** The app's own backend (trusted) is not screened; users' messages are when the app asks for it. */
  async #screen(
    caller: Caller,
    out: OutgoingMessage,
    trusted: boolean,
    prefix: string,
  ): Promise<OutgoingMessage | SendAck> {
    const hooks = this.#d.hooks;
    if (trusted || !hooks?.screens(caller.app)) return out;
    const screened = await hooks.screen(caller, out, prefix);
    if ('type' in screened) checkSize(screened, this.#maxBytes(caller.app));
    return screened;
  }

  /** The app's own limit, else the server's (appLimits without building the merged object per send). */
  #maxBytes(app: App): number {
    return app.settings.limits.maxMessageBytes ?? this.#d.options.limits.maxMessageBytes;
  }

  async #checkRecipient(caller: Caller, to: string, trusted: boolean): Promise<void> {
    if (!(await this.#d.users.get(caller.app.id, to)))
      throw new PigeonError('USER_NOT_FOUND', `No user "${to}".`, { details: { user: to } });
    await checkSingleChat(this.#d.relations, caller, to, trusted);
  }

  /** Commands (and onlineOnly messages) are neither stored nor counted: seq 0, online devices only. */
  #passThrough(
    msg: NewMessage,
    except: string | undefined,
    onlineOnly?: boolean,
    recipients?: readonly string[],
  ): SendAck {
    const ts = this.#d.clock.now();
    this.#push(recipients ?? msg.members, msg.appId, toMessage(msg, 0, ts, onlineOnly), except);
    return { id: msg.id, cid: msg.cid, conv: msg.conv, seq: 0, ts };
  }

  async #commit(items: Queued[]): Promise<Array<CommitOutcome | Error>> {
    const ts = this.#d.clock.now();
    const results = await this.#commitOrSplit(
      items.map((q) => q.msg),
      ts,
    );
    const committed: CommittedMessage[] = [];
    results.forEach((r, i) => {
      if (r instanceof Error || r.duplicate) return;
      const q = items[i]!;
      const message = toMessage(q.msg, r.seq, r.ts);
      const recipients = q.recipients ?? q.msg.members;
      this.#push(recipients, q.msg.appId, message, q.except);
      committed.push({ app: q.app, message, recipients });
    });
    if (committed.length) await this.#d.hooks?.committed(committed);
    return results;
  }

  /** One transaction for the batch; if it fails, each message alone, so one bad item fails alone. */
  async #commitOrSplit(batch: NewMessage[], ts: number): Promise<Array<CommitOutcome | Error>> {
    try {
      return await this.#d.messages.commit(batch, ts);
    } catch (e) {
      if (batch.length === 1) return [unavailable(e)];
      this.#d.logger.warn({ err: e, size: batch.length }, 'batch commit failed; committing one by one');
      const out: Array<CommitOutcome | Error> = [];
      for (const m of batch) out.push(await this.#d.messages.commit([m], ts).then((r) => r[0]!, unavailable));
      return out;
    }
  }

  /** After the acks; one serialization per message, the same frame to every recipient. */
  #push(users: readonly string[], appId: string, message: Message, except?: string): void {
    if (users.length <= PUSH_SLICE) {
      this.fanOut.enqueue(() => this.#d.hub.emitMany(appId, users, 'msg', message, except));
      return;
    }
    const text = JSON.stringify({ ev: 'msg', d: message });
    for (let i = 0; i < users.length; i += PUSH_SLICE) {
      const slice = users.slice(i, i + PUSH_SLICE);
      this.fanOut.enqueue(() => this.#d.hub.emitFrame(appId, slice, text, except));
    }
  }
}

/**
 * One literal with every field, in one order: spreading the message's fields into a literal with
 * more after them made V8 build it the slow way, and it cost more than the rest of the send path.
 */
function newMessage(
  out: OutgoingMessage,
  appId: string,
  id: string,
  conv: string,
  from: string,
  to: string,
  members: string[],
): NewMessage {
  const msg: NewMessage = {
    appId,
    id,
    cid: out.cid,
    conv,
    chat: out.chat,
    from,
    to,
    type: out.type,
    body: out.body,
    members,
  };
  if (out.ext !== undefined) msg.ext = out.ext;
  return msg;
}

function toMessage(m: NewMessage, seq: number, ts: number, onlineOnly?: boolean): Message {
  const message = {
    id: m.id,
    cid: m.cid,
    conv: m.conv,
    chat: m.chat,
    from: m.from,
    to: m.to,
    type: m.type,
    body: m.body,
    seq,
    ts,
  } as Message;
  if (m.ext !== undefined) message.ext = m.ext;
  if (onlineOnly) message.onlineOnly = true;
  if (m.groupAck) message.groupAck = true;
  return message;
}

/** A store failure: nothing was stored, the client may retry (dedup makes the retry safe). */
const unavailable = (e: unknown): PigeonError =>
  e instanceof PigeonError
    ? e
    : new PigeonError('UNAVAILABLE', 'The message could not be stored; retry.', { cause: e });
