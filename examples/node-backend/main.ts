/** Runs the example backend: PIGEON_URL, PIGEON_ORG, PIGEON_APP, PIGEON_CLIENT_ID, PIGEON_CLIENT_SECRET, PORT. */
import { createBackend } from './backend.js';

const env = (name: string): string => {
  const v = process.env[name];
  if (!v) throw new Error(`Set ${name} (see README.md).`);
  return v;
};

const port = Number(process.env.PORT ?? 3000);
createBackend({
  url: env('PIGEON_URL'),
  org: env('PIGEON_ORG'),
  app: env('PIGEON_APP'),
  clientId: env('PIGEON_CLIENT_ID'),
  clientSecret: env('PIGEON_CLIENT_SECRET'),
}).listen(port, () => process.stdout.write(`node-backend on http://localhost:${port}\n`));
