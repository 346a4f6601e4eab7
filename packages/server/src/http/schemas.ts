/** TypeBox schemas shared by the REST routes; the OpenAPI document is generated from them. */
import { Type, type Static } from '@sinclair/typebox';

export const TenantParams = Type.Object({
  org: Type.String({ description: 'Organization name (the part of the appKey before #).' }),
  app: Type.String({ description: 'App name (the part of the appKey after #).' }),
});

export const UserParams = Type.Object({
  ...TenantParams.properties,
  username: Type.String({ description: 'User name.' }),
});
export type UserParamsT = Static<typeof UserParams>;

export const UserEntity = Type.Object({
  uuid: Type.String(),
  type: Type.Literal('user'),
  created: Type.Number(),
  modified: Type.Number(),
  username: Type.String(),
  activated: Type.Boolean(),
  nickname: Type.Optional(Type.String()),
});

/** Easemob's success envelope; routes add `entities` or `data` and a few extras (count, cursor). */
export const Envelope = Type.Object(
  {
    action: Type.String(),
    application: Type.String({ description: 'App id (UUID).' }),
    path: Type.String(),
    uri: Type.String(),
    entities: Type.Optional(Type.Array(Type.Unknown())),
    data: Type.Optional(Type.Unknown()),
    timestamp: Type.Number(),
    duration: Type.Number(),
    organization: Type.String(),
    applicationName: Type.String(),
  },
  { additionalProperties: true },
);

export const ErrorResponse = Type.Object(
  {
    error: Type.String({ description: "Easemob-style error string, e.g. 'unauthorized'." }),
    error_description: Type.String(),
    exception: Type.String(),
    timestamp: Type.Number(),
    duration: Type.Number(),
    code: Type.Integer({ description: 'Pigeon error code (packages/protocol/src/errors.ts).' }),
    name: Type.String({ description: 'Pigeon error name, e.g. TOKEN_EXPIRED.' }),
    retryAfterMs: Type.Optional(Type.Integer({ description: 'For retryable errors: wait this long first.' })),
    details: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  },
  { additionalProperties: true },
);

/** Response map for a route: its success shape plus the error body for every 4xx/5xx. */
export const responses = <T>(ok: T) => ({ 200: ok, '4xx': ErrorResponse, '5xx': ErrorResponse });

export const bearerSecurity = [{ bearer: [] as string[] }];
