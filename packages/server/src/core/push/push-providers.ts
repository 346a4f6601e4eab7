/** The push providers Pigeon ships: `log` (a log line per notice) and `webhook` (event push.offline). */
import type { Logger } from '../ports/logger.js';
import type { PushProvider } from '../ports/webhooks.js';
import type { App } from '../types.js';
import type { WebhookEvents } from '../webhooks/webhook-events.js';

export const PUSH_PROVIDER_NAMES = ['log', 'webhook'] as const;
export type PushProviderName = (typeof PUSH_PROVIDER_NAMES)[number];

export interface BuiltinProviderDeps {
  logger: Logger;
  events: WebhookEvents;
  appById(id: string): Promise<App | undefined>;
}

const BUILTIN: Record<PushProviderName, (d: BuiltinProviderDeps) => PushProvider> = {
  log: (d) => ({
    name: 'log',
    push: async (n) => d.logger.info({ push: n }, 'offline push'),
  }),
  webhook: (d) => ({
    name: 'webhook',
    async push(n) {
      const app = await d.appById(n.appId);
      if (app) await d.events.publish(app, 'push.offline', n);
    },
  }),
};

export function builtinPushProviders(names: readonly PushProviderName[], d: BuiltinProviderDeps): PushProvider[] {
  return names.map((n) => BUILTIN[n](d));
}
