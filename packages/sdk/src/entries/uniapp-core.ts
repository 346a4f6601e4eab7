/**
 * `@pigeon/sdk/uniapp/core`, and the single-file build `dist/miniprogram/pigeon-uniapp-core.js`: the chat
 * core only (login, reconnect, send/receive, conversations, history, recall, receipts), a fraction of
 * the full build's size. No groups, chatrooms, contacts or file uploads: use `@pigeon/sdk/uniapp` for those.
 */
import { defineChatSdk } from '../core/chat-sdk.js';
import { uniappPlatform } from '../platforms/uniapp.js';

const sdk = defineChatSdk([uniappPlatform]);

export const { connection, message, utils, statusCode, ErrorCodes } = sdk;
export type connection = InstanceType<typeof connection>;
export * from '../core/chat-index.js';
export { Connection } from '../core/connection.js';
export { uniappAdapter, uniAppShown, uniAppHidden } from '../platforms/uniapp.js';
export default sdk;
