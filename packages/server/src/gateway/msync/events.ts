/**
 * Hub events for a session of an Easemob client, as msync frames: stored messages as a NOTICE (the
 * client pulls), everything else pushed as metas in a CommSyncDL without a notice.
 */
import type { EventName, Events, Message } from '@pigeon/protocol';
import { NameSpace, T, encode, type Plain } from './codec.js';
import { messageMeta } from './delivery.js';
import { sentByDevice } from './device-tag.js';
import { conferenceJid, userJid } from './jids.js';
import { BodyType } from './message-map.js';
import { mucMeta, rosterMeta } from './social-events.js';

export interface EventsHost {
  readonly appKey: string;
  readonly user: string;
  /** deviceTag of this session's resource. */
  readonly tag: string;
  newId(): string;
  notice(conv: string): void;
  pushMetas(metas: Plain[]): void;
  /** A kick: the STATISTIC operation the SDK maps to its error type. */
  kicked(operation: number): void;
}

const peerOf = (conv: string, me: string): string => {
  const [kind, a = '', b = ''] = conv.split(':');
  return kind === 's' ? (a === me ? b : a) : a;
};

function ackMeta(host: EventsHost, type: number, conv: string, by: string, id: string | undefined): Plain {
  const group = !conv.startsWith('s:');
  const to = group ? conferenceJid(host.appKey, peerOf(conv, host.user)) : userJid(host.appKey, host.user);
  const body: Plain = { type, from: { name: by }, to: { name: to.name } };
  if (id) body.ackMessageId = id;
  return {
    id: host.newId(),
    from: userJid(host.appKey, by),
    to,
    timestamp: Date.now(),
    ns: NameSpace.CHAT,
    payload: encode(T.MessageBody, body),
  };
}

/** The user read a 1:1 conversation on another device: a channel ack from me to the peer (Easemob's multi-device sync). */
function ownChannelAck(host: EventsHost, conv: string): Plain {
  const peer = peerOf(conv, host.user);
  const body: Plain = { type: BodyType.CHANNEL_ACK, from: { name: host.user }, to: { name: peer } };
  return {
    id: host.newId(),
    from: userJid(host.appKey, host.user),
    to: userJid(host.appKey, peer),
    timestamp: Date.now(),
    ns: NameSpace.CHAT,
    payload: encode(T.MessageBody, body),
  };
}

/** STATISTIC operations: 1 user removed, 2 logged in on another device, 3 password changed, 4 kicked. */
const KICK_OPERATION: Record<Events['kicked']['reason'], number> = {
  kicked: 2,
  deactivated: 1,
  password_changed: 3,
  admin: 4,
};

const pushOne = (host: EventsHost, meta: Plain | undefined): void => {
  if (meta) host.pushMetas([meta]);
};

type Handler<E extends EventName> = (host: EventsHost, d: Events[E]) => void;

const HANDLERS: { [E in EventName]?: Handler<E> } = {
  msg: (host, m: Message) => {
    if (sentByDevice(m, host.user, host.tag)) return; // this device's own send (own sends from others are synced)
    if (m.seq > 0 && m.chat !== 'room') host.notice(m.conv);
    else host.pushMetas([messageMeta(host.appKey, m)]);
  },
  recall: (host, d) => host.pushMetas([ackMeta(host, BodyType.RECALL, d.conv, d.by, d.id)]),
  delivered: (host, d) => host.pushMetas([ackMeta(host, BodyType.DELIVER_ACK, d.conv, d.by, d.id)]),
  read: (host, d) => {
    if (d.by === host.user) {
      if (!d.id && d.conv.startsWith('s:')) host.pushMetas([ownChannelAck(host, d.conv)]);
      return;
    }
    host.pushMetas([ackMeta(host, d.id ? BodyType.READ_ACK : BodyType.CHANNEL_ACK, d.conv, d.by, d.id)]);
  },
  kicked: (host, d) => host.kicked(KICK_OPERATION[d.reason]),
  group: (host, d) => pushOne(host, mucMeta(host, d, false)),
  room: (host, d) => pushOne(host, mucMeta(host, d, true)),
  contact: (host, d) => host.pushMetas([rosterMeta(host, d)]),
};

export function onEvent<E extends EventName>(host: EventsHost, ev: E, d: Events[E]): void {
  (HANDLERS[ev] as Handler<E> | undefined)?.(host, d);
}
