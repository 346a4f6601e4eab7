/**
 * `@pigeon/sdk/wechat`, and the single-file build `dist/miniprogram/pigeon-wechat.js` a project copies
 * into its `sdk/` folder: WeChat mini-programs only. Same default export as `@pigeon/sdk`.
 */
import { defineSdk } from '../core/sdk.js';
import { wechatPlatform } from '../platforms/wechat.js';

const sdk = defineSdk([wechatPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { wechatAdapter } from '../platforms/wechat.js';
export default sdk;
