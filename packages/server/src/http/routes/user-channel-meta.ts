/**
 * A Pigeon message as the `meta` of an Easemob conversation-list entry: Easemob's REST message
 * ({ id, timestamp, from, to, payload: JSON of { bodies, ext, from, to, type } }), which the SDK
 * parses into its message object (the reverse of http/easemob-body.ts).
 */
import type { Message } from '@pigeon/protocol';

type Body = Record<string, unknown>;
const defined = (o: Body): Body => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

function media(b: Body): Body {
  return { url: b.url, filename: b.name, secret: b.secret, file_length: b.size };
}

const BODIES: Record<Message['type'], (b: Body) => Body> = {
  txt: (b) => ({ msg: b.text }),
  img: (b) => ({ ...media(b), size: { width: b.width ?? 0, height: b.height ?? 0 }, thumb: b.thumb }),
  audio: (b) => ({ ...media(b), length: b.duration }),
  video: (b) => ({ ...media(b), length: b.duration, thumb: b.thumb }),
  file: media,
  loc: (b) => ({ lat: b.lat, lng: b.lng, addr: b.addr }),
  cmd: (b) => ({ action: b.action }),
  custom: (b) => ({ customEvent: b.event, customExts: b.fields }),
};

export function easemobBody(m: Pick<Message, 'type' | 'body'>): Body {
  return defined({ type: m.type, ...BODIES[m.type](m.body as unknown as Body) });
}

/** The conversation's last message, or `{}` when there is none to show (the SDK's empty meta). */
export function channelMeta(m: Message | undefined): Body {
  if (!m || m.recalled) return {};
  const group = m.chat !== 'single';
  const payload = defined({
    bodies: [easemobBody(m)],
    ext: m.ext ?? {},
    from: m.from,
    to: m.to,
    type: group ? 'groupchat' : 'chat',
  });
  return {
    id: m.id,
    msg_id: m.id,
    timestamp: m.ts,
    from: m.from,
    to: group ? `${m.to}@conference.easemob.com` : m.to,
    payload: JSON.stringify(payload),
  };
}
