/**
 * Which Easemob device sent a message: the client id of a message sent over msync carries a short tag
 * of the sending resource, so the user's other devices get the message (own-device sync, shown as
 * sent by me) and the sending device does not get it back. The tag also keeps two devices' local ids
 * apart in the (app, sender, cid) deduplication of retried sends.
 */
import { createHash } from 'node:crypto';
import type { Message } from '@pigeon/protocol';

export const deviceTag = (resource: string): string =>
  createHash('sha256').update(resource).digest('base64url').slice(0, 12);

export const cidOf = (tag: string, localId: string): string => `em.${tag}.${localId}`;

/** The message is this device's own send (it needs no delivery back). */
export const sentByDevice = (m: Pick<Message, 'from' | 'cid'>, user: string, tag: string): boolean =>
  m.from === user && typeof m.cid === 'string' && m.cid.startsWith(`em.${tag}.`);
