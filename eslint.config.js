import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

/**
 * What each kind of project may import (Nx tags). Services share contracts,
 * never code paths (ARCHITECTURE.md §2). `type:testing` is libs/testing: real
 * nats-server and platform processes, the signed-GraphQL client and record
 * factories. It needs platform code (the gateway's request signing) and
 * contracts (record types), so it cannot be `type:util`; and it is test
 * support, so no runtime code imports it. Only tools do (`npm start` runs its
 * nats-server, the benchmarks its platform process) and, below, tests.
 */
const sourceConstraints = {
  'type:app': ['type:catalog', 'type:service', 'type:platform', 'type:contract', 'type:util'],
  'type:catalog': ['type:service', 'type:platform', 'type:contract', 'type:util'],
  'type:service': ['type:platform', 'type:contract', 'type:util'],
  'type:platform': ['type:platform', 'type:contract', 'type:util'],
  'type:contract': ['type:contract', 'type:util'],
  'type:util': ['type:util'],
  'type:testing': ['type:platform', 'type:contract', 'type:util'],
  'type:tool': ['type:catalog', 'type:service', 'type:platform', 'type:contract', 'type:util', 'type:testing', 'type:sdk'],
  // The published client (libs/sdk) speaks only the public protocol: it imports no project at all.
  'type:sdk': [],
};

/**
 * Tests of every project may use libs/testing; a service's integration tests
 * may also start other services, since they compose them as the platform
 * does (alerts evaluate what ingest accepted and the store holds). Nothing
 * else loosens: a service's src still cannot import another service.
 */
const testConstraints = Object.fromEntries(
  Object.entries(sourceConstraints).map(([tag, allowed]) => [
    tag,
    [...new Set([...allowed, 'type:testing', ...(tag === 'type:service' ? ['type:service'] : [])])],
  ]),
);

const boundaries = (constraints) => [
  'error',
  {
    enforceBuildableLibDependency: false,
    allow: [],
    depConstraints: Object.entries(constraints).map(([sourceTag, onlyDependOnLibsWithTags]) => ({ sourceTag, onlyDependOnLibsWithTags })),
  },
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/__generated__/**', '.tideline/**', '.nx/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': boundaries(sourceConstraints),
    },
  },
  {
    files: ['**/test/**/*.ts', '**/*.spec.ts', '**/*.test.ts'],
    rules: { '@nx/enforce-module-boundaries': boundaries(testConstraints) },
  },
];
