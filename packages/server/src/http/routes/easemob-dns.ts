/**
 * GET /easemob/server.json?app_key=org%23app: Easemob's DNS document, which the Easemob/Agora Web
 * SDK fetches first when `isHttpDNS` is true. It lists, for each region, the REST host (`rest`) and
 * the socket host of the Easemob-compatible gateway (`msync-wx`, and `msync-ws` as Easemob also
 * names it): `{ protocol: 'http'|'https', domain, ip, port }`. The SDK then connects to
 * `ws(s)://domain[:port]/websocket`, so the msync gateway must be on its default path /websocket;
 * with it off the socket lists are empty. docs/deploy.md says how an unmodified SDK is pointed here.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError } from '@pigeon/protocol';
import { Type, type Static } from '@sinclair/typebox';
import { baseUrl } from '../envelope.js';
import { responses } from '../schemas.js';
import { publicRegion, type RegionRouteOptions } from './regions.js';

const Host = Type.Object({
  protocol: Type.Union([Type.Literal('http'), Type.Literal('https')]),
  domain: Type.String(),
  ip: Type.String({ description: 'Always empty: clients use the domain.' }),
  port: Type.String(),
});
const Hosts = Type.Object({ hosts: Type.Array(Host) });
const DnsDocument = Type.Object({
  rest: Hosts,
  'msync-wx': Hosts,
  'msync-ws': Hosts,
  enableReportLogs: Type.String(),
  enableDataReport: Type.String(),
});

/** `https://im.example.com` -> `{ protocol: 'https', domain: 'im.example.com', ip: '', port: '443' }`. */
function host(url: string): Static<typeof Host> {
  const u = new URL(url);
  const secure = u.protocol === 'https:' || u.protocol === 'wss:';
  return { protocol: secure ? 'https' : 'http', domain: u.hostname, ip: '', port: u.port || (secure ? '443' : '80') };
}

/** The SDK percent-encodes the app key, and some builds encode it twice (`org%2523app`). */
function appKeyOf(raw: string | undefined): string {
  let key = raw ?? '';
  for (let i = 0; i < 2 && /%[0-9a-f]{2}/i.test(key); i++) key = decodeURIComponent(key);
  if (!/^[^#]+#[^#]+$/.test(key))
    throw new PigeonError('BAD_REQUEST', 'Query app_key must be an appKey like org#app (org%23app).', {
      details: { path: '/querystring/app_key' },
    });
  return key;
}

export const easemobDnsRoutes: FastifyPluginAsyncTypebox<RegionRouteOptions> = async (app, o) => {
  app.get(
    '/easemob/server.json',
    {
      schema: {
        summary: "Easemob's DNS document (isHttpDNS): the REST and socket hosts of every region, for the app.",
        tags: ['server'],
        querystring: Type.Object({
          app_key: Type.Optional(Type.String({ description: 'org#app, percent-encoded (org%23app).' })),
        }),
        response: responses(DnsDocument),
      },
    },
    async (req) => {
      await o.core.apps.get(appKeyOf(req.query.app_key));
      const regions = o.regions(baseUrl(req, o.publicUrl)).map((r) => publicRegion(r, o.msyncPath));
      const sockets = regions.flatMap((r) => (r.msyncUrl ? [host(r.msyncUrl)] : []));
      return {
        rest: { hosts: regions.map((r) => host(r.restUrl)) },
        'msync-wx': { hosts: sockets },
        'msync-ws': { hosts: sockets },
        enableReportLogs: 'false',
        enableDataReport: 'false',
      };
    },
  );
};
