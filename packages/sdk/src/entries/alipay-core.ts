/**
 * `@pigeon/sdk/alipay/core`, and the single-file build `dist/miniprogram/pigeon-alipay-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/alipay` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { alipayPlatform } from '../platforms/alipay.js';

const sdk = defineChatSdk([alipayPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { alipayAdapter } from '../platforms/alipay.js';
export default sdk;
