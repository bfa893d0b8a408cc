import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Tests written against the public API import 'reesim' and 'reesim/testing' as a user would; here they
  // resolve to the sources (tsconfig.json maps them the same way for type checking). The packed
  // tarball's own entry points are exercised by test/package/pack.test.ts.
  resolve: {
    alias: [
      { find: /^reesim\/testing$/, replacement: new URL('./src/testing/index.ts', import.meta.url).pathname },
      { find: /^reesim$/, replacement: new URL('./src/index.ts', import.meta.url).pathname },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Both cores: the golden reruns and the CLI tests spend most of their time in child processes.
    maxWorkers: 2,
  },
});
