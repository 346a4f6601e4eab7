/** The app made on first start so a new user can chat at once: open registration on, said so loudly. */
import type { Core } from './core/index.js';
import type { App } from './core/types.js';

export async function ensureDefaultApp(
  core: Core,
  spec: { org: string; name: string } | null,
): Promise<{ app: App; created: boolean } | null> {
  if (!spec) return null;
  const existing = await core.apps.find(`${spec.org}#${spec.name}`);
  if (existing) return { app: existing, created: false };
  const app = await core.apps.create({ org: spec.org, name: spec.name, settings: { openRegistration: true } });
  return { app, created: true };
}
