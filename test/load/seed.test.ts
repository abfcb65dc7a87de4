import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveRunConfig } from '../../src/config/resolve-run-config.js';
import { checkCompleteness } from '../../src/load/check-completeness.js';
import { applyPostLoad } from '../../src/load/post-load.js';
import { latestRun } from '../../src/load/run-record.js';
import { SeedError, seedDatabase, type SeedSummary } from '../../src/load/seed-database.js';
import { verifyDatabase } from '../../src/load/verify-database.js';
import { TABLE_NAMES } from '../../src/tables/table-specs.js';
import { checkRlsContract } from '../rls/rls-contract.js';
import { createTestDatabase } from '../support/test-database.js';

const config = resolveRunConfig({ profile: 'ci', seed: '42', patients: 150 });
const seedOptions = { config, workers: 0, batchSize: 50, reset: false, vacuum: false, indexConcurrency: 2 } as const;

async function rowCounts(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const counts: Record<string, number> = {};
  for (const table of TABLE_NAMES) {
    counts[table] = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM public.${table}`)).rows[0]!.n);
  }
  await client.end();
  return counts;
}

describe('medseed seed on a real PostgreSQL', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let summary: SeedSummary;

  beforeAll(async () => {
    database = await createTestDatabase('seed');
    summary = await seedDatabase({ ...seedOptions, url: database.url });
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('loads every table, records the run as succeeded, and verify finds it identical', async () => {
    expect(summary.manifest.totalRows).toBeGreaterThan(20_000);
    const counts = await rowCounts(database.url);
    for (const table of TABLE_NAMES) expect(counts[table], table).toBe(summary.manifest.tables[table].rows);
    const result = await verifyDatabase(database.url, config, 0, 50);
    expect(result.identical).toBe(true);
    for (const t of result.tables) expect(t.actual.sha256).toBe(summary.manifest.tables[t.table].sha256);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    expect((await latestRun(client))?.status).toBe('succeeded');
    // Post-load indexes and constraints are in place and recorded.
    const constraints = await client.query("SELECT 1 FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace");
    expect(constraints.rowCount).toBeGreaterThan(10);
    await client.end();
  });

  it('keeps every RLS guarantee on the seeded data', async () => {
    const admin = new pg.Client({ connectionString: database.url });
    const session = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await session.connect();
    try {
      await checkRlsContract(admin, session);
    } finally {
      await admin.end();
      await session.end();
    }
  });

  it('refuses a second seed without --reset and leaves the data intact', async () => {
    const before = await rowCounts(database.url);
    await expect(seedDatabase({ ...seedOptions, url: database.url })).rejects.toThrow(/already holds data.*--reset/s);
    expect(await rowCounts(database.url)).toEqual(before);
  });

  it('refuses a loaded database before applying a pending migration, so the refusal changes nothing', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const primaryKeys = async () =>
      (await client.query<{ n: number }>("SELECT count(*)::int AS n FROM pg_constraint WHERE contype = 'p' AND connamespace = 'public'::regnamespace")).rows[0]!.n;
    const keys = await primaryKeys();
    // As if this database predated 0007, which moves the loaded tables' keys into the post-load step.
    const record = (await client.query("DELETE FROM medseed.schema_migrations WHERE tag = '0007_defer_primary_keys' RETURNING *")).rows[0] as Record<string, unknown>;
    try {
      await expect(seedDatabase({ ...seedOptions, url: database.url })).rejects.toThrow(/already holds data.*--reset/s);
      expect(await primaryKeys()).toBe(keys);
      expect((await client.query("SELECT 1 FROM medseed.schema_migrations WHERE tag = '0007_defer_primary_keys'")).rowCount).toBe(0);
    } finally {
      const columns = Object.keys(record);
      await client.query(
        `INSERT INTO medseed.schema_migrations (${columns.join(', ')}) VALUES (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(record),
      );
      await client.end();
    }
  });

  it('verify names the table whose row was changed, and passes again once it is restored', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const row = (await client.query<{ id: string; display: string }>('SELECT id, display FROM timeline_events ORDER BY id LIMIT 1 OFFSET 100')).rows[0]!;
    await client.query('UPDATE timeline_events SET display = $2 WHERE id = $1', [row.id, `${row.display}!`]);
    try {
      const result = await verifyDatabase(database.url, config, 0, 50);
      expect(result.identical).toBe(false);
      expect(result.tables.filter((t) => !t.identical).map((t) => t.table)).toEqual(['timeline_events']);
    } finally {
      await client.query('UPDATE timeline_events SET display = $2 WHERE id = $1', [row.id, row.display]);
      await client.end();
    }
    expect((await verifyDatabase(database.url, config, 0, 50)).identical).toBe(true);
  });

  it('resumes the post-load step from a partial state: keeps valid objects, rebuilds missing and invalid ones', async () => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const oidOf = async (name: string) => (await client.query<{ oid: number }>('SELECT $1::regclass::oid AS oid', [name])).rows[0]!.oid;
      const kept = await oidOf('providers_npi_key');
      await client.query('DROP INDEX patients_org_id_family_name_idx');
      await client.query('ALTER TABLE tasks DROP CONSTRAINT tasks_creator_fkey');
      await client.query('DROP INDEX tasks_patient_id_idx');
      await expect(client.query('CREATE UNIQUE INDEX CONCURRENTLY tasks_patient_id_idx ON tasks ((true))')).rejects.toThrow(/could not create unique index/);
      await client.query("DELETE FROM medseed.schema_migrations WHERE tag = '0003_secondary_indexes'");
      const partial = await checkCompleteness(client);
      expect(partial.problems).toEqual([
        `migrations not applied (1 of ${partial.migrations.expected}): 0003_secondary_indexes`,
        `missing indexes (1 of ${partial.indexes.expected}): patients_org_id_family_name_idx`,
        'invalid indexes (left by a failed build): tasks_patient_id_idx',
        `missing constraints (1 of ${partial.constraints.expected}): tasks_creator_fkey`,
      ]);
      expect(await applyPostLoad(client, database.url, { concurrency: 2 })).toContain('0003_secondary_indexes');
      expect((await checkCompleteness(client)).problems).toEqual([]);
      expect(await oidOf('providers_npi_key')).toBe(kept);
      // Nothing left to do: a second run is a no-op.
      expect(await applyPostLoad(client, database.url, { concurrency: 2 })).toEqual([]);
    } finally {
      await client.end();
    }
  });

  it('loads identical data with worker threads and another batch size', async () => {
    const other = await createTestDatabase('seed_workers');
    try {
      const threaded = await seedDatabase({ ...seedOptions, url: other.url, workers: 2, batchSize: 17 });
      expect(threaded.manifest.tables).toEqual(summary.manifest.tables);
      expect((await verifyDatabase(other.url, config, 0, 50)).identical).toBe(true);
    } finally {
      await other.drop();
    }
  });
});

describe('a load that fails part-way', () => {
  it('ends with an error naming phase and table, a run marked failed, and --reset recovers', async () => {
    const database = await createTestDatabase('seed_killed');
    const killer = new pg.Client({ connectionString: database.url });
    await killer.connect();
    try {
      // Terminate the COPY backends as soon as they are streaming, as a server restart would.
      const bigger = resolveRunConfig({ profile: 'ci', seed: '42', patients: 400 });
      let terminated = 0;
      const seeding = seedDatabase({
        ...seedOptions,
        config: bigger,
        url: database.url,
        onRows: () => {
          if (terminated > 0) return;
          terminated = 1;
          void killer.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'medseed-copy-timeline_events'",
          );
        },
      });
      const error = await seeding.then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SeedError);
      expect((error as SeedError).phase).toBe('generate+copy');
      expect((error as Error).message).toMatch(/timeline_events|terminat|connection/i);
      const run = await latestRun(killer);
      expect(run?.status).toBe('failed');
      expect(run?.phase).toBe('generate+copy');
      // Every COPY still streaming was aborted (CopyFail), so nothing half-loaded is left behind.
      const counts = await rowCounts(database.url);
      expect(Object.values(counts).every((n) => n === 0), JSON.stringify(counts)).toBe(true);
      const recovered = await seedDatabase({ ...seedOptions, url: database.url, reset: true });
      expect((await latestRun(killer))?.status).toBe('succeeded');
      expect((await verifyDatabase(database.url, config, 0, 50)).identical).toBe(true);
      expect(recovered.manifest.totalRows).toBeGreaterThan(0);
    } finally {
      await killer.end();
      await database.drop();
    }
  });
});
