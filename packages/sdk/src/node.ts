/** `@pigeon/sdk/node`: Node services and bots (`ws` is used when Node has no global WebSocket). */
import { defineSdk } from './core/sdk.js';
import { node } from './platforms/node.js';

const sdk = defineSdk([node]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from './core/index.js';
export { createNodeAdapter, type NodeAdapterOptions } from './platforms/node.js';
export default sdk;
