/** Issue 10's services wired together: outbox events, dispatcher, pre-send, moderation, offline push. */
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { ConversationRepository } from '../ports/conversations.js';
import type { PushProvider, WebhookOutboxRepository, WebhookTransport } from '../ports/webhooks.js';
import type { Hub } from '../sessions/hub.js';
import type { App } from '../types.js';
import { OfflinePush } from '../push/offline-push.js';
import { builtinPushProviders, type PushProviderName } from '../push/push-providers.js';
import { AppHooks } from './app-hooks.js';
import { DEFAULT_DISPATCHER_OPTIONS, WebhookDispatcher, type DispatcherOptions } from './dispatcher.js';
import { PreSend } from './pre-send.js';
import { WebhookEvents } from './webhook-events.js';
import { DeadLetters } from './dead-letters.js';

export interface WebhookOptions extends Partial<DispatcherOptions> {
  /** Built-in push providers to use (default: webhook). */
  pushProviders?: readonly PushProviderName[];
}

export interface WebhooksDeps {
  repo: WebhookOutboxRepository;
  conversations: ConversationRepository;
  transport: WebhookTransport;
  hub: Hub;
  clock: Clock;
  logger: Logger;
  appById(id: string): Promise<App | undefined>;
  nodeId: number;
  options?: WebhookOptions;
  /** Push adapters plugged in by the embedding code, next to the built-in ones. */
  pushProviders?: readonly PushProvider[];
}

export interface Webhooks {
  readonly hooks: AppHooks;
  readonly dispatcher: WebhookDispatcher;
  readonly deadLetters: DeadLetters;
}

export function createWebhooks(d: WebhooksDeps): Webhooks {
  const { repo, clock, logger, appById } = d;
  const options = { ...DEFAULT_DISPATCHER_OPTIONS, ...stripUndefined(d.options ?? {}) };
  const owner = `node-${d.nodeId}-${process.pid}`;
  const dispatcher = new WebhookDispatcher({ repo, transport: d.transport, clock, logger, appById, owner, options });
  const events = new WebhookEvents({ repo, clock, logger, written: () => dispatcher.kick() });
  const builtin = builtinPushProviders(d.options?.pushProviders ?? ['webhook'], { logger, events, appById });
  const push = new OfflinePush({
    hub: d.hub,
    conversations: d.conversations,
    providers: [...builtin, ...(d.pushProviders ?? [])],
    logger,
  });
  const preSend = new PreSend({ transport: d.transport, clock, logger });
  const hooks = new AppHooks({ events, preSend, push, repo, appById, hub: d.hub, logger });
  return Object.freeze({ hooks, dispatcher, deadLetters: new DeadLetters(repo, clock, () => dispatcher.kick()) });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'pushProviders'),
  ) as Partial<T>;
}
