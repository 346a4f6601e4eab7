import { MULTI_DEVICE_POLICIES, type MultiDevicePolicy } from '../core/types.js';
import { withOfflineCore } from './offline-core.js';

export interface AppArgs {
  app?: string;
  data?: string;
  'open-registration'?: boolean;
  'multi-device'?: string;
  'friends-required'?: boolean;
}

export async function appCreateCommand(a: AppArgs): Promise<string> {
  const [org, name, ...rest] = (a.app ?? '').split('#');
  if (!org || !name || rest.length) throw new Error('pigeon app create needs --app org#app');
  const policy = a['multi-device'];
  if (policy !== undefined && !MULTI_DEVICE_POLICIES.includes(policy as MultiDevicePolicy)) {
    throw new Error(`--multi-device must be one of ${MULTI_DEVICE_POLICIES.join(', ')}`);
  }
  const settings = {
    openRegistration: a['open-registration'] ?? false,
    friendsRequired: a['friends-required'] ?? false,
    ...(policy ? { multiDevice: policy as MultiDevicePolicy } : {}),
  };
  const app = await withOfflineCore(a.data, (core) => core.apps.create({ org, name, settings }));
  return [
    `appKey:        ${app.appKey}`,
    `client id:     ${app.clientId}`,
    `client secret: ${app.clientSecret}`,
    `settings:      ${JSON.stringify(app.settings)}`,
  ].join('\n');
}

export async function appListCommand(a: AppArgs): Promise<string> {
  const apps = await withOfflineCore(a.data, (core) => core.apps.list());
  return apps.map((x) => `${x.appKey}\t${x.clientId}\t${JSON.stringify(x.settings)}`).join('\n') || '(no apps)';
}

/** A new client secret: every token of the app (user and admin) stops verifying. */
export async function appRotateSecretCommand(a: AppArgs): Promise<string> {
  if (!a.app) throw new Error('pigeon app rotate-secret needs --app org#app');
  const app = await withOfflineCore(a.data, (core) => core.apps.rotateSecret(a.app!));
  return [
    `appKey:        ${app.appKey}`,
    `client id:     ${app.clientId}`,
    `client secret: ${app.clientSecret}`,
    'Every token minted with the old secret is now refused. Restart running servers so they load the new',
    'secret (or rotate it in the console of a running server instead).',
  ].join('\n');
}
