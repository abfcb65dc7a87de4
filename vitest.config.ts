import { defineConfig } from 'vitest/config';
import { SlowestFirstSequencer } from './test/support/slowest-first-sequencer.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // One embedded PostgreSQL per test run; each test file makes its own database in it.
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // 2-core machines: more parallel files only contend for the same PostgreSQL.
    maxWorkers: 2,
    // longest files first, so the two workers end together (CI has no cached durations)
    sequence: { sequencer: SlowestFirstSequencer },
  },
});
