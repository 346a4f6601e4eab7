/**
 * What seeds/004's node-im does for Tencent IM, for Pigeon: the four calls a mini-program's backend must
 * offer, on node:http. GET /sig?user=  (a user token, minted offline)  ·  POST /users [{ username }]
 * (import)  ·  POST /friends { a, b } (bind both ways)  ·  POST /messages { to, text, from? } (send).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import { PigeonAdmin, PigeonAdminError, PigeonError, type PigeonAdminOptions } from '@pigeon/server-sdk';

type Handler = (admin: PigeonAdmin, body: never, url: URL) => Promise<unknown>;

const routes: Record<string, Handler> = {
  'GET /sig': async (admin, _b, url) => ({
    token: admin.mintUserToken(url.searchParams.get('user') ?? '', 180 * 86400),
  }),
  'POST /users': (admin, users: Array<{ username: string }>) => admin.users.registerMany(users),
  'POST /friends': (admin, b: { a: string; b: string }) => admin.contacts.add(b.a, b.b).then(() => ({ ok: true })),
  'POST /messages': (admin, b: { to: string; text: string; from?: string }) =>
    admin.messages.toUsers([b.to], { type: 'txt', body: { text: b.text } }, b.from ? { from: b.from } : {}),
};

async function readJson(req: IncomingMessage): Promise<never> {
  let text = '';
  for await (const chunk of req) text += chunk;
  return (text ? JSON.parse(text) : {}) as never;
}

export function createBackend(config: PigeonAdminOptions): Server {
  const admin = new PigeonAdmin(config);
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://backend');
    const route = routes[`${req.method} ${url.pathname}`];
    try {
      if (!route) throw new PigeonAdminError('NOT_FOUND', 'No such route.', { status: 404, request: url.pathname });
      const result = await route(admin, await readJson(req), url);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(result));
    } catch (e) {
      // Server errors keep their HTTP status; local ones (a bad user name to sign) are 400s.
      const status = (e instanceof PigeonAdminError && e.status) || 400;
      const error = e instanceof PigeonError ? e.type : 'BAD_REQUEST';
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error, message: e instanceof Error ? e.message : String(e) }));
    }
  });
}
