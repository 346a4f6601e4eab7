/** The architecture of DESIGN.md, checked on every test run. */
module.exports = {
  forbidden: [
    {
      name: 'protocol-imports-nothing-of-ours',
      comment: '@pigeon/protocol is shared by server and SDK: no Node, DOM or workspace imports.',
      severity: 'error',
      from: { path: '^packages/protocol/src' },
      to: { pathNot: '^packages/protocol/src', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'server-core-imports-no-edge',
      comment: 'core never imports Fastify, ws, Kysely dialects, Redis or any edge folder.',
      severity: 'error',
      from: { path: '^packages/server/src/core' },
      to: {
        path: [
          '^packages/server/src/(http|gateway|store|bus|blob|media|cli)',
          'node_modules/(fastify|@fastify|ws|kysely|better-sqlite3|pg|ioredis|pino|sharp)/',
        ],
      },
    },
    {
      name: 'sdk-core-imports-no-platform',
      comment: 'The SDK core reaches a runtime only through the adapter passed in.',
      severity: 'error',
      from: { path: '^packages/sdk/src/core' },
      to: { path: '^packages/sdk/src/platforms' },
    },
    {
      name: 'sdk-core-no-node-builtins',
      comment: 'The SDK core must run in mini-programs, which have no Node built-ins.',
      severity: 'error',
      from: { path: '^packages/sdk/src/core' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'server-sdk-imports-no-server',
      comment: "@pigeon/server-sdk runs in the app's backend: it shares the protocol package, never the server.",
      severity: 'error',
      from: { path: '^packages/server-sdk/src' },
      to: { path: ['^packages/(server|sdk|web)/', 'node_modules/(fastify|jose|kysely|better-sqlite3|pg|ioredis)/'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true, dependencyTypesNot: ['type-only'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(dist|node_modules)/' },
    tsConfig: { fileName: 'tsconfig.test.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js'],
    },
  },
};
