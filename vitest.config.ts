import { defineConfig } from 'vitest/config';

// Root config, used by `npm test`: unit specs and integration tests of every
// project. Integration suites each start their own nats-server and chDB
// directory; chDB binds one data directory per process, so every test file
// runs in its own forked process, two at a time for a 2-core machine.
export default defineConfig({
  test: {
    include: ['{apps,libs,tools,clients}/**/*.{spec,test}.ts'],
    exclude: ['**/node_modules/**'],
    pool: 'forks',
    maxWorkers: 2,
    isolate: true,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
