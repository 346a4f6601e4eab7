/**
 * `@pigeon/sdk`: detects the platform at run time (web or Node in this build; an explicit
 * `platform` option wins). `@pigeon/sdk/web` and `@pigeon/sdk/node` fix it instead.
 */
import { defineSdk } from './core/sdk.js';
import { platforms } from './platforms/index.js';
import { getFileUrl } from './platforms/web-files.js';

const sdk = defineSdk(platforms, { getFileUrl });

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from './core/index.js';
export { platforms, createWebAdapter, createNodeAdapter, type NodeAdapterOptions } from './platforms/index.js';
export default sdk;
