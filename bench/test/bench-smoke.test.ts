/**
 * Smoke test of the benchmark harness: every scenario once at a tiny size. It asserts that the
 * harness works — counts add up, nothing lost or duplicated, result files written — never speed.
 * Pigeon is included when the server is built (CI builds before testing); otherwise only baselines.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MemoryReporter } from '../lib/progress.js';
import { runScenario } from '../lib/runner.js';
import { TARGETS } from '../lib/targets/index.js';
import type { TargetName } from '../lib/targets/target.js';
import { SCENARIOS } from '../scenarios/index.js';
import type { Scenario } from '../lib/scenario.js';
import { hasPostgres, warnSkipped } from '../../test/helpers/pg.js';

const out = mkdtempSync(join(tmpdir(), 'pigeon-bench-smoke-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const pigeonBuilt = TARGETS.pigeon.unavailable() === undefined;
if (!pigeonBuilt) console.warn(`bench smoke: Pigeon not measured: ${TARGETS.pigeon.unavailable()}`);

/** Pigeon and the bare ws relay everywhere; the Socket.IO relay where its client path matters. */
const targetsFor = (scenario: string): TargetName[] =>
  scenario === 'messages' || scenario === 'connect' ? ['pigeon', 'ws', 'sio'] : ['pigeon', 'ws'];

/** At most three scenarios at once: each starts servers, and the machine may be shared. */
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(fn: () => Promise<T>): Promise<T> {
  if (running >= 3) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await fn();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

if (!hasPostgres) warnSkipped('bench storage --driver postgres');

describe.concurrent('bench scenarios at a tiny size', () => {
  for (const scenario of SCENARIOS) {
    it(scenario.name, { timeout: 180_000 }, () => slot(() => smoke(scenario)));
  }
  const storage = SCENARIOS.find((s) => s.name === 'storage')!;
  it.skipIf(!hasPostgres)('storage --driver postgres', { timeout: 180_000 }, () =>
    slot(() => smoke(storage, { driver: 'postgres' })),
  );
});

async function smoke(scenario: Scenario, flags: Record<string, string> = {}): Promise<void> {
  const reporter = new MemoryReporter();
  const outcome = await runScenario(scenario, {
    flags,
    reporter,
    outDir: out,
    tiny: true,
    pin: 'never',
    quickMachine: true,
    targets: targetsFor(scenario.name),
  });
  const failed = outcome.report.checks.filter((c) => !c.ok);
  expect(failed, reporter.lines.join('\n')).toEqual([]);
  expect(existsSync(outcome.files.json)).toBe(true);
  const json = JSON.parse(readFileSync(outcome.files.json, 'utf8')) as { scenario: string; rows: unknown[] };
  expect(json.scenario).toBe(scenario.name);
  expect(outcome.files.svg && readFileSync(outcome.files.svg, 'utf8')).toContain('<svg');
  expect(outcome.report.checks.length).toBeGreaterThan(0);
  const measured = outcome.report.checks.map((c) => c.target.split(' ')[0]);
  if (pigeonBuilt) expect(measured).toContain('pigeon');
}
