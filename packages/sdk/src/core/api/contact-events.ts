/** Server events of contacts, profiles and presence, turned into the app's handlers. */
import type { EventFrame, Events as WireEvents } from '@pigeon/protocol';
import type { Events } from '../events.js';
import { contactEvent } from './contacts.js';
import { presenceType } from './presence.js';
import { userInfoChange } from './profiles.js';

/** Surfaces a profile or presence event; false for events that are not of this feature. */
export function surfaceContactsEvent(events: Events, f: EventFrame): boolean {
  if (f.ev === 'presence') events.emit('onPresenceStatusChange', [presenceType(f.d as WireEvents['presence'])]);
  else if (f.ev === 'profile') events.emit('onUserInfoChange', userInfoChange(f.d as WireEvents['profile']));
  else return false;
  return true;
}

export function surfaceContact(events: Events, e: WireEvents['contact']): void {
  const [handler, body] = contactEvent(e);
  events.emit(handler, body);
}
