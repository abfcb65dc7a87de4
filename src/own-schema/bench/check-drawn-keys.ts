import { UsageError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { OwnSchemaCheck, OwnSchemaKey } from '../../bench/report/bench-report.js';
import type { BoundTable } from '../bind/bound-table.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import type { IdParameter } from './id-keys.js';

const DRAWN = [
  { what: 'organizations', key: 'org_id', ids: (s: ParameterSet) => [s.orgId] },
  { what: 'providers', key: 'provider_id', ids: (s: ParameterSet) => [s.clinicianId, s.adminId, s.values.actor_id] },
  { what: 'patients', key: 'patient_id', ids: (s: ParameterSet) => [s.values.patient_id] },
] as const satisfies readonly { what: string; key: IdParameter; ids: (s: ParameterSet) => (string | undefined)[] }[];

/**
 * The user-schema counterpart of assertDrawnIdsExist: each drawn tenant, clinician, administrator
 * and patient (already in the user's key types) must be a row of the table its entity feeds, found
 * by the column holding its id. Tables the mapping feeds through a row filter, and entities no
 * table holds, cannot say which ids must exist: those checks are skipped, and the report says why.
 */
export async function checkDrawnKeysExist(
  client: Queryable,
  schema: string,
  tables: readonly BoundTable[],
  keys: Readonly<Record<IdParameter, OwnSchemaKey>>,
  sets: readonly ParameterSet[],
  runId: number,
): Promise<OwnSchemaCheck[]> {
  const checks: OwnSchemaCheck[] = [];
  const missing: string[] = [];
  for (const { what, key, ids } of DRAWN) {
    const drawn = [...new Set(sets.flatMap(ids).filter((id): id is string => id !== undefined))];
    if (drawn.length === 0) continue;
    const name = `drawn ${what} exist`;
    const { table, column, type, entity } = keys[key];
    if (table === null || column === null || type === null) {
      checks.push({ name, status: 'skipped', detail: `no mapped table holds ${entity} ids: the ${drawn.length} drawn ${what} cannot be looked up` });
      continue;
    }
    if (tables.find((t) => t.table.name === table)?.where) {
      checks.push({ name, status: 'skipped', detail: `${table}, the only table holding ${entity} ids, keeps the rows its mapping's where lets through: a drawn id may rightly be absent` });
      continue;
    }
    const found = await client.query<{ n: number }>(`SELECT count(DISTINCT ${quoteIdent(column)})::int AS n FROM ${qualify(schema, table)} WHERE ${quoteIdent(column)} = ANY($1::${type}[])`, [drawn]);
    const n = found.rows[0]!.n;
    if (n < drawn.length) missing.push(`${drawn.length - n} of ${drawn.length} ${what} (${table}.${column})`);
    else checks.push({ name, status: 'passed', detail: `all ${drawn.length} drawn ${what} are rows of ${table} (by ${column})` });
  }
  if (missing.length > 0) {
    throw new UsageError(
      `your tables lack ${missing.join(', ')} drawn from the data of seed run #${runId} in medseed.mapped_runs: they no longer hold what that run loaded. ` +
        'Seed them again (medseed seed --mapping FILE --reset), then bench.',
    );
  }
  return checks;
}
