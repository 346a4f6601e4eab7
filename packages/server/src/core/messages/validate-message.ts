/** Checks an outgoing message against its type's schema and the size limit. */
import { MESSAGE_TYPES, PigeonError, type MessageType, type OutgoingMessage } from '@pigeon/protocol';
import { TypeCompiler, type TypeCheck } from '@sinclair/typebox/compiler';
import type { TSchema } from '@sinclair/typebox';
import { OutgoingSchemas } from './message-schema.js';

const checkers = new Map<string, TypeCheck<TSchema>>(
  Object.entries(OutgoingSchemas).map(([t, s]) => [t, TypeCompiler.Compile<TSchema>(s)]),
);

/** Throws BAD_REQUEST with `details.path` (relative to the message, e.g. `/body/text`). */
export function validateOutgoing(msg: unknown, pathPrefix = ''): OutgoingMessage {
  const type = (msg as { type?: unknown } | null)?.type;
  if (typeof msg !== 'object' || msg === null || !MESSAGE_TYPES.includes(type as MessageType)) {
    throw new PigeonError('BAD_REQUEST', `Message type must be one of ${MESSAGE_TYPES.join(', ')}`, {
      details: { path: `${pathPrefix}/type` },
    });
  }
  const checker = checkers.get(type as MessageType)!;
  if (checker.Check(msg)) return msg as OutgoingMessage; // the compiled check; errors are listed only on failure
  const err = checker.Errors(msg).First();
  if (err)
    throw new PigeonError('BAD_REQUEST', `${err.path || '/'}: ${err.message}`, {
      details: { path: `${pathPrefix}${err.path}` },
    });
  return msg as OutgoingMessage;
}

/** Bytes the message content (body and ext) takes, as stored and pushed. */
export function contentBytes(msg: Pick<OutgoingMessage, 'body' | 'ext'>): number {
  return Buffer.byteLength(JSON.stringify(msg.body)) + (msg.ext ? Buffer.byteLength(JSON.stringify(msg.ext)) : 0);
}

export function checkSize(msg: OutgoingMessage, maxBytes: number): void {
  const bytes = contentBytes(msg);
  if (bytes > maxBytes) {
    throw new PigeonError('MESSAGE_TOO_LARGE', `The message takes ${bytes} bytes; the limit is ${maxBytes}.`, {
      details: { bytes, maxBytes },
    });
  }
}
