/** Maps every failure on the REST side to a catalogue error and its HTTP status; nothing escapes untyped. */
import { PigeonError } from '@pigeon/protocol';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errorBody } from './envelope.js';

const BY_FASTIFY_CODE: Record<string, (e: FastifyError) => PigeonError> = {
  FST_ERR_CTP_BODY_TOO_LARGE: (e) =>
    new PigeonError('FRAME_TOO_LARGE', 'The request body exceeds the size limit.', { cause: e }),
  FST_ERR_CTP_INVALID_JSON_BODY: (e) =>
    new PigeonError('BAD_REQUEST', `The body is not valid JSON: ${e.message}`, { cause: e, details: { path: '/' } }),
  FST_ERR_CTP_EMPTY_JSON_BODY: (e) =>
    new PigeonError('BAD_REQUEST', 'The JSON body is empty.', { cause: e, details: { path: '/' } }),
  FST_ERR_CTP_INVALID_MEDIA_TYPE: (e) =>
    new PigeonError('BAD_REQUEST', 'Send the body as application/json.', { cause: e }),
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: (e) => new PigeonError('BAD_REQUEST', 'Bad Content-Length.', { cause: e }),
  FST_ERR_MAX_PARAM_LENGTH: (e) =>
    new PigeonError('BAD_REQUEST', 'A path parameter is longer than any name or id can be.', { cause: e }),
  FST_ERR_BAD_URL: (e) => new PigeonError('BAD_REQUEST', 'The URL is not valid (bad percent-encoding?).', { cause: e }),
};

/** Errors the router raises before any route or error handler runs (Fastify's `frameworkErrors`). */
export function frameworkErrors(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  const e = toPigeonError(err);
  void reply.code(e.http).send(errorBody(e, reply));
}

export function toPigeonError(e: unknown): PigeonError {
  if (e instanceof PigeonError) return e;
  const fe = e as FastifyError & { validationContext?: string };
  if (fe.validation) {
    const first = fe.validation[0];
    const path = `${fe.validationContext === 'body' ? '' : `/${fe.validationContext ?? ''}`}${first?.instancePath ?? ''}`;
    return new PigeonError('BAD_REQUEST', `${path || '/'}: ${first?.message ?? 'invalid'}`, {
      cause: e,
      details: { path },
    });
  }
  const mapped = fe.code ? BY_FASTIFY_CODE[fe.code] : undefined;
  if (mapped) return mapped(fe);
  if (e instanceof SyntaxError)
    return new PigeonError('BAD_REQUEST', `The body is not valid JSON: ${e.message}`, { cause: e });
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500)
    return new PigeonError('BAD_REQUEST', fe.message, { cause: e });
  return new PigeonError('INTERNAL', undefined, { cause: e });
}

export function installErrorHandlers(app: FastifyInstance): void {
  app.setErrorHandler((err, req, reply) => {
    const e = toPigeonError(err);
    if (e.type === 'INTERNAL') req.log.error({ err }, 'request failed');
    else req.log.debug({ code: e.code, name: e.type }, e.message);
    void reply.code(e.http).send(errorBody(e, reply));
  });
  app.setNotFoundHandler((req, reply) => {
    const e = new PigeonError('NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`);
    void reply.code(e.http).send(errorBody(e, reply));
  });
}
