/**
 * The core-chat SDK object of the `/<platform>/core` entries and `pigeon-<platform>-core.js`: login,
 * reconnect, send/receive, conversations, history, recall, receipts. No groups, chatrooms,
 * contacts or file uploads (those entries' `connection` lacks their methods).
 */
import { Connection } from './connection.js';
import type { PlatformEntry } from './registry.js';
import { makeSdk } from './sdk-base.js';

export function defineChatSdk(platforms: readonly PlatformEntry[]) {
  return makeSdk(Connection, platforms, {});
}
