/** Message ext <-> msync KeyValue lists, with the value types the Easemob SDK writes and reads. */
import type { Ext, ExtValue } from '@pigeon/protocol';
import type { Plain } from './codec.js';

const V = { BOOL: 1, INT: 2, UINT: 3, LLINT: 4, FLOAT: 5, DOUBLE: 6, STRING: 7, JSON_STRING: 8 } as const;

function valueOf(kv: Plain): ExtValue {
  const t = kv.type as number;
  if (t === V.BOOL) return Number(kv.varintValue ?? 0) !== 0;
  if (t === V.INT || t === V.UINT || t === V.LLINT) return Number(kv.varintValue ?? 0);
  if (t === V.FLOAT) return Number(kv.floatValue ?? 0);
  if (t === V.DOUBLE) return Number(kv.doubleValue ?? 0);
  const s = typeof kv.stringValue === 'string' ? kv.stringValue : '';
  if (t !== V.JSON_STRING) return s;
  try {
    return JSON.parse(s) as ExtValue;
  } catch {
    return s;
  }
}

export function extFromKeyValues(list: unknown): Ext | undefined {
  if (!Array.isArray(list) || !list.length) return undefined;
  const ext: Ext = {};
  for (const kv of list as Plain[]) if (typeof kv.key === 'string') ext[kv.key] = valueOf(kv);
  return ext;
}

function keyValue(key: string, v: ExtValue): Plain {
  if (typeof v === 'string') return { key, type: V.STRING, stringValue: v };
  if (typeof v === 'boolean') return { key, type: V.BOOL, varintValue: v ? 1 : 0 };
  if (typeof v === 'number' && Number.isSafeInteger(v)) return { key, type: V.INT, varintValue: v };
  if (typeof v === 'number') return { key, type: V.DOUBLE, doubleValue: v };
  return { key, type: V.JSON_STRING, stringValue: JSON.stringify(v) };
}

export function extToKeyValues(ext: Ext | undefined): Plain[] {
  return Object.entries(ext ?? {}).map(([k, v]) => keyValue(k, v));
}

/** Custom message fields travel as STRING KeyValues (`customExts`). */
export function fieldsFromKeyValues(list: unknown): Record<string, string> | undefined {
  const ext = extFromKeyValues(list);
  if (!ext) return undefined;
  return Object.fromEntries(Object.entries(ext).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
}
