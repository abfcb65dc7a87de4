import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../support/test-database.js';
import { withClient } from '../support/with-client.js';
import { medseedSync } from '../support/medseed-sync.js';

// Each example schema seeded through its mapping by the real CLI into the suite's PostgreSQL:
// explain, seed, verify, the same rows for any workers and batch size, keys that hold.
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const VOLUME = ['--profile', 'ci', '--patients', '120', '--seed', '7'];

interface VerifyJson {
  ok: boolean;
  problems: string[];
  tables: { table: string; actual: { rows: number; digest: string }; identical: boolean }[];
}

/** Every foreign key, validated, of the schema: what the load must leave as it found it. */
const FOREIGN_KEYS = `SELECT conname || ' ' || convalidated AS key FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace
                       WHERE n.nspname = 'public' AND contype = 'f' ORDER BY 1`;

// What each example adds to the common checks, after the second load.
const EXTRA_CHECKS: Record<string, (client: pg.Client) => Promise<void>> = {
  // the table outside the mapping is exactly as schema.sql left it
  'composite-keys': async (client) => {
    const flags = await client.query('SELECT key, enabled, description FROM "featureFlags"');
    expect(flags.rows).toEqual([{ key: 'observationFlowsheet', enabled: true, description: 'Show vitals and labs as a flowsheet on the patient chart' }]);
  },
  // every identity sequence is past the keys medseed wrote, so the application's next INSERT fits
  supabase: async (client) => {
    for (const table of ['tenants', 'clinicians', 'patients', 'encounters', 'observations', 'notes', 'tasks']) {
      const { rows } = await client.query<{ max: string; last: string }>(
        `SELECT (SELECT max(id) FROM ${table})::text AS max, (SELECT last_value FROM pg_sequences WHERE sequencename = '${table}_id_seq')::text AS last`,
      );
      expect(BigInt(rows[0]!.last), table).toBeGreaterThanOrEqual(BigInt(rows[0]!.max));
    }
  },
  'timeline-app': async (client) => {
    // one events table for every kind: each of medseed's categories arrives under the app's own name
    const kinds = await client.query<{ event_type: string }>('SELECT DISTINCT event_type FROM healthcare_timeline_events ORDER BY 1');
    expect(kinds.rows.length).toBe(7);
  },
};

describe.each(['supabase', 'timeline-app', 'composite-keys'])('seed --mapping examples/%s', (example) => {
  const mapping = path.join('examples', example, 'mapping.ts');
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let keysBefore: string[];

  beforeAll(async () => {
    db = await createTestDatabase(`mapped_${example}`);
    await withClient(db.url, async (client) => {
      await client.query(readFileSync(path.join(ROOT, 'examples', example, 'schema.sql'), 'utf8'));
      keysBefore = (await client.query<{ key: string }>(FOREIGN_KEYS)).rows.map((r) => r.key);
    });
  });
  afterAll(async () => db?.drop());

  it('explains every mapped table and loads, verifies and reloads identically for other workers and batch sizes', async () => {
    const explain = medseedSync('mapping', 'explain', '--mapping', mapping, '--db', db.url);
    expect(explain.stderr).toBe('');
    expect(explain.code).toBe(0);
    expect(explain.stdout).toMatch(/^Mapping .* onto schema public: \d+ tables, loaded in this order: /);

    const first = medseedSync('seed', '--mapping', mapping, '--db', db.url, ...VOLUME, '--workers', '1', '--batch-size', '50', '--quiet');
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    // with their foreign keys in force, the chunked path (the frozen one needs none pointing at a mapped table)
    const verified = medseedSync('verify', '--mapping', mapping, '--db', db.url, '--json');
    const report = JSON.parse(verified.stdout) as VerifyJson;
    expect(report.problems).toEqual([]);
    expect(verified.code).toBe(0);
    expect(report.tables.every((t) => t.actual.rows > 0)).toBe(true);

    const again = medseedSync('seed', '--mapping', mapping, '--db', db.url, ...VOLUME, '--workers', '4', '--batch-size', '7', '--reset', '--quiet');
    expect(again.code).toBe(0);
    const second = JSON.parse(medseedSync('verify', '--mapping', mapping, '--db', db.url, '--json').stdout) as VerifyJson;
    expect(second.ok).toBe(true);
    expect(second.tables.map((t) => [t.table, t.actual])).toEqual(report.tables.map((t) => [t.table, t.actual]));

    await withClient(db.url, async (client) => {
      // nothing of the user's dropped or left unvalidated, and the last run recorded as succeeded
      expect((await client.query<{ key: string }>(FOREIGN_KEYS)).rows.map((r) => r.key)).toEqual(keysBefore);
      const runs = await client.query<{ status: string; restored: boolean }>('SELECT status, restored FROM medseed.mapped_runs ORDER BY id');
      expect(runs.rows).toEqual([{ status: 'succeeded', restored: true }, { status: 'succeeded', restored: true }]);
      await EXTRA_CHECKS[example]!(client);
    });
  }, 240_000);
});
