/** The first frame: checks version, app and user token; the connection becomes a session on success. */
import { PROTOCOL_VERSION, PigeonError, type AuthRequest } from '@pigeon/protocol';
import type { Core } from '../../core/index.js';
import type { App, UserRecord } from '../../core/types.js';

export interface Authenticated {
  app: App;
  user: UserRecord;
  expiresAt: number;
}

export async function authenticate(core: Core, d: AuthRequest): Promise<Authenticated> {
  if (d.v !== PROTOCOL_VERSION) {
    throw new PigeonError('UNSUPPORTED_VERSION', `This server speaks protocol v${PROTOCOL_VERSION}.`, {
      details: { supported: [PROTOCOL_VERSION] },
    });
  }
  const app = await core.apps.get(d.appKey);
  const p = await core.auth.authenticate(d.token, app);
  if (p.kind !== 'user') throw new PigeonError('TOKEN_INVALID', 'Admin tokens are for REST; log in with a user token.');
  return { app, user: p.user, expiresAt: p.expiresAt };
}
