import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postLoadObjects } from '../../src/load/post-load-objects.js';
import { createTestDatabase } from '../support/test-database.js';
import { connectTo, hasRunningRun, lastRun, runMedseed, waitFor } from './run-medseed.js';
import { copyHoldsLock } from '../support/copy-lock.js';

// Enough patients that the COPY phase outlasts the test's reaction to the 'running' row.
const SEED = ['--patients', '150', '--quiet', '--workers', '1'];

// What the post-load migrations create: every index and constraint verify counts.
const INDEXES = postLoadObjects().filter((o) => o.kind === 'index').length;
const CONSTRAINTS = postLoadObjects().filter((o) => o.kind === 'constraint').length;

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

async function expectRecovers(url: string): Promise<void> {
  const reset = await runMedseed('seed', '--db', url, '--reset', ...SEED);
  expect(reset.code, reset.stderr).toBe(0);
  const verify = await runMedseed('verify', '--db', url);
  expect(verify.code, verify.stdout + verify.stderr).toBe(0);
  expect(verify.stdout).toMatch(/Schema complete/);
  expect(verify.stdout).toMatch(/Data identical/);
}

describe('a post-load step that fails part-way is visible to verify and undone by --reset', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('recover_post_load');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('a constraint broken during the load: seed names phase and table, verify names what is missing, --reset recovers', { timeout: 300_000 }, async () => {
    const saboteur = await connectTo(database.url);
    // pg_stat_activity is a snapshot per transaction: watch from outside the saboteur's.
    const watcher = await connectTo(database.url);
    try {
      const seeding = runMedseed('seed', '--db', database.url, ...SEED);
      await waitFor("seed's running row", () => hasRunningRun(saboteur), seeding);
      // Two providers with one NPI, inserted once the COPY of providers commits (they queue behind its
      // lock); their own lock holds the providers index builds back until the test commits, so the
      // unique index meets the duplicate.
      await waitFor('the providers COPY holding its lock', () => copyHoldsLock(watcher, 'providers'), seeding);
      await saboteur.query('BEGIN');
      for (const id of ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002']) {
        await saboteur.query(
          `INSERT INTO providers (id, org_id, npi, given_name, family_name, role, specialty, email, is_org_admin, created_at)
           VALUES ($1, $1, 'DUPLICATE-NPI', 'A', 'B', 'nurse', 'x', 'x@example.org', false, now())`,
          [id],
        );
      }
      await waitFor('an index build waiting on the providers lock', async () => {
        const waiting = await watcher.query(
          "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE 'medseed-%' AND wait_event_type = 'Lock' AND query ILIKE 'CREATE%INDEX%ON providers%'",
        );
        return waiting.rowCount ? true : undefined;
      }, seeding);
      await saboteur.query('COMMIT');
      const seed = await seeding;
      expect(seed.code).toBe(1);
      expect(seed.stderr).toMatch(/seed failed during indexes on table providers/);
      expect(seed.stderr).toMatch(/providers_npi_key/);
      expect(seed.stderr).not.toMatch(/^\s+at /m);
      const run = await lastRun(saboteur);
      expect(run).toMatchObject({ status: 'failed', phase: 'indexes', failed_table: 'providers' });

      const verify = await runMedseed('verify', '--db', database.url);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(/INCOMPLETE/);
      expect(verify.stdout).toMatch(new RegExp(`missing constraints \\(${CONSTRAINTS} of ${CONSTRAINTS}\\): .*providers_org_id_fkey`));
      expect(verify.stdout).toMatch(new RegExp(`missing indexes \\(\\d+ of ${INDEXES}\\): .*providers_npi_key`));
      expect(verify.stdout).toMatch(/last run \(#\d+, seed\) is failed during phase indexes, table providers/);
      expect(verify.stdout).toMatch(/migrations not applied \(\d+ of \d+\): 0003_secondary_indexes/);
      const json = JSON.parse((await runMedseed('verify', '--db', database.url, '--json')).stdout) as {
        ok: boolean;
        schema: { indexes: { missing: string[] }; constraints: { missing: string[] }; run: { status: string; phase: string } };
      };
      expect(json.ok).toBe(false);
      expect(json.schema.indexes.missing).toContain('providers_npi_key');
      expect(json.schema.constraints.missing).toHaveLength(CONSTRAINTS);
      expect(json.schema.run).toMatchObject({ status: 'failed', phase: 'indexes' });

      await expectRecovers(database.url);
    } finally {
      await saboteur.end();
      await watcher.end();
    }
  });

  it('indexes and constraints dropped by hand and an invalid index: verify names each, --reset recovers', { timeout: 300_000 }, async () => {
    const own = await createTestDatabase('recover_partial');
    const tiny = ['--profile', 'tiny', '--quiet'];
    const client = await connectTo(own.url);
    try {
      const seed = await runMedseed('seed', '--db', own.url, ...tiny);
      expect(seed.code, seed.stderr).toBe(0);
      await client.query('DROP INDEX encounters_org_id_started_at_idx');
      await client.query('ALTER TABLE documents DROP CONSTRAINT documents_author_fkey');
      // A failed CREATE INDEX CONCURRENTLY leaves an invalid index behind under the name.
      await client.query('DROP INDEX timeline_events_encounter_id_idx');
      await expect(client.query('CREATE UNIQUE INDEX CONCURRENTLY timeline_events_encounter_id_idx ON timeline_events ((true))')).rejects.toThrow(
        /could not create unique index/,
      );
      const invalid = await client.query("SELECT indisvalid FROM pg_index WHERE indexrelid = 'timeline_events_encounter_id_idx'::regclass");
      expect(invalid.rows[0]).toEqual({ indisvalid: false });

      const verify = await runMedseed('verify', '--db', own.url);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(new RegExp(`missing indexes \\(1 of ${INDEXES}\\): encounters_org_id_started_at_idx\n`));
      expect(verify.stdout).toMatch(/invalid indexes \(left by a failed build\): timeline_events_encounter_id_idx\n/);
      expect(verify.stdout).toMatch(new RegExp(`missing constraints \\(1 of ${CONSTRAINTS}\\): documents_author_fkey\n`));
      // The data itself is intact: only the schema is incomplete.
      expect(verify.stdout).toMatch(/Data identical/);
      expect(verify.stdout).not.toMatch(/last run.*failed/);

      const reset = await runMedseed('seed', '--db', own.url, '--reset', ...tiny);
      expect(reset.code, reset.stderr).toBe(0);
      const after = await runMedseed('verify', '--db', own.url);
      expect(after.code, after.stdout).toBe(0);
      expect(after.stdout).toMatch(new RegExp(`indexes\\s+${INDEXES} of ${INDEXES} present and valid`));
      expect(after.stdout).toMatch(new RegExp(`constraints\\s+${CONSTRAINTS} of ${CONSTRAINTS} present and valid`));
    } finally {
      await client.end();
      await own.drop();
    }
  });

  it('a backend killed during the index phase: seed names the phase, --reset recovers', { timeout: 300_000 }, async () => {
    const killer = await connectTo(database.url);
    const watcher = await connectTo(database.url);
    try {
      // Start from a loaded database, as a reseed would.
      const seeding = runMedseed('seed', '--db', database.url, '--reset', ...SEED);
      await waitFor("seed's running row", () => hasRunningRun(killer), seeding);
      // A lock on timeline_events, granted when its COPY commits, stops its index builds where the test can see them.
      await waitFor('the timeline_events COPY holding its lock', () => copyHoldsLock(watcher, 'timeline_events'), seeding);
      await killer.query('BEGIN');
      await killer.query("SET LOCAL lock_timeout = '120s'");
      await killer.query('LOCK TABLE timeline_events IN ROW EXCLUSIVE MODE');
      await waitFor('a CREATE INDEX in pg_stat_activity', async () => {
        const building = await watcher.query("SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'medseed-index' AND query ILIKE 'CREATE%INDEX%'");
        return building.rowCount ? true : undefined;
      }, seeding);
      const killed = await watcher.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name IN ('medseed-index', 'medseed-seed')",
      );
      expect(killed.rowCount).toBeGreaterThan(0);
      await killer.query('ROLLBACK');
      const seed = await seeding;
      expect(seed.code).toBe(1);
      expect(seed.stderr).toMatch(/seed failed during indexes on table \w+/);
      expect(seed.stderr).toMatch(/terminat/i);
      const run = await lastRun(killer);
      expect(run).toMatchObject({ status: 'failed', phase: 'indexes' });

      const verify = await runMedseed('verify', '--db', database.url);
      expect(verify.code).toBe(1);
      expect(verify.stdout).toMatch(new RegExp(`missing constraints \\(${CONSTRAINTS} of ${CONSTRAINTS}\\)`));
      expect(verify.stdout).toMatch(/is failed during phase indexes/);

      await expectRecovers(database.url);
    } finally {
      await killer.end();
      await watcher.end();
    }
  });
});
