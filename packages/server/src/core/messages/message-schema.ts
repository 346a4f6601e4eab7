/**
 * The shape of an outgoing message, per type (docs/protocol.md "Types and bodies"), as TypeBox
 * schemas: the gateway and REST validate with them, and they feed the OpenAPI document.
 */
import { Type, type Static, type TSchema } from '@sinclair/typebox';

const Url = Type.String({ minLength: 1, maxLength: 2048 });
const Count = Type.Number({ minimum: 0 });
const Media = {
  url: Url,
  size: Type.Optional(Count),
  name: Type.Optional(Type.String({ maxLength: 512 })),
  secret: Type.Optional(Type.String({ maxLength: 256 })),
};

export const BodySchemas = {
  txt: Type.Object({ text: Type.String() }),
  img: Type.Object({ ...Media, width: Type.Optional(Count), height: Type.Optional(Count), thumb: Type.Optional(Url) }),
  audio: Type.Object({ ...Media, duration: Type.Optional(Count) }),
  video: Type.Object({
    ...Media,
    duration: Type.Optional(Count),
    width: Type.Optional(Count),
    height: Type.Optional(Count),
    thumb: Type.Optional(Url),
  }),
  file: Type.Object(Media),
  loc: Type.Object({
    lat: Type.Number({ minimum: -90, maximum: 90 }),
    lng: Type.Number({ minimum: -180, maximum: 180 }),
    addr: Type.Optional(Type.String()),
    buildingName: Type.Optional(Type.String()),
  }),
  cmd: Type.Object({ action: Type.String({ minLength: 1, maxLength: 256 }) }),
  custom: Type.Object({
    event: Type.String({ minLength: 1, maxLength: 256 }),
    fields: Type.Optional(Type.Record(Type.String(), Type.String())),
  }),
} satisfies Record<string, TSchema>;

export const ExtSchema = Type.Record(Type.String(), Type.Unknown());

const outgoing = <T extends keyof typeof BodySchemas>(type: T) =>
  Type.Object({
    type: Type.Literal(type),
    body: BodySchemas[type],
    cid: Type.String({ minLength: 1, maxLength: 128 }),
    chat: Type.Union([Type.Literal('single'), Type.Literal('group'), Type.Literal('room')]),
    to: Type.String({ minLength: 1, maxLength: 128 }),
    ext: Type.Optional(ExtSchema),
    onlineOnly: Type.Optional(Type.Boolean()),
  });

/** One schema per type: validating against the one named by `type` gives precise error paths. */
export const OutgoingSchemas = {
  txt: outgoing('txt'),
  img: outgoing('img'),
  audio: outgoing('audio'),
  video: outgoing('video'),
  file: outgoing('file'),
  loc: outgoing('loc'),
  cmd: outgoing('cmd'),
  custom: outgoing('custom'),
};

export const OutgoingMessageSchema = Type.Union(Object.values(OutgoingSchemas));
export type OutgoingMessageInput = Static<typeof OutgoingMessageSchema>;
