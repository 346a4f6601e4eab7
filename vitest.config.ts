import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string, file = 'index.ts') =>
  fileURLToPath(new URL(`./packages/${pkg}/src/${file}`, import.meta.url));

// Tests run against the TypeScript sources, so a test never sees a stale build.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@pigeon\/protocol$/, replacement: src('protocol') },
      { find: /^@pigeon\/sdk$/, replacement: src('sdk') },
      { find: /^@pigeon\/server$/, replacement: src('server') },
      { find: /^@pigeon\/server-sdk$/, replacement: src('server-sdk') },
    ],
  },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'bench/test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
