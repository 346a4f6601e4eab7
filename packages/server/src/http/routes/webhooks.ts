/**
 * The app's backend manages its webhooks over REST (admin token): settings, dead letters (list,
 * retry, drop) and the sensitive-word list. docs/webhooks.md.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { AppSettings, Core } from '../../core/index.js';
import type { HookSettingsInput } from '../../core/webhooks/hook-settings.js';
import { envelope } from '../envelope.js';
import { requireAdmin, tenantOf } from '../guards.js';
import { bearerSecurity, Envelope, responses, TenantParams } from '../schemas.js';

const DeadParams = Type.Object({ ...TenantParams.properties, id: Type.String({ description: 'Dead letter id.' }) });
const Words = Type.Object({ words: Type.Array(Type.String(), { description: 'Sensitive words.' }) });
const Section = Type.Record(Type.String(), Type.Unknown());
const HookBody = Type.Object({
  webhooks: Type.Optional(Section),
  moderation: Type.Optional(Section),
  push: Type.Optional(Section),
});
/** The word list has its own routes (it may be long): only its size here. */
function hookView(s: AppSettings) {
  const { words, ...moderation } = s.moderation;
  return { webhooks: s.webhooks, moderation: { ...moderation, wordCount: words.length }, push: s.push };
}

const common = { tags: ['webhooks'], response: responses(Envelope), security: bearerSecurity };

export const webhookRoutes: FastifyPluginAsyncTypebox<{ core: Core; publicUrl?: string }> = async (
  app,
  { core, publicUrl },
) => {
  const admin = async (req: Parameters<typeof requireAdmin>[1], params: { org: string; app: string }) => {
    const tenant = await tenantOf(core, params);
    await requireAdmin(core, req, tenant);
    return tenant;
  };

  app.get(
    '/:org/:app/webhooks/settings',
    { schema: { ...common, summary: 'Webhook, moderation and push settings.', params: TenantParams } },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      return envelope(req, reply, tenant, { data: hookView(tenant.settings) }, publicUrl);
    },
  );

  app.put(
    '/:org/:app/webhooks/settings',
    {
      schema: {
        ...common,
        summary: 'Changes webhook, moderation and push settings (fields left out stay).',
        params: TenantParams,
        body: HookBody,
      },
    },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      const updated = await core.apps.updateSettings(tenant.appKey, req.body as HookSettingsInput);
      return envelope(req, reply, updated, { data: hookView(updated.settings) }, publicUrl);
    },
  );

  app.get(
    '/:org/:app/webhooks/dead_letters',
    {
      schema: {
        ...common,
        summary: 'Post events that failed every attempt, newest first.',
        params: TenantParams,
        querystring: Type.Object({
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100 })),
          cursor: Type.Optional(Type.String()),
        }),
      },
    },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      const dl = core.webhooks.deadLetters;
      const page = await dl.list(tenant, req.query.limit ?? 20, req.query.cursor);
      const counts = await dl.counts(tenant);
      const fields = { entities: page.entries, count: page.entries.length, cursor: page.cursor, ...counts };
      return envelope(req, reply, tenant, fields, publicUrl);
    },
  );

  app.post(
    '/:org/:app/webhooks/dead_letters/:id/retry',
    { schema: { ...common, summary: 'Delivers a dead letter again, with fresh attempts.', params: DeadParams } },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      await core.webhooks.deadLetters.retry(tenant, req.params.id);
      return envelope(req, reply, tenant, { data: { id: req.params.id, retried: true } }, publicUrl);
    },
  );

  app.delete(
    '/:org/:app/webhooks/dead_letters/:id',
    { schema: { ...common, summary: 'Drops a dead letter.', params: DeadParams } },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      await core.webhooks.deadLetters.drop(tenant, req.params.id);
      return envelope(req, reply, tenant, { data: { id: req.params.id, dropped: true } }, publicUrl);
    },
  );

  app.get(
    '/:org/:app/moderation/words',
    { schema: { ...common, summary: 'The sensitive-word list.', params: TenantParams } },
    async (req, reply) => {
      const tenant = await admin(req, req.params);
      return envelope(req, reply, tenant, { data: { words: core.words.list(tenant) } }, publicUrl);
    },
  );

  const wordRoute = (method: 'POST' | 'PUT' | 'DELETE', summary: string, op: 'add' | 'replace' | 'remove') =>
    app.route({
      method,
      url: '/:org/:app/moderation/words',
      schema: { ...common, summary, params: TenantParams, body: Words },
      handler: async (req, reply) => {
        const tenant = await admin(req, req.params);
        const words = await core.words[op](tenant, req.body.words);
        return envelope(req, reply, tenant, { data: { words } }, publicUrl);
      },
    });
  wordRoute('POST', 'Adds sensitive words (duplicates ignored, case-insensitively).', 'add');
  wordRoute('PUT', 'Replaces the sensitive-word list.', 'replace');
  wordRoute('DELETE', 'Removes sensitive words.', 'remove');
};
