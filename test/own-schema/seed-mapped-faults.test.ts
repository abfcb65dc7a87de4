import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { medseedSync } from '../support/medseed-sync.js';
import { createTestDatabase } from '../support/test-database.js';

// A seed into the user's schema that is interrupted or killed while it has their indexes set
// aside: they come back (at once, or at the next seed), the run is recorded, --reset recovers.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAPPING = 'examples/supabase/mapping.ts';
const DEFERRED = ['notes_search_idx', 'observations_tenant_observed_idx'];
const SEED = ['seed', '--mapping', MAPPING, '--profile', 'ci', '--patients', '200', '--defer-indexes', DEFERRED.join(','), '--defer-foreign-keys', 'all', '--lock-timeout', '300'];
const foreignKeys = async () => Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND connamespace = 'public'::regnamespace`)).rows[0]!.n);
let foreignKeysBefore: number;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let client: pg.Client;

const presentIndexes = async () =>
  (await client.query<{ name: string }>(`SELECT relname AS name FROM pg_class WHERE relname = ANY($1::text[]) ORDER BY 1`, [DEFERRED])).rows.map((r) => r.name);
const lastRun = async () =>
  (await client.query<{ id: string; status: string; restored: boolean; error: string }>('SELECT id, status, restored, error FROM medseed.mapped_runs ORDER BY id DESC LIMIT 1')).rows[0]!;

/**
 * Starts the CLI, and resolves once its COPY into tasks waits at a gate the test holds: a test-only
 * trigger that takes a shared advisory lock the blocker session holds exclusively. (A table lock
 * would stop the seed earlier, at its check that the tables are empty.)
 */
async function seedStuckOnTasks(blocker: pg.Client) {
  await blocker.query('SELECT pg_advisory_lock(4242)');
  const child = spawn(process.execPath, [path.resolve('bin', 'medseed.js'), ...SEED, '--reset', '--db', db.url], { env: { ...process.env, DATABASE_URL: '' } });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
  for (let i = 0; i < 600; i++) {
    const waiting = await client.query(
      `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
        WHERE NOT l.granted AND l.locktype = 'advisory' AND a.query LIKE 'COPY%tasks%'`,
    );
    if (waiting.rowCount) return { child, done, stderr: () => stderr };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the seed never reached the locked table: ${stderr}`);
}

beforeAll(async () => {
  db = await createTestDatabase('mapped_faults');
  client = new pg.Client({ connectionString: db.url });
  await client.connect();
  await client.query(readFileSync(path.join(ROOT, 'examples', 'supabase', 'schema.sql'), 'utf8'));
  await client.query(`CREATE FUNCTION test_gate() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN PERFORM pg_advisory_lock_shared(4242); PERFORM pg_advisory_unlock_shared(4242); RETURN NEW; END $$;
    CREATE TRIGGER tasks_test_gate BEFORE INSERT ON tasks FOR EACH ROW EXECUTE FUNCTION test_gate();`);
  foreignKeysBefore = await foreignKeys();
});
afterAll(async () => {
  await client?.end();
  await db?.drop();
});

describe('seed --mapping under faults', () => {
  it('interrupted (SIGINT) while its indexes are set aside: puts them back, records the run as failed, exits 130', async () => {
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      const run = await seedStuckOnTasks(blocker);
      expect(await presentIndexes()).toEqual([]); // set aside while the load runs
      expect(await foreignKeys()).toBe(0);
      run.child.kill('SIGINT');
      const end = await run.done;
      expect(end.code, run.stderr()).toBe(130);
      expect(run.stderr()).toMatch(/seed --mapping failed: interrupted by SIGINT\. Run #\d+ is recorded as failed in medseed\.mapped_runs\./);
      expect(run.stderr()).toContain('index notes_search_idx re-created');
      // every foreign key deferred: each table is one frozen COPY, so the interrupt rolls back every table
      expect(run.stderr()).toContain('Loading each table in one frozen COPY');
    } finally {
      await blocker.end(); // ends its session, and with it the gate
    }
    expect(await presentIndexes()).toEqual(DEFERRED.slice().sort());
    expect(await foreignKeys()).toBe(foreignKeysBefore);
    expect(await lastRun()).toMatchObject({ status: 'failed', restored: true, error: 'interrupted by SIGINT' });
    expect(await client.query('SELECT 1 FROM tenants')).toMatchObject({ rowCount: 0 });
    expect(medseedSync('verify', '--mapping', MAPPING, '--db', db.url).code).toBe(1);
  }, 120_000);

  it('killed (SIGKILL) while its indexes are set aside: the next seed marks it abandoned, re-creates them, and --reset reloads', async () => {
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    let killedId: string;
    try {
      const run = await seedStuckOnTasks(blocker);
      killedId = (await lastRun()).id;
      run.child.kill('SIGKILL');
      await run.done;
    } finally {
      await blocker.end(); // ends its session, and with it the gate
    }
    expect(await presentIndexes()).toEqual([]);
    expect(await foreignKeys()).toBe(0);
    const verify = medseedSync('verify', '--mapping', MAPPING, '--db', db.url);
    expect(verify.stdout).toContain(`the last run, #${killedId}, abandoned`);
    expect(verify.stdout).toContain(`run #${killedId} left deferred indexes, foreign keys or disabled triggers behind`);
    expect(verify.code).toBe(1);

    const again = medseedSync(...SEED, '--reset', '--db', db.url);
    expect(again.code, again.stderr).toBe(0);
    // verify, above, already marked it abandoned; the seed repairs what it left
    expect(again.stderr).toContain(`Repaired run #${killedId}: index notes_search_idx re-created`);
    expect(again.stderr).toContain(`Repaired run #${killedId}: foreign key notes_author_id_fkey added back and checked`);
    expect(await foreignKeys()).toBe(foreignKeysBefore);
    expect(await presentIndexes()).toEqual(DEFERRED.slice().sort());
    const verified = medseedSync('verify', '--mapping', MAPPING, '--db', db.url);
    expect(verified.stdout).toContain('Your tables hold exactly the data of the recorded run.');
    expect(verified.code).toBe(0);
  }, 180_000);

  it('--triggers disable turns the user triggers off for the load only', async () => {
    // the gate is held: a load with the tasks trigger enabled would wait at it until its lock timeout
    const blocker = new pg.Client({ connectionString: db.url });
    await blocker.connect();
    try {
      await blocker.query('SELECT pg_advisory_lock(4242)');
      const result = medseedSync('seed', '--mapping', MAPPING, '--profile', 'tiny', '--triggers', 'disable', '--reset', '--lock-timeout', '5', '--db', db.url, '--quiet');
      expect(result.code, result.stderr).toBe(0);
    } finally {
      await blocker.end();
    }
    const disabled = await client.query(`SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'`);
    expect(disabled.rows).toEqual([]);
    expect(await lastRun()).toMatchObject({ status: 'succeeded', restored: true });
    const recorded = await client.query<{ tables: string[] }>(`SELECT set_aside->'triggersDisabledOn' AS tables FROM medseed.mapped_runs ORDER BY id DESC LIMIT 1`);
    expect(recorded.rows[0]!.tables).toEqual(['tenants', 'clinicians', 'patients', 'encounters', 'observations', 'notes', 'tasks']);
  }, 120_000);
});
