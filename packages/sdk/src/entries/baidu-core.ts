/**
 * `@pigeon/sdk/baidu/core`, and the single-file build `dist/miniprogram/pigeon-baidu-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/baidu` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { baiduPlatform } from '../platforms/baidu.js';

const sdk = defineChatSdk([baiduPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { baiduAdapter } from '../platforms/baidu.js';
export default sdk;
