/**
 * `@pigeon/sdk/bytedance/core`, and the single-file build `dist/miniprogram/pigeon-bytedance-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/bytedance` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { bytedancePlatform } from '../platforms/bytedance.js';

const sdk = defineChatSdk([bytedancePlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { bytedanceAdapter } from '../platforms/bytedance.js';
export default sdk;
