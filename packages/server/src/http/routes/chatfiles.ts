/**
 * POST /{org}/{app}/chatfiles (multipart upload, Easemob's response) and GET .../chatfiles/{uuid}
 * (download with the share-secret, Range requests, thumbnails). docs/files.md has the rules.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { PigeonError } from '@pigeon/protocol';
import { Type } from '@sinclair/typebox';
import type { Core } from '../../core/index.js';
import { parseRange } from '../byte-range.js';
import { baseUrl, envelope } from '../envelope.js';
import { fileEntity, fileUrl } from '../file-entity.js';
import { fileHeaders } from '../file-response.js';
import { bearer, principalOf, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, ErrorResponse, responses, TenantParams } from '../schemas.js';
import { discard, uploadError, uploadMeta } from '../upload-form.js';

/** Room for the multipart boundaries and a few small fields around the file. */
const FORM_OVERHEAD = 64 * 1024;
const FileParams = Type.Object({ ...TenantParams.properties, uuid: Type.String({ description: 'File uuid.' }) });
const DownloadQuery = Type.Object({
  'share-secret': Type.Optional(Type.String({ description: "The file's secret (or header share-secret)." })),
  thumbnail: Type.Optional(Type.String({ description: '`true`: the thumbnail (or header thumbnail: true).' })),
});
const isTrue = (v: unknown) => v === 'true' || v === '1';

export const chatfileRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  await app.register(multipart, { throwFileSizeLimit: true });

  app.post(
    '/:org/:app/chatfiles',
    {
      schema: {
        summary:
          'Upload one file (multipart field "file"; user or admin token). Headers: restrict-access, thumbnail-width/-height. Fields before the file: type (img|audio|video|file), duration, width, height.',
        tags: ['files'],
        consumes: ['multipart/form-data'],
        params: TenantParams,
        response: responses(Envelope),
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      const p = await principalOf(core, req, tenant);
      if (!req.isMultipart())
        throw new PigeonError('BAD_REQUEST', 'Send the file as multipart/form-data (field "file").');
      await core.abuse.upload(tenant.id, p.kind === 'admin' ? 'admin' : p.user.username);
      const max = core.files.maxUploadBytes(tenant);
      if (Number(req.headers['content-length']) > max + FORM_OVERHEAD) {
        void reply.header('connection', 'close'); // do not read what will be refused anyway
        throw new PigeonError('FILE_TOO_LARGE', `Uploads to this app are at most ${max} bytes.`, {
          details: { maxBytes: max },
        });
      }
      const part = await req
        .file({ limits: { fileSize: max + 1, files: 1, fields: 16, fieldSize: 1024, parts: 17 } })
        .catch((e: unknown) => Promise.reject(uploadError(e, req)));
      if (!part) throw new PigeonError('BAD_REQUEST', 'The form has no file part.', { details: { path: '/file' } });
      try {
        const meta = uploadMeta(req, part.fields as Record<string, unknown>);
        const owner = p.kind === 'admin' ? 'admin' : p.user.username;
        const rec = await core.files.upload({ app: tenant, owner, body: part.file, filename: part.filename, ...meta });
        const url = fileUrl(baseUrl(req, publicUrl), tenant.org, tenant.name, rec.uuid);
        return envelope(req, reply, tenant, { entities: [fileEntity(rec, url)] }, publicUrl);
      } catch (e) {
        await discard(part.file);
        throw uploadError(e, req);
      }
    },
  );

  app.get(
    '/:org/:app/chatfiles/:uuid',
    {
      schema: {
        summary:
          'Download a file: its share-secret (header or query), or any token of the app for files uploaded without restrict-access, or the admin token. Range requests; thumbnail=true for the thumbnail.',
        tags: ['files'],
        params: FileParams,
        querystring: DownloadQuery,
        response: {
          200: Type.String({ format: 'binary' }),
          206: Type.String({ format: 'binary' }),
          '4xx': ErrorResponse,
          '5xx': ErrorResponse,
        },
        security: bearerSecurity,
      },
    },
    async (req, reply) => {
      const tenant = await tenantOf(core, req.params);
      const principal = bearer(req) ? await principalOf(core, req, tenant) : undefined;
      const f = await core.files.get(tenant, req.params.uuid);
      const secretHeader = req.headers['share-secret'];
      const secret = (Array.isArray(secretHeader) ? secretHeader[0] : secretHeader) ?? req.query['share-secret'];
      core.files.authorize(f, { principal, secret });
      const thumbnail = (isTrue(req.headers.thumbnail) || isTrue(req.query.thumbnail)) && f.kind === 'image';
      const own = thumbnail && f.thumb ? f.thumb : { size: f.size, mime: f.mime };
      const r = parseRange(req.headers.range, own.size);
      if (r.kind === 'unsatisfiable') {
        void reply.header('content-range', `bytes */${own.size}`);
        throw new PigeonError('RANGE_NOT_SATISFIABLE', `The file has ${own.size} bytes.`, {
          details: { size: own.size },
        });
      }
      // The schema documents the body as binary; Fastify streams a Readable as it is.
      const stream = (await core.files.read(
        f,
        thumbnail,
        r.kind === 'part' ? r.range : undefined,
      )) as unknown as string;
      fileHeaders(reply, f, own.mime, thumbnail);
      if (r.kind === 'all') return reply.header('content-length', own.size).send(stream);
      const { start, end } = r.range;
      return reply
        .code(206)
        .header('content-range', `bytes ${start}-${end}/${own.size}`)
        .header('content-length', end - start + 1)
        .send(stream);
    },
  );
};
