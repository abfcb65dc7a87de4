import { readFileSync } from 'node:fs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllowedValues } from '../../src/own-schema/catalog/allowed-values.js';
import { qualify, quoteIdent } from '../../src/own-schema/catalog/quote-ident.js';
import { readCatalog } from '../../src/own-schema/catalog/read-catalog.js';
import type { TargetCatalog, TargetColumn, TargetTable } from '../../src/own-schema/catalog/target-catalog.js';
import { createTestDatabase } from '../support/test-database.js';

/** A plain nullable base-type column unless `more` says otherwise. */
const column = (name: string, type: string, baseType: string, more: Partial<TargetColumn> = {}): TargetColumn => ({
  name, type, baseType, typeCategory: 'b', isArray: false, notNull: false, generated: false, ...more,
});
const noRowSecurity = { enabled: false, forced: false, policies: [] };
const VISIT_STATUS = ['planned', 'arrived', 'finished', 'cancelled'];

describe('readCatalog', () => {
  let database: Awaited<ReturnType<typeof createTestDatabase>>;
  let client: pg.Client;
  let catalog: TargetCatalog;

  beforeAll(async () => {
    database = await createTestDatabase('read_catalog');
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    await client.query(readFileSync(new URL('./catalog-fixture.sql', import.meta.url), 'utf8'));
    catalog = await readCatalog(client, 'clinic');
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it('lists ordinary and partitioned tables, not partitions or views', () => {
    expect(catalog.schema).toBe('clinic');
    expect([...catalog.tables.keys()]).toEqual(['careTeam', 'encounter', 'note', 'observation', 'patient', 'visit_log']);
  });

  it('patient: uuid key, domains, CHECK value lists, generated column, uniques, FK to another schema, triggers', () => {
    expect(catalog.tables.get('patient')).toStrictEqual({
      schema: 'clinic',
      name: 'patient',
      columns: [
        column('id', 'uuid', 'uuid', { notNull: true, default: 'gen_random_uuid()' }),
        column('organization_id', 'uuid', 'uuid', { notNull: true }),
        column('mrn', 'clinic.mrn', 'text', { notNull: true }),
        column('given_name', 'character varying(20)', 'varchar', { notNull: true }),
        column('family_name', 'text', 'text'),
        column('sex', 'text', 'text', { notNull: true, allowedValues: ['female', 'male', 'other', 'unknown'] }),
        column('marital_status', 'character varying(12)', 'varchar', { allowedValues: ['single', 'married', "widow'd"] }),
        column('deceased', 'text', 'text', { allowedValues: ['yes'] }),
        column('born_at', 'timestamp without time zone', 'timestamp'),
        column('created_at', 'timestamp with time zone', 'timestamptz', { notNull: true, default: 'now()' }),
        column('language', 'clinic.language_code', 'text', { default: "'en'::text" }),
        column('tags', 'text[]', 'text', { isArray: true }),
        column('full_name', 'text', 'text', { generated: true }),
      ],
      primaryKey: ['id'],
      uniques: [['organization_id', 'mrn'], ['family_name', 'given_name']],
      foreignKeys: [
        { name: 'patient_organization_id_fkey', columns: ['organization_id'], refSchema: 'ref', refTable: 'organization', refColumns: ['id'], deferrable: false },
      ],
      checks: [
        { name: 'patient_deceased_check', definition: "CHECK ((deceased = 'yes'::text))", columns: ['deceased'] },
        {
          name: 'patient_marital_status_check',
          definition:
            "CHECK (((marital_status)::text = ANY ((ARRAY['single'::character varying, 'married'::character varying, 'widow''d'::character varying])::text[])))",
          columns: ['marital_status'],
        },
        { name: 'patient_sex_check', definition: "CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text, 'other'::text, 'unknown'::text])))", columns: ['sex'] },
      ],
      indexes: [
        { name: 'patient_lower_family_idx', definition: 'CREATE UNIQUE INDEX patient_lower_family_idx ON clinic.patient USING btree (lower(family_name))' },
        { name: 'patient_mrn_key', definition: 'CREATE UNIQUE INDEX patient_mrn_key ON clinic.patient USING btree (organization_id, mrn)', constraint: 'patient_mrn_key' },
        { name: 'patient_name_idx', definition: 'CREATE UNIQUE INDEX patient_name_idx ON clinic.patient USING btree (family_name, given_name)' },
        {
          name: 'patient_named_mrn_idx',
          definition: 'CREATE UNIQUE INDEX patient_named_mrn_idx ON clinic.patient USING btree (mrn) WHERE (family_name IS NOT NULL)',
        },
        { name: 'patient_pkey', definition: 'CREATE UNIQUE INDEX patient_pkey ON clinic.patient USING btree (id)', constraint: 'patient_pkey' },
      ],
      triggers: [
        { name: 'patient_audit', definition: 'CREATE TRIGGER patient_audit AFTER INSERT ON clinic.patient FOR EACH ROW EXECUTE FUNCTION clinic.touch()', enabled: false },
        { name: 'patient_touch', definition: 'CREATE TRIGGER patient_touch BEFORE UPDATE ON clinic.patient FOR EACH ROW EXECUTE FUNCTION clinic.touch()', enabled: true },
      ],
      rowSecurity: noRowSecurity,
    } satisfies TargetTable);
  });

  it('encounter: composite key, identity always, enum and enum[], deferrable FK, multi-column CHECK, forced RLS', () => {
    expect(catalog.tables.get('encounter')).toStrictEqual({
      schema: 'clinic',
      name: 'encounter',
      columns: [
        column('tenant_id', 'uuid', 'uuid', { notNull: true }),
        column('id', 'bigint', 'int8', { notNull: true, identity: 'always', sequence: 'clinic.encounter_id_seq' }),
        column('patient_id', 'uuid', 'uuid', { notNull: true }),
        column('status', 'clinic.visit_status', 'visit_status', {
          typeCategory: 'e', notNull: true, default: "'planned'::clinic.visit_status", enumValues: VISIT_STATUS,
        }),
        column('previous_statuses', 'clinic.visit_status[]', 'visit_status', {
          typeCategory: 'e', isArray: true, notNull: true, default: "'{}'::clinic.visit_status[]", enumValues: VISIT_STATUS,
        }),
        column('total', 'numeric(10,2)', 'numeric'),
        column('score', 'double precision', 'float8'),
        column('details', 'jsonb', 'jsonb'),
        column('started_on', 'date', 'date'),
        column('is_emergency', 'boolean', 'bool', { notNull: true, default: 'false' }),
      ],
      primaryKey: ['tenant_id', 'id'],
      uniques: [],
      foreignKeys: [
        { name: 'encounter_patient_fkey', columns: ['patient_id'], refSchema: 'clinic', refTable: 'patient', refColumns: ['id'], deferrable: true },
      ],
      // involves two columns, so neither gets allowedValues from it
      checks: [
        {
          name: 'encounter_cancelled_check',
          definition: "CHECK (((status = 'cancelled'::clinic.visit_status) OR (total IS NOT NULL)))",
          columns: ['status', 'total'],
        },
      ],
      indexes: [
        { name: 'encounter_pkey', definition: 'CREATE UNIQUE INDEX encounter_pkey ON clinic.encounter USING btree (tenant_id, id)', constraint: 'encounter_pkey' },
      ],
      triggers: [],
      rowSecurity: {
        enabled: true,
        forced: true,
        policies: [
          { name: 'encounter_insert', command: 'INSERT', roles: ['pg_monitor', 'pg_read_all_stats'], withCheck: '(is_emergency OR (started_on IS NOT NULL))' },
          { name: 'encounter_tenant', command: 'ALL', roles: ['public'], using: "(tenant_id = (current_setting('app.tenant_id'::text))::uuid)" },
        ],
      },
    } satisfies TargetTable);
  });

  it('observation: identity by default, composite FK columns paired in declared order', () => {
    const observation = catalog.tables.get('observation')!;
    expect(observation.columns[1]).toStrictEqual(
      column('id', 'bigint', 'int8', { notNull: true, identity: 'by default', sequence: 'clinic.observation_id_seq' }),
    );
    expect(observation.primaryKey).toEqual(['id']);
    expect(observation.foreignKeys).toStrictEqual([
      { name: 'observation_encounter_fkey', columns: ['encounter_id', 'tenant_id'], refSchema: 'clinic', refTable: 'encounter', refColumns: ['id', 'tenant_id'], deferrable: false },
    ]);
  });

  it('note: serial key, no dropped column, arrays and domains nested either way, one FK to a partitioned table (not its per-partition copies)', () => {
    const note = catalog.tables.get('note')!;
    expect(note.columns).toStrictEqual([
      column('id', 'integer', 'int4', { notNull: true, default: "nextval('clinic.note_id_seq'::regclass)", sequence: 'clinic.note_id_seq' }),
      column('visit_id', 'bigint', 'int8'),
      column('visited_on', 'date', 'date'),
      column('body', 'text', 'text'),
      column('codes', 'clinic.mrn[]', 'text', { isArray: true }),
      column('labels', 'clinic.tag_list', 'text', { isArray: true, notNull: true, default: "'{}'::text[]" }),
    ]);
    expect(note.foreignKeys).toStrictEqual([
      { name: 'note_visit_id_visited_on_fkey', columns: ['visit_id', 'visited_on'], refSchema: 'clinic', refTable: 'visit_log', refColumns: ['id', 'visited_on'], deferrable: false },
    ]);
  });

  it('visit_log: a partitioned table with its composite key', () => {
    const visitLog = catalog.tables.get('visit_log')!;
    expect(visitLog.primaryKey).toEqual(['id', 'visited_on']);
    expect(visitLog.indexes).toStrictEqual([
      { name: 'visit_log_pkey', definition: 'CREATE UNIQUE INDEX visit_log_pkey ON ONLY clinic.visit_log USING btree (id, visited_on)', constraint: 'visit_log_pkey' },
    ]);
  });

  it('careTeam: camelCase names as the database spells them, CHECK on a quoted column', () => {
    expect(catalog.tables.get('careTeam')).toStrictEqual({
      schema: 'clinic',
      name: 'careTeam',
      columns: [
        column('teamId', 'integer', 'int4', {
          notNull: true, default: `nextval('clinic."careTeam_teamId_seq"'::regclass)`, sequence: 'clinic."careTeam_teamId_seq"',
        }),
        column('patientId', 'uuid', 'uuid', { notNull: true }),
        column('careRole', 'text', 'text', { notNull: true, allowedValues: ['lead', 'member'] }),
      ],
      primaryKey: ['teamId'],
      uniques: [],
      foreignKeys: [{ name: 'careTeam_patientId_fkey', columns: ['patientId'], refSchema: 'clinic', refTable: 'patient', refColumns: ['id'], deferrable: false }],
      checks: [{ name: 'careTeam_careRole_check', definition: `CHECK (("careRole" = ANY (ARRAY['lead'::text, 'member'::text])))`, columns: ['careRole'] }],
      indexes: [{ name: 'careTeam_pkey', definition: 'CREATE UNIQUE INDEX "careTeam_pkey" ON clinic."careTeam" USING btree ("teamId")', constraint: 'careTeam_pkey' }],
      triggers: [],
      rowSecurity: noRowSecurity,
    } satisfies TargetTable);
  });

  it('reads a schema whose name needs quoting, and only that schema', async () => {
    const billing = await readCatalog(client, 'Billing');
    expect([...billing.tables.keys()]).toEqual(['Invoice']);
    expect(billing.tables.get('Invoice')!.columns[0]).toStrictEqual(
      column('invoiceNo', 'integer', 'int4', {
        notNull: true, default: `nextval('"Billing"."Invoice_invoiceNo_seq"'::regclass)`, sequence: '"Billing"."Invoice_invoiceNo_seq"',
      }),
    );
    expect([...(await readCatalog(client, 'ref')).tables.keys()]).toEqual(['organization']);
  });

  it('reads a schema that does not exist as one without tables', async () => {
    const missing = await readCatalog(client, 'no_such_schema');
    expect(missing.schema).toBe('no_such_schema');
    expect(missing.tables.size).toBe(0);
  });
});

describe('parseAllowedValues', () => {
  it.each([
    ["CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text])))", 'sex', ['female', 'male']],
    ["CHECK (((kind)::text = ANY ((ARRAY['a'::character varying, 'b, c'::character varying])::text[])))", 'kind', ['a', 'b, c']],
    ["CHECK ((kind = 'only'::text)) NOT VALID", 'kind', ['only']],
    [`CHECK (("careRole" = ANY (ARRAY['it''s'::text])))`, 'careRole', ["it's"]],
    ["CHECK ((code = ANY (ARRAY['x'::character varying(5), 'y'::character varying(5)])))", 'code', ['x', 'y']],
  ])('%s admits %j', (definition, column, values) => {
    expect(parseAllowedValues(definition, column as string)).toEqual(values);
  });

  it.each([
    ["CHECK ((sex <> ALL (ARRAY['x'::text])))", 'sex'],
    ["CHECK (((sex IS NULL) OR (sex = ANY (ARRAY['a'::text]))))", 'sex'],
    ['CHECK ((rank = ANY (ARRAY[1, 2])))', 'rank'],
    ["CHECK ((lower(sex) = ANY (ARRAY['a'::text])))", 'sex'],
    ["CHECK ((other = ANY (ARRAY['a'::text])))", 'sex'],
    ["CHECK ((sex = ANY ('{a,b}'::text[])))", 'sex'],
  ])('%s admits no fixed list', (definition, column) => {
    expect(parseAllowedValues(definition, column)).toBeUndefined();
  });
});

describe('quoteIdent', () => {
  it('leaves simple lower-case names bare and quotes the rest', () => {
    expect(['patient', 'care_team_2', '_x', 'careTeam', '2fa', 'a-b', 'say "hi"', 'user', 'order', 'end'].map(quoteIdent)).toEqual([
      'patient', 'care_team_2', '_x', '"careTeam"', '"2fa"', '"a-b"', '"say ""hi"""', '"user"', '"order"', '"end"',
    ]);
    expect(qualify('Billing', 'order')).toBe('"Billing"."order"');
    expect(qualify('clinic', 'patient')).toBe('clinic.patient');
  });
});
