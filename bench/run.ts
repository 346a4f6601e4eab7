/**
 * `npm run bench -- <scenario|all|list> [--param value …] [--targets pigeon,ws,sio] [--pin|--no-pin]
 * [--tiny] [--out DIR] [--profile DIR]`. Started by bench.sh, which raises the open-file limit first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderProfile, summarizeProfile } from './lib/cpu-profile.js';
import { ConsoleReporter } from './lib/progress.js';
import { runScenario } from './lib/runner.js';
import { killLiveChildren } from './lib/targets/child.js';
import { TARGETS } from './lib/targets/index.js';
import type { TargetName } from './lib/targets/target.js';
import { SCENARIOS, scenarioByName } from './scenarios/index.js';

interface Cli {
  names: string[];
  flags: Record<string, string>;
}

function parse(argv: string[]): Cli {
  const names: string[] = [];
  const flags: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      names.push(arg);
      continue;
    }
    const [key, inline] = arg.slice(2).split('=', 2);
    if (inline !== undefined) flags[key] = inline;
    else if (key.startsWith('no-') || ['tiny', 'help', 'pin'].includes(key)) flags[key] = 'true';
    else flags[key] = argv[++i] ?? '';
  }
  return { names, flags };
}

function usage(): string {
  const lines = [
    'usage: npm run bench -- <scenario|all|list> [--param value …] [--targets pigeon,ws,sio]',
    '         [--pin | --no-pin] [--tiny] [--out DIR] [--profile DIR (server --cpu-prof)]',
    '',
  ];
  for (const s of SCENARIOS) {
    lines.push(`  ${s.name.padEnd(10)} ${s.summary}`);
    for (const [k, p] of Object.entries(s.params)) {
      const flag = k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      lines.push(`      --${flag.padEnd(22)} ${String(p.default).padStart(8)}  ${p.help}`);
    }
    for (const [k, c] of Object.entries(s.choices ?? {}))
      lines.push(`      --${k.padEnd(22)} ${c.default.padStart(8)}  ${c.help} (${c.values.join(' | ')})`);
  }
  lines.push(`  ${'sdk-size'.padEnd(10)} SDK bundle sizes (bench/sdk-size.mjs)`);
  lines.push(`  ${'profile'.padEnd(10)} profile FILE|DIR: where the time went in --profile's .cpuprofile files`);
  return lines.join('\n');
}

function targetList(raw: string): TargetName[] {
  const names = raw.split(',').map((s) => s.trim());
  const bad = names.filter((n) => !(n in TARGETS));
  if (bad.length) throw new Error(`unknown target ${bad.join(', ')}: use ${Object.keys(TARGETS).join(', ')}`);
  return names as TargetName[];
}

async function main(): Promise<number> {
  const { names, flags } = parse(process.argv.slice(2));
  if (!names.length || names[0] === 'list' || flags.help) {
    console.log(usage());
    return names.length ? 0 : 1;
  }
  if (names[0] === 'profile') {
    const files = names.slice(1).flatMap((n) =>
      statSync(n).isDirectory()
        ? readdirSync(n)
            .filter((f) => f.endsWith('.cpuprofile'))
            .map((f) => join(n, f))
        : [n],
    );
    for (const f of files) console.log(renderProfile(f, summarizeProfile(f)));
    return files.length ? 0 : 1;
  }
  if (names[0] === 'sdk-size') {
    const script = fileURLToPath(new URL('./sdk-size.mjs', import.meta.url));
    if (!existsSync(script)) return (console.error('bench/sdk-size.mjs is not there yet'), 1);
    return spawnSync(process.execPath, [script, ...process.argv.slice(3)], { stdio: 'inherit' }).status ?? 1;
  }
  const chosen = names[0] === 'all' ? SCENARIOS : names.map((n) => scenarioByName(n));
  const unknown = names.filter((_, i) => !chosen[i]);
  if (unknown.length) return (console.error(`unknown scenario: ${unknown.join(', ')}\n\n${usage()}`), 1);
  const reporter = new ConsoleReporter();
  const { out, tiny } = flags;
  let targets: TargetName[] | undefined;
  try {
    targets = flags.targets ? targetList(flags.targets) : undefined;
  } catch (err) {
    return (console.error(err instanceof Error ? err.message : err), 1);
  }
  let ok = true;
  for (const scenario of chosen) {
    if (!scenario) continue;
    try {
      const outcome = await runScenario(scenario, {
        flags,
        reporter,
        outDir: out,
        tiny: tiny === 'true',
        pin: flags['no-pin'] ? 'never' : flags.pin ? 'always' : 'auto',
        targets,
        serverNodeFlags: flags.profile ? ['--cpu-prof', `--cpu-prof-dir=${resolve(flags.profile)}`] : [],
      });
      ok &&= outcome.ok;
    } catch (err) {
      // One broken scenario must not hide the others' figures in `all`.
      reporter.log(`✗ ${scenario.name} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      ok = false;
    }
  }
  return ok ? 0 : 2;
}

// Ctrl-C or a timeout must not leave servers running on their own.
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    killLiveChildren();
    process.exit(130);
  });

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    process.exit(1);
  },
);
