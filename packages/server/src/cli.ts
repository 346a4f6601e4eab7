#!/usr/bin/env node
/** The `pigeon` command: start | token | app create | app list | help. */
import { parseArgs } from 'node:util';
import { SETTINGS } from './config-settings.js';
import { HELP } from './cli/help.js';

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  config: { type: 'string' },
  app: { type: 'string' },
  user: { type: 'string' },
  ttl: { type: 'string' },
  secret: { type: 'string' },
  'open-registration': { type: 'boolean' },
  'friends-required': { type: 'boolean' },
  'multi-device': { type: 'string' },
  ...Object.fromEntries(SETTINGS.filter((s) => s.flag).map((s) => [s.flag!, { type: 'string' }])),
} as const;

const helpFor = (cmd: string | undefined): string =>
  cmd === 'start' ? HELP.start() : cmd === 'token' ? HELP.token : cmd === 'app' ? HELP.app : HELP.main;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [cmd, sub] = positionals;
  if (values.help || !cmd || cmd === 'help')
    return void process.stdout.write(`${helpFor(cmd === 'help' ? sub : cmd)}\n`);
  const v = values as Record<string, unknown>;
  // Commands load lazily: `pigeon token` need not load Fastify.
  if (cmd === 'start') return (await import('./cli/start.js')).startCommand(v);
  if (cmd === 'token') return void process.stdout.write(`${await (await import('./cli/token.js')).tokenCommand(v)}\n`);
  if (cmd === 'app' && sub === 'create')
    return void process.stdout.write(`${await (await import('./cli/apps.js')).appCreateCommand(v)}\n`);
  if (cmd === 'app' && sub === 'list')
    return void process.stdout.write(`${await (await import('./cli/apps.js')).appListCommand(v)}\n`);
  throw new Error(`Unknown command "${positionals.join(' ')}". Run "pigeon --help".`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`pigeon: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
