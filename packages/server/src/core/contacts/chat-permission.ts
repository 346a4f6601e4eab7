/** Whether a user may send a 1:1 message: not blocked by the recipient, and friends when the app says so. */
import { PigeonError } from '@pigeon/protocol';
import type { RelationRepository } from '../ports/relations.js';
import type { Caller } from '../types.js';

/** `trusted`: the app's backend (REST) sends whatever the relations. Refusals happen before anything is stored. */
export async function checkSingleChat(
  relations: RelationRepository,
  caller: Caller,
  to: string,
  trusted: boolean,
): Promise<void> {
  if (trusted || to === caller.user) return;
  const appId = caller.app.id;
  if (await relations.has(appId, to, caller.user, 'block'))
    throw new PigeonError('BLOCKED', `${to} has blocked ${caller.user}.`, { details: { user: to } });
  if (caller.app.settings.friendsRequired && !(await relations.has(appId, caller.user, to, 'friend')))
    throw new PigeonError('NOT_FRIENDS', `${caller.user} and ${to} are not friends.`, { details: { user: to } });
}
