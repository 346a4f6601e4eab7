/**
 * Request bodies: any content type is read as JSON (Easemob's curl examples sometimes omit it), with
 * the same prototype-poisoning refusal as Fastify's JSON parser, and bodies nested deeper than
 * MAX_JSON_DEPTH are refused before a handler (or JSON.stringify) recurses over them.
 */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyInstance } from 'fastify';
import { MAX_JSON_DEPTH, tooDeep } from '../core/json-depth.js';

export function installBodyGuards(app: FastifyInstance): void {
  app.removeContentTypeParser(['text/plain']);
  const json = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('*', { parseAs: 'string' }, (req, body, done) => {
    if (body === '') return done(null, undefined);
    json(req, body as string, done);
  });
  app.addHook('preValidation', async (req) => {
    if (req.body !== undefined && tooDeep(req.body))
      throw new PigeonError('BAD_REQUEST', `The body nests deeper than ${MAX_JSON_DEPTH} levels.`, {
        details: { path: '/' },
      });
  });
}
