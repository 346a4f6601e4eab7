/**
 * `@pigeon/sdk/qq`, and the single-file build `dist/miniprogram/pigeon-qq.js` a project copies
 * into its `sdk/` folder: QQ mini-programs only. Same default export as `@pigeon/sdk`.
 */
import { defineSdk } from '../core/sdk.js';
import { qqPlatform } from '../platforms/qq.js';

const sdk = defineSdk([qqPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/index.js';
export { qqAdapter } from '../platforms/qq.js';
export default sdk;
