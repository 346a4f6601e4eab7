/**
 * The pre-send callback: before a user's message is committed, the app's first webhook URL answers
 * allow, reject (with a reason) or rewrite (body and/or ext) within the deadline; on a timeout or a
 * bad answer the app's `timeoutFallback` decides.
 */
import { PigeonError, type OutgoingMessage } from '@pigeon/protocol';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { WebhookTransport } from '../ports/webhooks.js';
import type { App } from '../types.js';
import { validateOutgoing } from '../messages/validate-message.js';
import { signedHeaders } from './signature.js';
import { newEventId, type WebhookEnvelope } from './webhook-events.js';

export interface PreSendDeps {
  transport: WebhookTransport;
  clock: Clock;
  logger: Logger;
}

interface Answer {
  action?: unknown;
  reason?: unknown;
  body?: unknown;
  ext?: unknown;
}

export const PRE_SEND_EVENT = 'message.presend';

export class PreSend {
  readonly #d: PreSendDeps;

  constructor(deps: PreSendDeps) {
    this.#d = deps;
  }

  enabled(app: App): boolean {
    return app.settings.webhooks.preSend && app.settings.webhooks.urls.length > 0;
  }

  /** The message to commit (maybe rewritten); throws MESSAGE_REJECTED when it must not be stored. */
  async screen(app: App, from: string, out: OutgoingMessage, pathPrefix: string): Promise<OutgoingMessage> {
    const w = app.settings.webhooks;
    let answer: Answer;
    try {
      answer = await this.#ask(app, from, out);
    } catch (e) {
      this.#d.logger.warn({ err: e, appKey: app.appKey }, 'pre-send callback failed; fallback applies');
      if (w.timeoutFallback === 'allow') return out;
      throw new PigeonError(
        'MESSAGE_REJECTED',
        'The pre-send callback did not answer; the app refuses unchecked messages.',
        {
          details: { reason: 'callback_failed', fallback: true },
        },
      );
    }
    if (answer.action === 'reject') {
      const reason = typeof answer.reason === 'string' ? answer.reason.slice(0, 500) : 'rejected';
      throw new PigeonError('MESSAGE_REJECTED', `The app refused the message: ${reason}`, { details: { reason } });
    }
    if (answer.action !== 'rewrite') return out;
    const rewritten = {
      ...out,
      ...(answer.body !== undefined && { body: answer.body }),
      ...(answer.ext !== undefined && { ext: answer.ext }),
    };
    try {
      return validateOutgoing(rewritten, pathPrefix);
    } catch (e) {
      this.#d.logger.warn({ err: e, appKey: app.appKey }, 'pre-send rewrite is not a valid message; original kept');
      return out;
    }
  }

  async #ask(app: App, from: string, out: OutgoingMessage): Promise<Answer> {
    const now = this.#d.clock.now();
    const env: WebhookEnvelope = {
      id: newEventId(now),
      type: PRE_SEND_EVENT,
      appKey: app.appKey,
      ts: now,
      data: { from, to: out.to, chat: out.chat, type: out.type, cid: out.cid, body: out.body, ext: out.ext },
    };
    const body = JSON.stringify(env);
    const w = app.settings.webhooks;
    const headers = signedHeaders(w.secret || app.clientSecret, now, body, PRE_SEND_EVENT, env.id);
    const res = await this.#d.transport.post({ url: w.urls[0]!, body, headers, timeoutMs: w.deadlineMs });
    if (res.status < 200 || res.status >= 300) throw new Error(`pre-send callback answered HTTP ${res.status}`);
    const answer = JSON.parse(res.text || '{}') as Answer;
    if (
      typeof answer !== 'object' ||
      answer === null ||
      !['allow', 'reject', 'rewrite'].includes(answer.action as string)
    )
      throw new Error('pre-send answer needs action allow, reject or rewrite');
    return answer;
  }
}
