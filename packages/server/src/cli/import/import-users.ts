/**
 * `pigeon users import <file>`: streams a CSV / JSON user file into an app of the data directory,
 * in batches of one transaction each; rows that fail (bad name, duplicate, taken) are written with
 * their line numbers and reasons to a rejects file and summed up at the end.
 */
import { createWriteStream } from 'node:fs';
import type { Core } from '../../core/index.js';
import type { App } from '../../core/types.js';
import type { NewUserInput } from '../../core/users/user-service.js';
import { checkRow } from './check-row.js';
import { createProgress, type Counts } from './progress.js';
import { fileSize, kindOf, readRows } from './read-rows.js';

export interface ImportOptions {
  file: string;
  rejectsFile: string;
  batchSize: number;
  /** Where progress goes (stderr): a bar on a terminal, lines otherwise. */
  progressOut: NodeJS.WritableStream & { isTTY?: boolean };
}

export interface Reject {
  line: number;
  username: string;
  reason: string;
}

export interface ImportResult extends Counts {
  rejects: Reject[];
}

type Pending = NewUserInput & { line: number };

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function importUsers(core: Core, app: App, o: ImportOptions): Promise<ImportResult> {
  kindOf(o.file);
  const progress = createProgress(o.progressOut, fileSize(o.file));
  const rejectsOut = createWriteStream(o.rejectsFile);
  rejectsOut.write('line,username,reason\n');
  const result: ImportResult = { rows: 0, imported: 0, rejected: 0, rejects: [] };
  const reject = (r: Reject) => {
    result.rejected++;
    result.rejects.push(r);
    rejectsOut.write(`${r.line},${csvCell(r.username)},${csvCell(r.reason)}\n`);
  };
  const seen = new Set<string>();
  let batch: Pending[] = [];
  const flush = async () => {
    const { created, existing } = await core.users.create(app, batch);
    result.imported += created.length;
    for (const name of existing)
      reject({ line: batch.find((p) => p.username === name)!.line, username: name, reason: 'already exists' });
    batch = [];
  };
  try {
    for await (const src of readRows(o.file)) {
      result.rows++;
      const checked = checkRow(src.row, seen);
      if (typeof checked === 'string') {
        const name = (src.row as Record<string, unknown>).username;
        reject({ line: src.line, username: typeof name === 'string' ? name : '', reason: checked });
      } else batch.push({ ...checked, line: src.line });
      if (batch.length >= o.batchSize) {
        await flush();
        progress.update(src.bytes, result);
      }
    }
    if (batch.length) await flush();
  } finally {
    progress.stop(result);
    await new Promise((r) => rejectsOut.end(r));
  }
  return result;
}

export function summary(
  r: ImportResult,
  o: { file: string; rejectsFile: string; seconds: number },
  shown = 20,
): string {
  const lines = [
    `imported ${r.imported} of ${r.rows} rows from ${o.file} in ${o.seconds.toFixed(1)} s; ${r.rejected} rejected`,
  ];
  if (r.rejected) {
    lines.push(`rejects (line, username, reason) written to ${o.rejectsFile}:`);
    for (const x of r.rejects.slice(0, shown)) lines.push(`  line ${x.line}: ${x.username || '(none)'}: ${x.reason}`);
    if (r.rejected > shown) lines.push(`  ... and ${r.rejected - shown} more`);
  }
  return lines.join('\n');
}
