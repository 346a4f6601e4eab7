/** Runs the built CLI (`pigeon start`) as a child process, so tests can kill -9 it for real. */
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const CLI = fileURLToPath(new URL('../../packages/server/dist/cli.js', import.meta.url));

export interface ChildServer {
  proc: ChildProcess;
  httpUrl: string;
  wsUrl: string;
  port: number;
  output(): string;
  kill9(): Promise<void>;
  stop(): Promise<number | null>;
}

export async function startChildServer(
  dataDir: string,
  port = 0,
  extraArgs: string[] = [],
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const proc = spawn(
    process.execPath,
    [CLI, 'start', '--port', String(port), '--host', '127.0.0.1', '--data', dataDir, ...extraArgs],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PIGEON_LOG_LEVEL: 'warn', ...env },
    },
  );
  let out = '';
  proc.stdout!.on('data', (b: Buffer) => (out += b.toString()));
  proc.stderr!.on('data', (b: Buffer) => (out += b.toString()));
  const httpUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 20_000);
    const check = () => {
      const m = /Pigeon ready on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    proc.stdout!.on('data', check);
    proc.on('exit', (code) => reject(new Error(`server exited with ${code}:\n${out}`)));
  });
  const exited = new Promise<number | null>((r) => proc.on('exit', (code) => r(code)));
  return {
    proc,
    httpUrl,
    wsUrl: `${httpUrl.replace(/^http/, 'ws')}/ws`,
    port: Number(new URL(httpUrl).port),
    output: () => out,
    kill9: async () => {
      proc.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

/** Registers users (password `pw-<name>`) through the demo app's open registration on a running server. */
export async function registerUsers(httpUrl: string, usernames: readonly string[]): Promise<void> {
  for (const username of usernames) {
    const res = await fetch(`${httpUrl}/pigeon/demo/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: `pw-${username}` }),
    });
    if (res.status !== 200) throw new Error(`registering ${username}: HTTP ${res.status} ${await res.text()}`);
  }
}
