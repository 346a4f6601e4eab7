/**
 * Webhook signatures: `X-Pigeon-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>.<body>")>` with the
 * timestamp (seconds) in `X-Pigeon-Timestamp`. Signing the timestamp lets receivers refuse replays.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const WEBHOOK_HEADERS = Object.freeze({
  signature: 'x-pigeon-signature',
  timestamp: 'x-pigeon-timestamp',
  eventId: 'x-pigeon-event-id',
  event: 'x-pigeon-event',
});

export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export interface VerifyWebhookInput {
  secret: string;
  /** The raw request body, exactly as received. */
  body: string;
  signature: string | undefined;
  timestamp: string | undefined;
  /** Oldest accepted timestamp, in seconds from now (default 300). */
  toleranceSeconds?: number;
  nowSeconds?: number;
}

/** What an app's receiver runs on each request (docs/webhooks.md): true when Pigeon signed this body recently. */
export function verifyWebhook(i: VerifyWebhookInput): boolean {
  const ts = Number(i.timestamp);
  if (!i.signature || !Number.isInteger(ts)) return false;
  const now = i.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - ts) > (i.toleranceSeconds ?? 300)) return false;
  const want = Buffer.from(signWebhook(i.secret, ts, i.body));
  const got = Buffer.from(i.signature);
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The headers of one signed POST. */
export function signedHeaders(secret: string, nowMs: number, body: string, type: string, eventId: string) {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/json',
    [WEBHOOK_HEADERS.event]: type,
    [WEBHOOK_HEADERS.eventId]: eventId,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
  };
}
