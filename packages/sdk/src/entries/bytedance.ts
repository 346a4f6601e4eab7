/**
 * `@pigeon/sdk/bytedance`, and the single-file build `dist/miniprogram/pigeon-bytedance.js` a project copies
 * into its `sdk/` folder: ByteDance (Douyin/Toutiao) mini-programs only. Same default export as `@pigeon/sdk`.
 */
import { defineSdk } from '../core/sdk.js';
import { bytedancePlatform } from '../platforms/bytedance.js';

const sdk = defineSdk([bytedancePlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { bytedanceAdapter } from '../platforms/bytedance.js';
export default sdk;
