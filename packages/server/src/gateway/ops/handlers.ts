/** The op table: each op after `auth` maps onto one core call (a registry map, not an if/else chain). */
import type { OpName, OpReply } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import { CONTACTS_OP_HANDLERS } from './contacts-handlers.js';
import { SOCIAL_EXTRA_HANDLERS } from './social-extra-handlers.js';
import { CHATROOM_HANDLERS, GROUP_HANDLERS } from './social-handlers.js';

type Handler = (core: Core, caller: Caller, d: never) => Promise<unknown> | unknown;

export const OP_HANDLERS: Record<Exclude<OpName, 'auth'>, Handler> = {
  ping: (): OpReply<'ping'> => ({ t: Date.now() }),
  'msg.send': (core, caller, d: { msg: unknown }) => core.sender.send(caller, d.msg),
  'msg.pull': (core, caller, d: Parameters<Core['messages']['pull']>[1]) => core.messages.pull(caller, d),
  'msg.history': (core, caller, d: Parameters<Core['messages']['history']>[1]) => core.messages.history(caller, d),
  'msg.recall': (core, caller, d: Parameters<Core['messages']['recall']>[1]) => core.messages.recall(caller, d),
  'msg.delivered': (core, caller, d: Parameters<Core['messages']['delivered']>[1]) =>
    core.messages.delivered(caller, d),
  'conv.read': (core, caller, d: Parameters<Core['conversations']['read']>[1]) => core.conversations.read(caller, d),
  'conv.list': (core, caller, d: Parameters<Core['conversations']['list']>[1]) => core.conversations.list(caller, d),
  'conv.delete': (core, caller, d: Parameters<Core['conversations']['delete']>[1]) =>
    core.conversations.delete(caller, d),
  'sync.positions': (core, caller, d: Parameters<Core['conversations']['positions']>[1]) =>
    core.conversations.positions(caller, d),
  ...CONTACTS_OP_HANDLERS,
  ...(GROUP_HANDLERS as Record<keyof typeof GROUP_HANDLERS, Handler>),
  ...(CHATROOM_HANDLERS as Record<keyof typeof CHATROOM_HANDLERS, Handler>),
  ...(SOCIAL_EXTRA_HANDLERS as Record<keyof typeof SOCIAL_EXTRA_HANDLERS, Handler>),
};
