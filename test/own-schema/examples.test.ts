import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { tsImport } from 'tsx/esm/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bindNamedParams } from '../../src/bench/catalog/bind-named-params.js';
import { loadQueryCatalog } from '../../src/bench/catalog/load-query-catalog.js';
import type { Mapping } from '../../src/own-schema/mapping/define-mapping.js';
import { ENTITY_NAMES } from '../../src/own-schema/mapping/entities.js';
import { createTestDatabase } from '../support/test-database.js';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const UUID = { org_id: '0f10f354-0642-82ff-8103-38258f369264', provider_id: '711edaa2-0919-8a74-8286-220567425c3e', patient_id: '6eb9cdeb-0805-803d-83eb-cdb9ee9c5127' };
// What the bench passes for a bigint-keyed schema: the 60-bit values the mapping writes.
const BIGINT = { org_id: '67852190510128397', provider_id: '509449545672989686', patient_id: '498664673161741372' };
const TIMES = { before: '2025-06-01 00:00:00+00', since: '2025-05-25 00:00:00+00', until: '2025-06-01 00:00:00+00', occurred_at: '2025-06-01 00:00:00+00', term: 'pain' };

// tenant: one organization row written as the superuser, which the policies must hide or show.
const EXAMPLES = [
  { name: 'supabase', role: 'authenticated', keys: BIGINT, tenant: `INSERT INTO tenants (id, name, slug) VALUES (${BIGINT.org_id}, 'A', 'a')` },
  {
    name: 'timeline-app',
    role: 'app',
    keys: UUID,
    tenant: `INSERT INTO organizations (id, name, slug, updated_at) VALUES ('${UUID.org_id}', 'A', 'a', now())`,
  },
  { name: 'composite-keys', role: 'ehr_clinician', keys: UUID, tenant: `INSERT INTO "Tenant" (id, name, slug) VALUES ('${UUID.org_id}', 'A', 'a')` },
] as const;

const dirOf = (example: string) => path.join(ROOT, 'examples', example);

/** The session file's statements, one per `;` at a line end (comment lines dropped). */
function sessionStatements(example: string): string[] {
  const text = readFileSync(path.join(dirOf(example), 'session.sql'), 'utf8').replace(/^\s*--.*$/gm, '');
  return text.split(/;\s*$/m).map((statement) => statement.trim()).filter(Boolean);
}

/** Runs the session file as the bench would at the start of a transaction, with `values` bound. */
async function runSession(client: pg.Client, example: string, values: Readonly<Record<string, string>>): Promise<void> {
  for (const statement of sessionStatements(example)) {
    const bound = bindNamedParams(statement);
    await client.query(bound.text, bound.names.map((param) => values[param]));
  }
}

async function loadMapping(example: string): Promise<Mapping> {
  const module = await tsImport(path.join(dirOf(example), 'mapping.ts'), import.meta.url);
  return (module as { default: Mapping }).default;
}

describe('the example mapping files type-check against medseed/mapping', () => {
  it('tsc -p tsconfig.examples.json exits 0', () => {
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    let output = '';
    let status = 0;
    try {
      execFileSync(process.execPath, [tsc, '-p', 'tsconfig.examples.json'], { cwd: ROOT, encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const failed = error as { status: number; stdout: string };
      status = failed.status;
      output = failed.stdout;
    }
    expect(output).toBe('');
    expect(status).toBe(0);
  }, 120_000);
});

describe.each(EXAMPLES)('examples/$name', ({ name, role, keys, tenant }) => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  const values: Record<string, string> = { ...TIMES, ...keys, actor_id: keys.provider_id };

  beforeAll(async () => {
    database = await createTestDatabase(`example_${name}`);
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('schema.sql applies cleanly to an empty database', async () => {
    await client.query(readFileSync(path.join(dirOf(name), 'schema.sql'), 'utf8'));
    const { rows } = await client.query<{ tables: number }>(
      `SELECT count(*)::int AS tables FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r' AND relrowsecurity`,
    );
    expect(rows[0]!.tables).toBeGreaterThan(3);
  });

  it('mapping.ts loads through tsx and names only tables and columns schema.sql created', async () => {
    const mapping = await loadMapping(name);
    const tables = Object.entries(mapping.tables);
    expect(tables.length).toBeGreaterThan(3);
    for (const [table, tableMapping] of tables) {
      expect(ENTITY_NAMES).toContain(tableMapping.entity);
      const { rows } = await client.query<{ column_name: string }>(
        `SELECT column_name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = $1`,
        [table],
      );
      expect(rows.length, `table ${table}`).toBeGreaterThan(0);
      const columns = rows.map((row) => row.column_name);
      for (const column of Object.keys(tableMapping.columns ?? {})) expect(columns, `${table}.${column}`).toContain(column);
    }
  });

  it('session.sql switches to the application role and sets its context', async () => {
    await client.query('BEGIN');
    try {
      await runSession(client, name, values);
      const { rows } = await client.query<{ role: string }>('SELECT current_user AS role');
      expect(rows[0]!.role).toBe(role);
    } finally {
      await client.query('ROLLBACK');
    }
  });

  it('queries/ parse with the bench catalog parser and plan against this schema, @rls under the session', async () => {
    const specs = loadQueryCatalog(path.join(dirOf(name), 'queries'));
    expect(specs).toHaveLength(3);
    for (const spec of specs) {
      for (const mode of ['rls', 'owner'] as const) {
        const { text, names } = spec.statements[mode];
        await client.query('BEGIN');
        try {
          if (mode === 'rls') await runSession(client, name, values);
          // EXPLAIN checks names, types and privileges without needing rows
          await client.query(`EXPLAIN ${text}`, names.map((param) => values[param]));
        } catch (error) {
          throw new Error(`${spec.file} @${mode}: ${(error as Error).message}`);
        } finally {
          await client.query('ROLLBACK');
        }
      }
    }
  });

  it('policies fail closed: the role sees its tenant with the session, and nothing without it', async () => {
    await client.query('BEGIN');
    try {
      await client.query(tenant);
      await client.query(`SET LOCAL ROLE ${role}`);
      const table = tenant.split(' ')[2]!;
      expect((await client.query(`SELECT * FROM ${table}`)).rows).toHaveLength(0);
      await runSession(client, name, values);
      expect((await client.query(`SELECT * FROM ${table}`)).rows).toHaveLength(1);
    } finally {
      await client.query('ROLLBACK');
    }
  });
});

describe('examples/composite-keys leaves the table it does not map alone', () => {
  it('"featureFlags" is not in the mapping and holds exactly the row schema.sql inserted', async () => {
    const mapping = await loadMapping('composite-keys');
    expect(Object.keys(mapping.tables)).not.toContain('featureFlags');
    const database = await createTestDatabase('example_feature_flags');
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      await client.query(readFileSync(path.join(dirOf('composite-keys'), 'schema.sql'), 'utf8'));
      const { rows } = await client.query(`SELECT "key", "enabled" FROM "featureFlags"`);
      expect(rows).toEqual([{ key: 'observationFlowsheet', enabled: true }]);
    } finally {
      await client.end();
      await database.drop();
    }
  });
});
