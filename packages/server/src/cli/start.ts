/** `pigeon start`: serve until SIGINT/SIGTERM, printing a banner whose last line tests wait for. */
import type { ConfigInput } from '../config.js';
import { readFlags } from '../config-settings.js';
import { startServer, type PigeonServer } from '../server.js';
import { codeCacheLine, saveCodeCacheSoon } from './code-cache.js';

export function banner(s: PigeonServer): string {
  const lines = [
    '',
    'Pigeon IM server',
    `  data:          ${s.config.dataDir} (SQLite, durability ${s.config.db.durability})`,
  ];
  lines.push(`  REST API:      ${s.httpUrl}`, `  WebSocket:     ${s.wsUrl}`, `  OpenAPI:       ${s.httpUrl}/docs/json`);
  lines.push(`  console:       ${s.console.url}  (administrator "${s.console.adminUser}")`);
  if (s.console.generatedPassword)
    lines.push(
      `  password:      ${s.console.generatedPassword}  (generated now and shown only this once;`,
      '                 keep it, or restart with PIGEON_ADMIN_PASSWORD=... to set your own)',
    );
  lines.push(`  demo chat:     ${s.console.demoUrl}`);
  const app = s.defaultApp;
  if (app) {
    lines.push(`  appKey:        ${app.appKey}${app.created ? '  (created now)' : ''}`);
    lines.push(`  client id:     ${app.clientId}`, `  client secret: ${app.clientSecret}`);
    lines.push(`  note: ${app.appKey} has open registration ON (anyone can register users): a development`);
    lines.push('        convenience. Apps you create have it off; turn it off before going public.');
  }
  const cache = codeCacheLine();
  if (cache) lines.push(cache);
  lines.push('', `Pigeon ready on ${s.httpUrl}`);
  return lines.join('\n');
}

export async function startCommand(values: Record<string, unknown>): Promise<void> {
  const server = await startServer({
    ...(readFlags(values) as ConfigInput),
    configFile: values.config as string | undefined,
    env: process.env,
  });
  let signalled = false;
  const shutdown = (signal: string) => {
    if (signalled) return process.exit(1); // a second Ctrl-C: leave at once
    signalled = true;
    process.stderr.write(`${signal}: shutting down gracefully\n`);
    server.stop().then(
      () => process.exit(0),
      (e: unknown) => {
        process.stderr.write(`shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // Only now the ready line: a supervisor that signals as soon as it reads it gets a graceful stop.
  process.stdout.write(`${banner(server)}\n`);
  saveCodeCacheSoon();
}
