#!/usr/bin/env node
/** The `pigeon` command: start | token | app create|list|rotate-secret | users import | export | send | help. */
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
  rejects: { type: 'string' },
  batch: { type: 'string' },
  'hash-cost': { type: 'string' },
  out: { type: 'string' },
  url: { type: 'string' },
  'client-id': { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  group: { type: 'string' },
  room: { type: 'string' },
  text: { type: 'string' },
  type: { type: 'string' },
  body: { type: 'string' },
  ext: { type: 'string' },
  ...Object.fromEntries(SETTINGS.filter((s) => s.flag).map((s) => [s.flag!, { type: 'string' }])),
} as const;

const HELP_BY_COMMAND: Record<string, () => string> = {
  start: HELP.start,
  token: () => HELP.token,
  app: () => HELP.app,
  users: () => HELP.users,
  export: () => HELP.export,
  send: () => HELP.send,
};
const helpFor = (cmd: string | undefined): string => (HELP_BY_COMMAND[cmd ?? ''] ?? (() => HELP.main))();
const print = (text: string) => void process.stdout.write(`${text}\n`);

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  const [cmd, sub, arg] = positionals;
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
  if (cmd === 'app' && sub === 'rotate-secret')
    return print(await (await import('./cli/apps.js')).appRotateSecretCommand(v));
  if (cmd === 'users' && sub === 'import')
    return print(await (await import('./cli/users-import.js')).usersImportCommand(v, arg));
  if (cmd === 'export') {
    const n = await (await import('./cli/export.js')).exportCommand(v, sub);
    return void process.stderr.write(`exported ${n} messages\n`);
  }
  if (cmd === 'send')
    return print(await (await import('./cli/send.js')).sendCommand({ url: process.env.PIGEON_URL, ...v }));
  throw new Error(`Unknown command "${positionals.join(' ')}". Run "pigeon --help".`);
}

main(process.argv.slice(2)).catch((e: unknown) => {
  process.stderr.write(`pigeon: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
