/**
 * `@pigeon/sdk/baidu`, and the single-file build `dist/miniprogram/pigeon-baidu.js` a project copies
 * into its `sdk/` folder: Baidu smart mini-programs only. Same default export as `@pigeon/sdk`.
 */
import { defineSdk } from '../core/sdk.js';
import { baiduPlatform } from '../platforms/baidu.js';

const sdk = defineSdk([baiduPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { baiduAdapter } from '../platforms/baidu.js';
export default sdk;
