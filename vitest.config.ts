import { defineConfig } from 'vitest/config';

// One run, two groups: everything under src/ first (in parallel), then the browser journeys on their own, so
// a loaded machine does not make them flaky. One PostgreSQL (global setup) serves both.
export default defineConfig({
  test: {
    globalSetup: ['src/server/test/global-setup.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 120_000,
    reporters: ['default', './src/server/test/summary-reporter.ts'],
    projects: [
      { extends: true, test: { name: 'api', include: ['src/**/*.test.ts'], sequence: { groupOrder: 0 } } },
      { extends: true, test: { name: 'e2e', include: ['e2e/**/*.spec.ts'], sequence: { groupOrder: 1 } } },
    ],
  },
});
