import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { postLoadObjects } from '../../src/load/post-load-objects.js';
import { latestRun } from '../../src/load/run-record.js';
import { seedDatabase } from '../../src/load/seed-database.js';
import { copyHoldsLock } from '../support/copy-lock.js';
import { createTestDatabase } from '../support/test-database.js';
import { connectTo, waitFor } from './run-medseed.js';

const config = resolveRunConfig({ profile: 'ci', seed: '42', patients: 60 });

describe('the index phase says what it is doing', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('index_progress');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('reports each running build from pg_stat_progress_create_index, times every build, and records the settings', { timeout: 120_000 }, async () => {
    const lines: string[] = [];
    const holder = await connectTo(database.url);
    const watcher = await connectTo(database.url);
    try {
      const seeding = seedDatabase({
        url: database.url, config, workers: 0, batchSize: 50, reset: false, vacuum: false, indexConcurrency: 2,
        indexSessionSettings: ["SET maintenance_work_mem = '96MB'"],
        onIndexProgress: (line) => lines.push(line),
      });
      // Holding audit_logs (granted when its COPY commits) keeps its index builds waiting for a few
      // seconds, long enough for several progress reports to name them.
      await waitFor('the audit_logs COPY holding its lock', () => copyHoldsLock(watcher, 'audit_logs'));
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE audit_logs IN ROW EXCLUSIVE MODE');
      await waitFor('a progress line naming an audit_logs index', async () => (lines.some((line) => /building audit_logs_\w+/.test(line)) ? true : undefined));
      await holder.query('COMMIT');
      const summary = await seeding;

      const indexes = postLoadObjects().filter((object) => object.kind === 'index');
      expect(lines.every((line) => new RegExp(`^\\[indexes\\] \\d+ of ${indexes.length} built(; building .+)?$`).test(line)), lines.join('\n')).toBe(true);
      expect(summary.indexBuilds.map((build) => build.index).sort()).toEqual(indexes.map((object) => object.name).sort());
      expect(summary.indexBuilds.every((build, i, all) => i === 0 || all[i - 1]!.seconds >= build.seconds)).toBe(true);
      // the held table's builds waited for the lock, so they are among the slowest
      expect(summary.indexBuilds[0]!.table).toBe('audit_logs');

      const run = await latestRun(watcher);
      const load = (run?.options as { load: { server: Record<string, string>; indexSessionSettings: string[]; copy: string } }).load;
      expect(load.indexSessionSettings).toEqual(["SET maintenance_work_mem = '96MB'"]);
      expect(load.copy).toBe('one COPY FREEZE per table');
      expect(Object.keys(load.server)).toEqual(expect.arrayContaining(['wal_level', 'fsync', 'synchronous_commit', 'maintenance_work_mem', 'server_version']));
    } finally {
      await holder.end();
      await watcher.end();
    }
  });
});
