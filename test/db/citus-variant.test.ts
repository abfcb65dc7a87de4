import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findKeysWithoutColumn, readTableKeys } from '../../src/db/distribution-keys.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { TABLE_NAMES, TABLE_SPECS } from '../../src/tables/table-specs.js';
import { generateText } from '../support/generate-in-memory.js';
import { citusSchemaSql, readCitusDistribution } from '../support/scale-out-docs.js';
import { createTestDatabase } from '../support/test-database.js';

type Database = Awaited<ReturnType<typeof createTestDatabase>>;

/** Policies whose USING or WITH CHECK holds a subquery: Citus checks the stored expression for a SubLink node. */
async function policiesWithSubqueries(client: pg.Client): Promise<string[]> {
  const result = await client.query<{ policy: string }>(`
    SELECT c.relname || '.' || p.polname AS policy
    FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND (p.polqual::text LIKE '%{SUBLINK%' OR p.polwithcheck::text LIKE '%{SUBLINK%')
    ORDER BY 1`);
  return result.rows.map((row) => row.policy);
}

/** Each table's columns and checks, as the catalog describes them, for comparing two schemas. */
async function describeColumnsAndChecks(client: pg.Client) {
  const columns = await client.query(`
    SELECT table_name, column_name, data_type, is_nullable, generation_expression
    FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ANY($1) ORDER BY 1, ordinal_position`, [TABLE_NAMES]);
  const checks = await client.query(`
    SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS definition
    FROM pg_constraint WHERE contype = 'c' AND connamespace = 'public'::regnamespace ORDER BY 1, 2`);
  return { columns: columns.rows, checks: checks.rows };
}

/** Runs fn in a transaction as a non-owner role with the given settings, then rolls back. */
async function asRole<T>(client: pg.Client, role: string, settings: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${role}`);
    for (const [name, value] of Object.entries(settings)) await client.query('SELECT set_config($1, $2, true)', [name, value]);
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('the Citus-ready schema variant (docs/citus) on plain PostgreSQL', () => {
  let variant: Database;
  let reference: Database;
  let admin: pg.Client;
  let referenceAdmin: pg.Client;
  let session: pg.Client;
  const { reference: referenceTables, distributed } = readCitusDistribution();

  beforeAll(async () => {
    [variant, reference] = await Promise.all([createTestDatabase('citus_variant'), createTestDatabase('citus_reference')]);
    admin = new pg.Client({ connectionString: variant.url });
    referenceAdmin = new pg.Client({ connectionString: reference.url });
    session = new pg.Client({ connectionString: variant.url });
    await Promise.all([admin.connect(), referenceAdmin.connect(), session.connect()]);
    await admin.query(`BEGIN; ${citusSchemaSql()}; COMMIT`);
    await applyMigrations(referenceAdmin);
    // tiny at seed 42, loaded as the superuser (it bypasses RLS), in load order: parents first
    const text = await generateText({ profile: 'tiny', seed: '42' });
    for (const spec of TABLE_SPECS) {
      const copy = admin.query(copyFrom(`COPY public.${spec.name} (${spec.columns.join(', ')}) FROM STDIN`));
      await pipeline(Readable.from([text[spec.name]]), copy);
    }
  });
  afterAll(async () => {
    await Promise.all([session?.end(), admin?.end(), referenceAdmin?.end()]);
    await Promise.all([variant?.drop(), reference?.drop()]);
  });

  it("names every medseed table once in distribute.sql, each distributed table by org_id", () => {
    expect([...referenceTables, ...distributed.map((d) => d.table)].sort()).toEqual([...TABLE_NAMES].sort());
    expect(new Set(distributed.map((d) => d.column))).toEqual(new Set(['org_id']));
  });

  it('has no primary, unique or foreign key without org_id on a distributed table', async () => {
    const tables = distributed.map((d) => d.table);
    expect(await findKeysWithoutColumn(admin, tables, 'org_id')).toEqual([]);
    // not vacuous: every distributed table has its (org_id, id) primary key
    const primaryKeys = (await readTableKeys(admin, tables)).filter((key) => key.kind === 'primary key');
    expect(primaryKeys.map((key) => [key.table, key.columns.join(',')]).sort()).toEqual(tables.map((t) => [t, 'org_id,id']).sort());
  });

  it('has no policy with a subquery, where the reference schema has them', async () => {
    expect(await policiesWithSubqueries(admin)).toEqual([]);
    const text = await admin.query(`SELECT tablename, policyname FROM pg_policies WHERE schemaname = 'public' AND (qual ~* '\\mselect\\M' OR with_check ~* '\\mselect\\M')`);
    expect(text.rows).toEqual([]);
    expect(await policiesWithSubqueries(referenceAdmin)).toContain('patients.tenant_isolation');
  });

  it('has the same columns and checks as the reference schema', async () => {
    expect(await describeColumnsAndChecks(admin)).toEqual(await describeColumnsAndChecks(referenceAdmin));
  });

  it('holds the rows medseed generates', async () => {
    const text = await generateText({ profile: 'tiny', seed: '42' });
    for (const table of TABLE_NAMES) {
      const rows = text[table].split('\n').filter((line) => line !== '').length;
      const count = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`);
      expect(Number(count.rows[0]!.n), table).toBe(rows);
    }
  });

  it('fails closed: no tenant set, no row, for every role and table', async () => {
    for (const role of ['medseed_org_admin', 'medseed_app', 'medseed_owner']) {
      for (const table of TABLE_NAMES) {
        const seen = await asRole(session, role, {}, () => session.query(`SELECT 1 FROM ${table}`));
        expect(seen.rowCount, `${role} on ${table}`).toBe(0);
      }
    }
    // an empty setting, as a pooled connection leaves it after a transaction, counts as unset
    const empty = await asRole(session, 'medseed_org_admin', { 'app.org_id': '' }, () => session.query('SELECT 1 FROM patients'));
    expect(empty.rowCount).toBe(0);
  });

  it("isolates tenants: an org admin sees exactly its organization's rows and cannot write another's", async () => {
    const orgs = (await admin.query<{ id: string }>('SELECT id FROM organizations ORDER BY id')).rows.map((row) => row.id);
    expect(orgs.length).toBe(2);
    for (const org of orgs) {
      for (const table of distributed.map((d) => d.table)) {
        const expected = await admin.query<{ n: string }>(`SELECT count(*) AS n FROM ${table} WHERE org_id = $1`, [org]);
        const seen = await asRole(session, 'medseed_org_admin', { 'app.org_id': org }, () =>
          session.query<{ n: string; others: string }>(`SELECT count(*) AS n, count(*) FILTER (WHERE org_id <> $1) AS others FROM ${table}`, [org]),
        );
        expect(seen.rows[0], `${table} as admin of ${org}`).toEqual({ n: expected.rows[0]!.n, others: '0' });
      }
    }
    const [orgA, orgB] = orgs as [string, string];
    const write = asRole(session, 'medseed_org_admin', { 'app.org_id': orgA }, () =>
      session.query(`INSERT INTO patients (id, org_id, mrn, given_name, family_name, birth_date, sex, created_at)
                     VALUES (gen_random_uuid(), $1, 'X-1', 'Test', 'Patient', '1970-01-01', 'female', now())`, [orgB]),
    );
    await expect(write).rejects.toMatchObject({ code: '42501' });
  });

  it("shows a clinician only the patients of app.patient_ids, and none without it", async () => {
    const member = await admin.query<{ org_id: string; provider_id: string }>(`
      SELECT org_id, provider_id FROM care_team_members WHERE period_end IS NULL
      GROUP BY 1, 2 ORDER BY count(*) DESC, 2 LIMIT 1`);
    const { org_id: org, provider_id: provider } = member.rows[0]!;
    const orgPatients = Number((await admin.query<{ n: string }>('SELECT count(*) AS n FROM patients WHERE org_id = $1', [org])).rows[0]!.n);
    const settings = { 'app.org_id': org, 'app.provider_id': provider };

    const withoutList = await asRole(session, 'medseed_app', settings, () => session.query('SELECT id FROM patients'));
    expect(withoutList.rowCount).toBe(0);

    // as the application would: read the clinician's patients first (own_memberships allows it), then set them
    const seen = await asRole(session, 'medseed_app', settings, async () => {
      const mine = await session.query<{ ids: string[] }>(
        `SELECT coalesce(array_agg(DISTINCT patient_id ORDER BY patient_id), '{}') AS ids FROM care_team_members
         WHERE org_id = $1 AND provider_id = $2 AND period_end IS NULL`, [org, provider]);
      await session.query(`SELECT set_config('app.patient_ids', $1::uuid[]::text, true)`, [mine.rows[0]!.ids]);
      const patients = await session.query<{ id: string }>('SELECT id FROM patients ORDER BY id');
      return { expected: mine.rows[0]!.ids, patients: patients.rows.map((row) => row.id) };
    });
    expect(seen.expected.length).toBeGreaterThan(1);
    expect(seen.patients).toEqual(seen.expected);

    // the list decides, not the organization: one patient set, one patient seen (of orgPatients)
    const one = await asRole(session, 'medseed_app', { ...settings, 'app.patient_ids': `{${seen.expected[0]}}` }, () =>
      session.query<{ id: string }>('SELECT id FROM patients'),
    );
    expect(orgPatients).toBeGreaterThan(1);
    expect(one.rows.map((row) => row.id)).toEqual([seen.expected[0]]);

    // the tenant policy still applies: the same list under the other organization shows nothing
    const other = (await admin.query<{ id: string }>('SELECT id FROM organizations WHERE id <> $1', [org])).rows[0]!.id;
    const crossed = await asRole(session, 'medseed_app', { ...settings, 'app.org_id': other, 'app.patient_ids': `{${seen.expected.join(',')}}` }, () =>
      session.query('SELECT id FROM patients'),
    );
    expect(crossed.rowCount).toBe(0);
  });
});
