/**
 * `@pigeon/sdk/qq/core`, and the single-file build `dist/miniprogram/pigeon-qq-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/qq` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { qqPlatform } from '../platforms/qq.js';

const sdk = defineChatSdk([qqPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { qqAdapter } from '../platforms/qq.js';
export default sdk;
