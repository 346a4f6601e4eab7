/**
 * Streams the rows of a user file with where each came from: CSV with a header row (csv-parse),
 * JSON lines (one object a line), or a JSON array (read whole; "line" is then the entry number).
 */
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { parse } from 'csv-parse';

export interface SourceRow {
  /** 1-based line of the file (entry of a JSON array). */
  line: number;
  /** Bytes of the file read so far, for progress. */
  bytes: number;
  /** The parsed row, or why it could not be parsed. */
  row: Record<string, unknown> | { error: string };
}

export type FileKind = 'csv' | 'jsonl' | 'json';

export function kindOf(file: string): FileKind {
  if (/\.csv$/i.test(file)) return 'csv';
  if (/\.(jsonl|ndjson)$/i.test(file)) return 'jsonl';
  if (/\.json$/i.test(file)) return 'json';
  throw new Error(`${file}: name the file .csv, .json, .jsonl or .ndjson`);
}

export const fileSize = (file: string): number => statSync(file).size;

async function* csvRows(file: string): AsyncGenerator<SourceRow> {
  const parser = createReadStream(file).pipe(
    parse({
      columns: (h: string[]) => h.map((c) => c.trim().toLowerCase()),
      info: true,
      skip_empty_lines: true,
      trim: true,
      relax_column_count: true,
      bom: true,
    }),
  );
  for await (const r of parser as AsyncIterable<{
    record: Record<string, string>;
    info: { lines: number; bytes: number };
  }>) {
    yield { line: r.info.lines, bytes: r.info.bytes, row: r.record };
  }
}

const objectOr = (v: unknown, what: string): SourceRow['row'] =>
  typeof v === 'object' && v !== null && !Array.isArray(v)
    ? (v as Record<string, unknown>)
    : { error: `${what} is not an object` };

async function* jsonLines(file: string): AsyncGenerator<SourceRow> {
  let line = 0;
  let bytes = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    bytes += Buffer.byteLength(text) + 1;
    if (!text.trim()) continue;
    try {
      yield { line, bytes, row: objectOr(JSON.parse(text), 'the line') };
    } catch (e) {
      yield { line, bytes, row: { error: `not JSON: ${(e as Error).message}` } };
    }
  }
}

async function* jsonArray(file: string): AsyncGenerator<SourceRow> {
  const text = readFileSync(file, 'utf8');
  const list: unknown = JSON.parse(text);
  if (!Array.isArray(list)) throw new Error(`${file}: a .json file holds an array of users`);
  const total = Buffer.byteLength(text);
  for (const [i, v] of list.entries()) {
    yield { line: i + 1, bytes: Math.round(((i + 1) / list.length) * total), row: objectOr(v, 'the entry') };
  }
}

export function readRows(file: string): AsyncGenerator<SourceRow> {
  const kind = kindOf(file);
  return kind === 'csv' ? csvRows(file) : kind === 'jsonl' ? jsonLines(file) : jsonArray(file);
}
