import { defineConfig } from 'vitest/config';

// Two projects: `unit` is self-contained (npm test); `real` reads the public downloads in ../shared/real in place
// (npm run test:real, run by .ci/run after npm test). Benchmarks live in test/bench and never run here.
// Two test files at a time even on two cores (vitest's default there is one): most of the suite waits on the CLI
// processes and DuckDB statements it starts, and the unit project takes a third less time (390 s instead of 581 s).
export default defineConfig({
  test: {
    maxWorkers: 2,
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/real/**', 'test/bench/**', 'node_modules/**'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'real',
          include: ['test/real/**/*.test.ts'],
          globalSetup: ['test/helpers/global-setup.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
