import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertCanSetLeakproofSearch, readLeakproofSearch, setLeakproofSearch } from '../../src/db/leakproof-search.js';
import { applyMigrations } from '../../src/db/migrations/apply-migrations.js';
import { createTestDatabase } from '../support/test-database.js';
import { asRole, checkRlsContract } from './rls-contract.js';

describe('row-level security on a hand-made dataset', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let admin: pg.Client;
  let session: pg.Client;

  beforeAll(async () => {
    database = await createTestDatabase('rls');
    admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await applyMigrations(admin);
    await admin.query(readFileSync(new URL('./handmade-data.sql', import.meta.url), 'utf8'));
    session = new pg.Client({ connectionString: database.url });
    await session.connect();
  });
  afterAll(async () => {
    await session?.end();
    await admin?.end();
    await database?.drop();
  });

  it('keeps every guarantee of the RLS contract', async () => {
    await checkRlsContract(admin, session);
  });

  it('hides a patient from a clinician whose care-team membership has ended', async () => {
    const ids = await admin.query<{ provider: string; patient: string; org: string }>(
      `SELECT pr.id AS provider, p.id AS patient, p.org_id AS org FROM providers pr, patients p
       WHERE pr.npi = '1000000001' AND p.mrn = 'MRN4'`,
    );
    const { provider, patient, org } = ids.rows[0]!;
    const seen = await asRole(session, 'medseed_app', { orgId: org, providerId: provider }, async () =>
      session.query('SELECT id FROM patients WHERE id = $1', [patient]),
    );
    expect(seen.rowCount).toBe(0);
    const patients = await asRole(session, 'medseed_app', { orgId: org, providerId: provider }, async () =>
      session.query<{ mrn: string }>('SELECT mrn FROM patients ORDER BY mrn'),
    );
    expect(patients.rows.map((row) => row.mrn)).toEqual(['MRN1', 'MRN2', 'MRN3']);
  });

  it('reads the tenant setting once per query (InitPlan), not once per row', async () => {
    const org = (await admin.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'org-a'")).rows[0]!.id;
    const plan = await asRole(session, 'medseed_org_admin', { orgId: org }, async () =>
      session.query<{ 'QUERY PLAN': string }>('EXPLAIN (COSTS OFF) SELECT * FROM timeline_events'),
    );
    const text = plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    expect(text).toMatch(/InitPlan/);
    expect(text).not.toMatch(/current_setting/);
  });

  /** The plan of an organization-wide note search under RLS, with the GIN index as the only way in. */
  async function searchPlan(): Promise<string> {
    const org = (await admin.query<{ id: string }>("SELECT id FROM organizations WHERE slug = 'org-a'")).rows[0]!.id;
    // Take the tenant index away (rolled back) and forbid sequential scans: the GIN index is then
    // the only way in, and PostgreSQL may only use it under RLS if @@ is LEAKPROOF.
    await admin.query('BEGIN');
    try {
      await admin.query('DROP INDEX documents_org_id_created_at_idx');
      await admin.query('SET LOCAL enable_seqscan = off');
      await admin.query('SET LOCAL ROLE medseed_org_admin');
      await admin.query("SELECT set_config('app.org_id', $1, true)", [org]);
      const plan = await admin.query<{ 'QUERY PLAN': string }>(
        "EXPLAIN (COSTS OFF) SELECT id FROM documents WHERE search_vector @@ plainto_tsquery('english', 'lisinopril')",
      );
      return plan.rows.map((row) => row['QUERY PLAN']).join('\n');
    } finally {
      await admin.query('ROLLBACK');
    }
  }

  it('cannot use the GIN index for full-text search under RLS as PostgreSQL ships (ts_match_vq not LEAKPROOF)', async () => {
    expect(await readLeakproofSearch(admin)).toBe(false);
    const plan = await searchPlan();
    expect(plan).not.toMatch(/documents_search_vector_idx/);
    expect(plan).toMatch(/Filter: .*search_vector @@/);
  });

  it('uses the GIN index for full-text search under RLS after the opt-in (--leakproof-search), and not after its undo', async () => {
    await assertCanSetLeakproofSearch(admin, true);
    try {
      expect(await setLeakproofSearch(admin, true)).toBe(true);
      expect(await searchPlan()).toMatch(/Bitmap Index Scan on documents_search_vector_idx/);
    } finally {
      expect(await setLeakproofSearch(admin, false)).toBe(true);
    }
    expect(await searchPlan()).not.toMatch(/documents_search_vector_idx/);
  });
});
