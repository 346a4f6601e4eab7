/**
 * What a scenario hands back, and how it is shown: a terminal table with Pigeon's figures beside
 * each baseline's and their ratio, a JSON file with everything, and the SVG chart.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChartSpec } from './svg-chart.js';
import { renderChart } from './svg-chart.js';

export type Value = number | string | undefined;

export interface Row {
  metric: string;
  unit: string;
  /** The target for this figure, as text ("≥ 3,000/s"). */
  goal?: string;
  /** Which direction is good; ratios are printed for numeric rows that have one. */
  better?: 'higher' | 'lower';
  values: Record<string, Value>;
}

export interface Column {
  key: string;
  label: string;
}

export interface Check {
  target: string;
  name: string;
  ok: boolean;
  detail: string;
}

export interface ScenarioReport {
  scenario: string;
  title: string;
  /** First column is Pigeon; the others are its baselines. */
  columns: Column[];
  /** Ratio columns as [numerator, denominator] keys; default: the first column over each other one. */
  ratios?: [string, string][];
  rows: Row[];
  /** Correctness: counts, loss, duplicates. A failed check fails the run. */
  checks: Check[];
  notes: string[];
  chart?: ChartSpec;
  /** Everything measured, per target (series included), for the JSON file. */
  figures: Record<string, unknown>;
  /** The options the scenario ran with. */
  params: Record<string, number>;
}

const fmtNumber = (v: number): string =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : String(+v.toFixed(Math.abs(v) >= 10 ? 1 : 2));

export const fmtValue = (v: Value): string => (v === undefined ? '–' : typeof v === 'number' ? fmtNumber(v) : v);

/** Pigeon's figure over the baseline's, e.g. "0.42×"; blank where it means nothing. */
export function ratio(row: Row, base: string, first: string): string {
  const a = row.values[first];
  const b = row.values[base];
  if (!row.better || typeof a !== 'number' || typeof b !== 'number' || b === 0) return '';
  return `${(a / b).toFixed(a / b >= 10 ? 0 : 2)}×`;
}

export const ratioPairs = (report: ScenarioReport): [string, string][] =>
  report.ratios ?? report.columns.slice(1).map((c) => [report.columns[0].key, c.key]);

export function renderTable(report: ScenarioReport): string {
  const label = (key: string) => report.columns.find((c) => c.key === key)?.label ?? key;
  const pairs = ratioPairs(report);
  const header = [
    'metric',
    'goal',
    ...report.columns.map((c) => c.label),
    ...pairs.map(([a, b]) => `${label(a)}/${label(b)}`),
  ];
  const body = report.rows.map((r) => [
    r.unit ? `${r.metric} (${r.unit})` : r.metric,
    r.goal ?? '',
    ...report.columns.map((c) => fmtValue(r.values[c.key])),
    ...pairs.map(([a, b]) => ratio(r, b, a)),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '─'.repeat(w)).join('  '), ...body.map(line)].join('\n');
}

export function renderChecks(report: ScenarioReport): string {
  return report.checks.map((c) => `${c.ok ? 'ok  ' : 'FAIL'} ${c.target}: ${c.name} — ${c.detail}`).join('\n');
}

export interface Written {
  json: string;
  svg: string | undefined;
}

/** Writes `<scenario>-<date>.json` and `.svg` into `dir`. */
export function writeReport(
  dir: string,
  report: ScenarioReport,
  context: Record<string, unknown>,
  date = new Date(),
): Written {
  mkdirSync(dir, { recursive: true });
  const stamp = date
    .toISOString()
    .replace(/:/g, '-')
    .replace(/\.\d+Z$/, '');
  const base = join(dir, `${report.scenario}-${stamp}`);
  const { chart, ...rest } = report;
  const ratioTable = report.rows.map((r) => ({
    metric: r.metric,
    ...Object.fromEntries(ratioPairs(report).map(([a, b]) => [`${a}/${b}`, ratio(r, b, a) || undefined])),
  }));
  const json = { ...rest, ratioTable, ...context, date: date.toISOString() };
  writeFileSync(`${base}.json`, `${JSON.stringify(json, null, 2)}\n`);
  if (!chart) return { json: `${base}.json`, svg: undefined };
  writeFileSync(`${base}.svg`, renderChart(chart));
  return { json: `${base}.json`, svg: `${base}.svg` };
}
