import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { createTestDatabase } from '../support/test-database.js';
import { connectTo, lastRun, runMedseed, waitFor } from './run-medseed.js';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;
const TABLES = ['organizations', 'providers', 'patients', 'care_team_members', 'encounters', 'timeline_events', 'documents', 'tasks', 'audit_logs'];

describe('each table is loaded by one frozen COPY in its own transaction', () => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase('copy_freeze');
  });
  afterAll(async () => {
    await database?.drop();
  });

  it('refuses, and keeps, rows another session wrote after prepare found the table empty', { timeout: 120_000 }, async () => {
    const holder = await connectTo(database.url);
    const watcher = await connectTo(database.url);
    try {
      // The tables without their post-load indexes, as a first seed finds them (so prepare drops nothing).
      await applyMigrations(watcher, { upTo: 'schema' });
      // ROW EXCLUSIVE lets prepare's emptiness check through but holds the COPY's ACCESS EXCLUSIVE.
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE tasks IN ROW EXCLUSIVE MODE');
      const seeding = runMedseed('seed', '--db', database.url, '--profile', 'tiny', '--quiet');
      await waitFor('the tasks COPY waiting for its lock', async () => {
        const waiting = await watcher.query(
          "SELECT 1 FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE NOT l.granted AND l.relation = 'public.tasks'::regclass AND a.application_name = 'medseed-copy-tasks'",
        );
        return waiting.rowCount ? true : undefined;
      }, seeding);
      await holder.query(
        `INSERT INTO tasks (id, org_id, kind, title, status, priority, assignee_id, due_at, created_at)
         VALUES ('00000000-0000-4000-8000-00000000000a', gen_random_uuid(), 'x', 'written by someone else', 'open', 'low', gen_random_uuid(), now(), now())`,
      );
      await holder.query('COMMIT');
      const seed = await seeding;
      expect(seed.code, seed.stderr).toBe(1);
      expect(seed.stderr).toMatch(/seed failed during generate\+copy on table tasks: rows appeared in tasks after medseed checked it was empty/);
      expect(seed.stderr).not.toMatch(/^\s+at /m);
      const kept = await watcher.query("SELECT title FROM tasks WHERE id = '00000000-0000-4000-8000-00000000000a'");
      expect(kept.rows).toEqual([{ title: 'written by someone else' }]);
      expect(await lastRun(watcher)).toMatchObject({ status: 'failed', phase: 'generate+copy', failed_table: 'tasks' });
    } finally {
      await holder.end();
      await watcher.end();
    }
  });

  it('leaves every page all-visible after the load, so first readers rewrite nothing', { timeout: 120_000 }, async () => {
    const seed = await runMedseed('seed', '--db', database.url, '--profile', 'tiny', '--quiet', '--reset');
    expect(seed.code, seed.stderr).toBe(0);
    const client = await connectTo(database.url);
    try {
      // ANALYZE (the seed's last phase) copies the visibility map's count into relallvisible; a
      // plain COPY would leave it at 0 until a VACUUM.
      const pages = await client.query<{ relname: string; relpages: number; relallvisible: number }>(
        "SELECT relname, relpages, relallvisible FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relname = ANY($1)",
        [TABLES],
      );
      expect(pages.rows).toHaveLength(TABLES.length);
      for (const row of pages.rows) {
        expect(row.relpages, row.relname).toBeGreaterThan(0);
        expect(row.relallvisible, row.relname).toBe(row.relpages);
      }
    } finally {
      await client.end();
    }
  });
});
