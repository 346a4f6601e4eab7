/** Contacts, block list, profile and presence ops: each maps onto one core call (spread into OP_HANDLERS). */
import type { ContactsOps, OpRequest } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { Caller } from '../../core/types.js';

type Handler = (core: Core, caller: Caller, d: never) => Promise<unknown> | unknown;

export const CONTACTS_OP_HANDLERS: Record<keyof ContactsOps, Handler> = {
  'contact.add': (core, caller, d: OpRequest<'contact.add'>) => core.contacts.request(caller, d),
  'contact.accept': (core, caller, d: OpRequest<'contact.accept'>) => core.contacts.accept(caller, d),
  'contact.decline': (core, caller, d: OpRequest<'contact.decline'>) => core.contacts.decline(caller, d),
  'contact.delete': (core, caller, d: OpRequest<'contact.delete'>) => core.contacts.remove(caller, d),
  'contact.list': (core, caller, d: OpRequest<'contact.list'>) => core.contacts.list(caller, d),
  'contact.remark': (core, caller, d: OpRequest<'contact.remark'>) => core.contacts.remark(caller, d),
  'contact.sync': (core, caller, d: OpRequest<'contact.sync'>) => core.contactLog.sync(caller, d),
  'block.add': (core, caller, d: OpRequest<'block.add'>) => core.blocks.add(caller, d),
  'block.remove': (core, caller, d: OpRequest<'block.remove'>) => core.blocks.remove(caller, d),
  'block.list': (core, caller) => core.blocks.list(caller),
  'profile.update': (core, caller, d: OpRequest<'profile.update'>) => core.profiles.update(caller, d),
  'profile.get': (core, caller, d: OpRequest<'profile.get'>) => core.profiles.get(caller.app, d),
  'presence.publish': (core, caller, d: OpRequest<'presence.publish'>) => core.presence.publish(caller, d),
  'presence.subscribe': (core, caller, d: OpRequest<'presence.subscribe'>) => core.presence.subscribe(caller, d),
  'presence.unsubscribe': (core, caller, d: OpRequest<'presence.unsubscribe'>) => core.presence.unsubscribe(caller, d),
  'presence.subscriptions': (core, caller, d: OpRequest<'presence.subscriptions'>) =>
    core.presence.subscriptions(caller, d),
  'presence.get': (core, caller, d: OpRequest<'presence.get'>) => core.presence.get(caller, d),
};
