/** User attributes as Easemob limits them: known keys have a length each, the whole profile 2 KB. */
import { PROFILE_LIMITS, PigeonError, type ProfileAttrs } from '@pigeon/protocol';

const KEY = new RegExp(`^[A-Za-z0-9_-]{1,${PROFILE_LIMITS.keyChars}}$`);
const encoder = new TextEncoder();

/** Checks names and per-value limits of an update; '' values mean "remove this attribute". */
export function checkAttrs(attrs: Record<string, unknown>, path: string): ProfileAttrs {
  const entries = Object.entries(attrs);
  if (entries.length === 0) throw new PigeonError('BAD_REQUEST', 'Give at least one attribute.', { details: { path } });
  for (const [key, value] of entries) {
    if (!KEY.test(key))
      throw new PigeonError('BAD_REQUEST', `Invalid attribute name ${JSON.stringify(key.slice(0, 40))}.`, {
        details: { path: `${path}/${key.slice(0, 40)}` },
      });
    if (typeof value !== 'string')
      throw new PigeonError('BAD_REQUEST', `Attribute ${key} must be a string.`, {
        details: { path: `${path}/${key}` },
      });
    const limit = PROFILE_LIMITS.value[key];
    if (limit !== undefined && [...value].length > limit)
      throw new PigeonError('VALUE_TOO_LARGE', `Attribute ${key} is longer than ${limit} characters.`, {
        details: { path: `${path}/${key}`, limit },
      });
  }
  return attrs as ProfileAttrs;
}

/** The profile after an update, or VALUE_TOO_LARGE when it no longer fits. */
export function mergeAttrs(current: ProfileAttrs, update: ProfileAttrs): ProfileAttrs {
  const merged: ProfileAttrs = { ...current };
  for (const [k, v] of Object.entries(update)) {
    if (v === '') delete merged[k];
    else merged[k] = v;
  }
  const bytes = Object.entries(merged).reduce(
    (n, [k, v]) => n + encoder.encode(k).length + encoder.encode(v).length,
    0,
  );
  if (bytes > PROFILE_LIMITS.totalBytes)
    throw new PigeonError(
      'VALUE_TOO_LARGE',
      `The profile would be ${bytes} bytes; at most ${PROFILE_LIMITS.totalBytes}.`,
      {
        details: { limit: PROFILE_LIMITS.totalBytes },
      },
    );
  return merged;
}
