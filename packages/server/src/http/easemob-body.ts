/**
 * Easemob REST message bodies (`{ msg }` for text, `filename`, `length`, `customEvent` ...) mapped to
 * Pigeon's (docs/protocol.md). Pigeon's own field names are accepted too.
 */
import type { MessageType } from '@pigeon/protocol';

type Body = Record<string, unknown>;
const num = (v: unknown): unknown =>
  typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
const defined = (o: Body): Body => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function media(b: Body): Body {
  return defined({ url: b.url, name: b.filename, secret: b.secret, size: num(b.file_length) });
}

const MAPPERS: Record<MessageType, (b: Body) => Body> = {
  txt: (b) => defined({ text: b.msg }),
  img: (b) => {
    const size = (b.size ?? {}) as Body;
    return { ...media(b), ...defined({ width: num(size.width), height: num(size.height), thumb: b.thumb }) };
  },
  audio: (b) => ({ ...media(b), ...defined({ duration: num(b.length) }) }),
  video: (b) => ({ ...media(b), ...defined({ duration: num(b.length), thumb: b.thumb }) }),
  file: media,
  loc: (b) => defined({ lat: num(b.lat), lng: num(b.lng), addr: b.addr }),
  cmd: (b) => defined({ action: b.action }),
  custom: (b) => defined({ event: b.customEvent, fields: b.customExts }),
};

export function fromEasemobBody(type: string, body: unknown): unknown {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return body;
  const mapper = MAPPERS[type as MessageType];
  if (!mapper) return body;
  const b = body as Body;
  // Pigeon-named fields pass through; Easemob's are mapped on top (numbers given as strings converted).
  const { msg: _m, filename: _f, file_length: _l, length: _d, customEvent: _e, customExts: _x, size, ...native } = b;
  return { ...native, ...(typeof size === 'number' ? { size } : {}), ...mapper(b) };
}
