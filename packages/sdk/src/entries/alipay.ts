/**
 * `@pigeon/sdk/alipay`, and the single-file build `dist/miniprogram/pigeon-alipay.js` a project copies
 * into its `sdk/` folder: Alipay mini-programs only. Same default export as `@pigeon/sdk`.
 */
import { defineSdk } from '../core/sdk.js';
import { alipayPlatform } from '../platforms/alipay.js';

const sdk = defineSdk([alipayPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { alipayAdapter } from '../platforms/alipay.js';
export default sdk;
