import type { Queryable } from '../../db/queryable.js';
import { qualify, quoteIdent } from '../catalog/quote-ident.js';
import type { BoundTable } from '../bind/bound-table.js';

/**
 * Moves every serial or identity sequence of a column medseed wrote past the largest value it
 * wrote, so the application's next INSERT does not collide with a seeded key.
 */
export async function setSequences(client: Queryable, tables: readonly BoundTable[]): Promise<void> {
  for (const bound of tables) {
    for (const { column, source } of bound.columns) {
      if (!source || !column.sequence) continue;
      await client.query(
        `SELECT setval($1::regclass, greatest((SELECT max(${quoteIdent(column.name)}) FROM ${qualify(bound.table.schema, bound.table.name)}), 1))`,
        [column.sequence],
      );
    }
  }
}
