/** `pigeon export <conversation> --app org#app`: a conversation's stored messages, oldest first, as JSON lines. */
import { createWriteStream } from 'node:fs';
import { parseConversationKey } from '@pigeon/protocol';
import { withOfflineCore } from './offline-core.js';

export interface ExportArgs {
  app?: string;
  data?: string;
  out?: string;
}

const PAGE = 500;

/** Writes every message of the conversation; returns how many. */
export async function exportCommand(a: ExportArgs, conv: string | undefined): Promise<number> {
  if (!a.app || !conv)
    throw new Error('pigeon export needs <conversation> (s:<a>:<b>, g:<groupId> or r:<roomId>) and --app org#app');
  if (!parseConversationKey(conv))
    throw new Error(`"${conv}" is not a conversation: use s:<a>:<b> (names sorted), g:<groupId> or r:<roomId>`);
  const out: NodeJS.WritableStream = a.out ? createWriteStream(a.out) : process.stdout;
  let count = 0;
  await withOfflineCore(a.data, async (core) => {
    const app = await core.apps.get(a.app!);
    for (let after = 0; ;) {
      const page = await core.repos.messages.range(app.id, conv, { afterSeq: after, limit: PAGE, order: 'asc' });
      for (const m of page)
        if (!out.write(`${JSON.stringify(m)}\n`)) await new Promise<void>((r) => out.once('drain', () => r()));
      count += page.length;
      if (page.length < PAGE) break;
      after = page[page.length - 1]!.seq;
    }
  });
  if (a.out) await new Promise<void>((r) => out.end(() => r()));
  return count;
}
