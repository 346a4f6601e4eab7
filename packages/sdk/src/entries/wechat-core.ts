/**
 * `@pigeon/sdk/wechat/core`, and the single-file build `dist/miniprogram/pigeon-wechat-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/wechat` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { wechatPlatform } from '../platforms/wechat.js';

const sdk = defineChatSdk([wechatPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { wechatAdapter } from '../platforms/wechat.js';
export default sdk;
