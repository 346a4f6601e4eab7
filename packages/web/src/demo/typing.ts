/**
 * "Typing…" in 1:1 chats. The protocol has no typing op, so, as Easemob apps do, it is a cmd message
 * (action TypingBegin): pushed to the peer's online devices only, never stored, never unread.
 */
import SDK from '@pigeon/sdk/web';
import { reactive } from 'vue';
import { isGroup, isRoom, type ConvKey } from './model';

type Connection = InstanceType<typeof SDK.connection>;

const BEGIN = 'TypingBegin';
/** A peer shows as typing this long after its last signal (it repeats every SEND_EVERY while typing). */
const SHOW_FOR = 5_000;
const SEND_EVERY = 3_000;

/** Peers typing now, by conversation key. */
export const typing = reactive<Record<ConvKey, boolean>>({});

let conn: Connection | undefined;
const timers = new Map<ConvKey, ReturnType<typeof setTimeout>>();
const lastSent = new Map<ConvKey, number>();

function stop(key: ConvKey): void {
  clearTimeout(timers.get(key));
  timers.delete(key);
  delete typing[key];
}

function start(key: ConvKey): void {
  clearTimeout(timers.get(key));
  typing[key] = true;
  timers.set(
    key,
    setTimeout(() => stop(key), SHOW_FOR),
  );
}

export function installTyping(c: Connection): void {
  conn = c;
  c.addEventHandler('demo-typing', {
    onCmdMessage: (m) => {
      if (m.chatType === 'singleChat' && m.action === BEGIN && m.from) start(m.from);
    },
    // A message from the peer ends its typing.
    onMessage: (msgs) => msgs.forEach((m) => m.chatType === 'singleChat' && m.from && stop(m.from)),
  });
}

/** Called on each keystroke in a 1:1 chat: tells the peer at most every SEND_EVERY. */
export function notifyTyping(key: ConvKey): void {
  if (!conn || isGroup(key) || isRoom(key)) return;
  const now = Date.now();
  if (now - (lastSent.get(key) ?? 0) < SEND_EVERY) return;
  lastSent.set(key, now);
  const cmd = SDK.message.create({
    type: 'cmd',
    chatType: 'singleChat',
    to: key,
    action: BEGIN,
    deliverOnlineOnly: true,
  });
  conn.send(cmd).catch(() => undefined);
}

export function resetTyping(): void {
  for (const key of [...timers.keys()]) stop(key);
  lastSent.clear();
}
