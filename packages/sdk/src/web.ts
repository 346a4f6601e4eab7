/** `@pigeon/sdk/web` (and the browser bundle, global `PigeonSDK`): browsers only. */
import { defineSdk } from './core/sdk.js';
import { web } from './platforms/web.js';
import { getFileUrl } from './platforms/web-files.js';

const sdk = defineSdk([web], { getFileUrl });

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from './core/index.js';
export { createWebAdapter } from './platforms/web.js';
export default sdk;
