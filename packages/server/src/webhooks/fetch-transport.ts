/** The webhook HTTP client: Node's fetch (undici), no redirects followed, a hard timeout per call. */
import type { WebhookTransport } from '../core/ports/webhooks.js';

/** Receivers' answers are read up to this size (pre-send rewrites included). */
const MAX_ANSWER_CHARS = 1024 * 1024;

export const fetchTransport: WebhookTransport = {
  async post({ url, body, headers, timeoutMs }) {
    const res = await fetch(url, {
      method: 'POST',
      body,
      headers: { 'user-agent': 'Pigeon-Webhooks/1', ...headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await res.text();
    return { status: res.status, text: text.slice(0, MAX_ANSWER_CHARS) };
  },
};
