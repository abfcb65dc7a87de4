import type { OwnSchemaKey } from '../../bench/report/bench-report.js';
import type { BoundTable } from '../bind/bound-table.js';
import type { EntityName } from '../mapping/entities.js';

/**
 * The drawn parameters that hold a medseed id, and whose (src/bench/params/draw-kinds.ts). Every
 * other value (timestamps, search terms) means the same in any schema and is passed as drawn.
 */
export const ID_PARAMETERS = {
  org_id: 'organization',
  provider_id: 'provider',
  patient_id: 'patient',
  actor_id: 'provider',
} as const satisfies Readonly<Record<string, EntityName>>;
export type IdParameter = keyof typeof ID_PARAMETERS;

export const isIdParameter = (name: string): name is IdParameter => Object.hasOwn(ID_PARAMETERS, name);

/** A table fed by the entity, with the column the mapping writes the entity's own id into. */
function keyColumns(tables: readonly BoundTable[], entity: EntityName) {
  return tables.flatMap((bound) =>
    bound.entity !== entity
      ? []
      : bound.columns
          .filter((c) => c.source?.kind === 'field' && c.source.field === 'id')
          .map((c) => ({ bound, column: c.column, conversion: c.source?.kind === 'field' && c.source.conversion === 'id-bigint' ? ('id-bigint' as const) : ('as-is' as const) })),
  );
}

/**
 * How each id parameter is passed: as the mapping writes its entity's id (a bigint key gets the
 * 60-bit value the load wrote, anything else the uuid). A table with a row filter (`where`) is used
 * only when no other table holds the entity's ids. Two tables writing one entity's id in different
 * key types leave the bench unable to tell which a query means: a problem.
 */
export function deriveIdKeys(tables: readonly BoundTable[]): { keys: Record<IdParameter, OwnSchemaKey>; problems: string[] } {
  const problems: string[] = [];
  const keys = {} as Record<IdParameter, OwnSchemaKey>;
  for (const [parameter, entity] of Object.entries(ID_PARAMETERS) as [IdParameter, EntityName][]) {
    const found = keyColumns(tables, entity);
    const conversions = new Set(found.map((k) => k.conversion));
    if (conversions.size > 1 && !problems.some((p) => p.startsWith(`${entity} `))) {
      problems.push(
        `${entity} ids are written as ${found.map((k) => `${k.conversion === 'id-bigint' ? 'bigint' : 'uuid'} into ${k.bound.table.name}.${k.column.name}`).join(' and ')}: ` +
          `the bench cannot tell which key type :${parameter} should take; feed ${entity} into tables of one key type`,
      );
    }
    const key = found.find((k) => !k.bound.where) ?? found[0];
    keys[parameter] = key
      ? { entity, table: key.bound.table.name, column: key.column.name, type: key.column.type, conversion: key.conversion }
      : { entity, table: null, column: null, type: null, conversion: 'as-is' };
  }
  return { keys, problems };
}
