/** MUC metas a client sends itself: chatroom join and leave (joinChatRoom / leaveChatRoom). */
import { PigeonError } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';
import type { Plain } from './codec.js';

const JOIN = 2;
const LEAVE = 3;

export async function chatroomMuc(host: { core: Core; caller(): Promise<Caller> }, body: Plain): Promise<void> {
  const id = ((body.mucId as Plain | undefined)?.name as string | undefined) ?? '';
  const op = body.operation as number | undefined;
  if (!body.isChatroom || !id || (op !== JOIN && op !== LEAVE))
    throw new PigeonError('BAD_REQUEST', 'Only chatroom join and leave are sent as MUC metas.');
  const caller = await host.caller();
  if (op === JOIN) {
    const ext = typeof body.ext === 'string' && body.ext ? { ext: body.ext } : {};
    await host.core.chatrooms.membership.join(caller, { roomId: id, ...ext });
  } else await host.core.chatrooms.membership.leave(caller, { roomId: id });
}
