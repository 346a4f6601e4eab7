/**
 * The app's `refuse-new` device policy: past `maxDevices` a login is refused, with the status the
 * Easemob SDK turns into USER_LOGIN_TOO_MANY_DEVICES (214), and with TOO_MANY_DEVICES (2008) for the
 * Pigeon SDK. Devices count on both gateways; the same device logging in again is not a new one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { startEmEnv, type EmEnv } from './em-env.js';

let env: EmEnv;
const sessionsOf = (user: string) => env.srv.core.hub.sessions().filter((s) => s.user === user).length;
const device = (deviceId: string) => ({ deviceId, isFixedDeviceId: false });

beforeAll(async () => {
  env = await startEmEnv();
  await env.users('carol');
  await env.srv.updateAppSettings(env.srv.defaultApp!.appKey, { multiDevice: 'refuse-new', maxDevices: 2 });
});
afterAll(() => env.close());

describe('too many devices (policy refuse-new)', () => {
  it('the Easemob SDK open() rejects with its too-many-devices error; the Pigeon SDK gets TOO_MANY_DEVICES', async () => {
    const phone = await env.emLogin('carol', device('phone'));
    const pigeon = await env.login('carol');
    await waitFor(() => sessionsOf('carol') === 2, 'two devices of carol online');

    const laptop = env.em(device('laptop'));
    await expect(laptop.open({ user: 'carol', pwd: 'pw-carol' })).rejects.toMatchObject({ type: 214 });
    await expect(env.login('carol')).rejects.toMatchObject({ code: 2008, type: 'TOO_MANY_DEVICES' });
    expect(phone.conn.isOpened()).toBe(true); // nobody was kicked

    await pigeon.conn.close();
    await waitFor(() => sessionsOf('carol') === 1, 'one device of carol online');
    const again = await env.emLogin('carol', device('laptop'));
    expect(again.conn.isOpened()).toBe(true);
    phone.conn.close();
    again.conn.close();
  });

  it('the same device logging in again is not counted as one more (it replaces its old session)', async () => {
    await waitFor(() => sessionsOf('carol') === 0, 'carol offline');
    const a = await env.emLogin('carol'); // the browser's stored device id, reused on the next login
    const b = await env.emLogin('carol', device('desk'));
    await waitFor(() => sessionsOf('carol') === 2, 'two devices of carol online');
    const back = await env.emLogin('carol');
    expect(back.conn.isOpened()).toBe(true);
    // The old session of that device is told, so the SDK does not reconnect and replace the new one back.
    await waitFor(() => a.inbox.of('onError').length > 0, 'the old session of the device is told');
    expect(a.inbox.of('onError')[0]).toMatchObject({ type: 206 });
    expect(sessionsOf('carol')).toBe(2);
    back.conn.close();
    b.conn.close();
  });

  it('maxDevices must be a positive integer', async () => {
    await expect(env.srv.updateAppSettings(env.srv.defaultApp!.appKey, { maxDevices: 0 })).rejects.toMatchObject({
      type: 'BAD_REQUEST',
      details: { path: '/maxDevices' },
    });
  });
});
