import { defineConfig } from 'vitest/config';

// Two projects: `unit` is self-contained (npm test); `real` reads the public downloads in ../shared/real in place
// (npm run test:real, run by .ci/run after npm test). Benchmarks live in test/bench and never run here.
export default defineConfig({
  test: {
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
