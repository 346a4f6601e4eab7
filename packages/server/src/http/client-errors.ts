/**
 * Requests Node's HTTP parser refuses before Fastify sees them (request line and headers over
 * 16 KB, malformed HTTP, a request not complete by its deadline) get Pigeon's typed error body,
 * like every other refusal, instead of Fastify's own JSON; the socket is then closed, as Node does.
 */
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { ErrorCatalogue, PigeonError } from '@pigeon/protocol';

const BY_CODE: Record<string, { status: number; message: string }> = {
  ERR_HTTP_REQUEST_TIMEOUT: { status: 408, message: 'The request did not arrive whole in time.' },
  HPE_HEADER_OVERFLOW: { status: 431, message: 'The request line and headers are larger than 16 KB.' },
};

export function clientErrorHandler(err: Error & { code?: string }, socket: Duplex): void {
  if (err.code === 'ECONNRESET' || socket.destroyed) return;
  const known = BY_CODE[err.code ?? ''] ?? { status: 400, message: 'The request is not valid HTTP.' };
  const e = new PigeonError('BAD_REQUEST', known.message);
  const body = JSON.stringify({
    error: ErrorCatalogue.BAD_REQUEST.rest,
    error_description: e.message,
    exception: `pigeon.${e.type}`,
    timestamp: Date.now(),
    duration: 0,
    code: e.code,
    name: e.type,
  });
  if (socket.writable)
    socket.write(
      `HTTP/1.1 ${known.status} ${STATUS_CODES[known.status]}\r\nConnection: close\r\n` +
        `Content-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  socket.destroy();
}
