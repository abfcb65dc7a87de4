import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { formatError } from '../../src/cli/errors.js';
import { seedDatabase } from '../../src/load/seed-database.js';
import { createTestDatabase } from '../support/test-database.js';

// The seed's own admin connection sits idle during COPY; if the server ends it then, its next query
// fails with "Client has encountered a connection error and is not queryable". The message must
// give the server's reason instead.
describe('the seed loses its idle admin connection during COPY', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  beforeAll(async () => {
    database = await createTestDatabase('admin_lost');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('names the server\'s reason, not "not queryable"', async () => {
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    let killed: Promise<unknown> | undefined;
    try {
      const config = resolveRunConfig({ profile: 'ci', seed: '42', patients: 200 });
      const seeding = seedDatabase({
        url: database.url, config, workers: 0, batchSize: 20, reset: false, vacuum: false, indexConcurrency: 2,
        onRows: () => {
          killed ??= killer.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'medseed-seed'",
          );
        },
      });
      const error = await seeding.then(() => undefined, (failure: unknown) => failure);
      await killed;
      expect(error).toBeInstanceOf(Error);
      const text = formatError(error);
      expect(text).toMatch(/terminating connection due to administrator command/);
      expect(text).not.toMatch(/not queryable/);
    } finally {
      await killer.end();
    }
  }, 120_000);
});
