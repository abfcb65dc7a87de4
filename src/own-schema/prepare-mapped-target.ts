import type { Queryable } from '../db/queryable.js';
import { UsageError } from '../cli/errors.js';
import { bindMapping } from './bind/bind-mapping.js';
import type { BindingProblem, BoundTable } from './bind/bound-table.js';
import { formatProblems } from './bind/format-problems.js';
import { readCatalog } from './catalog/read-catalog.js';
import type { TargetCatalog } from './catalog/target-catalog.js';
import { loadOrder } from './load/load-order.js';
import type { Mapping } from './mapping/define-mapping.js';

export interface MappedTarget {
  readonly catalog: TargetCatalog;
  readonly tables: readonly BoundTable[];
  readonly order: readonly string[];
  /** Tables of the schema the mapping leaves alone. */
  readonly untouched: readonly string[];
}

/**
 * Reads the user's schema and binds the mapping to it; any problem (missing table or column, type,
 * unbound required column, value outside an enum or CHECK, a cycle of foreign keys) is a UsageError
 * listing them all. Reads only: nothing is written.
 */
export async function prepareMappedTarget(client: Queryable, mapping: Mapping, file: string): Promise<MappedTarget> {
  const schema = mapping.schema ?? 'public';
  const catalog = await readCatalog(client, schema);
  const binding = bindMapping(mapping, catalog);
  const order = loadOrder(binding.tables);
  const problems: BindingProblem[] = [...binding.problems, ...order.problems];
  if (problems.length > 0) throw new UsageError(formatProblems(`the mapping ${file} does not fit schema ${schema}`, problems));
  const mapped = new Set(binding.tables.map((t) => t.table.name));
  return { catalog, tables: binding.tables, order: order.order, untouched: [...catalog.tables.keys()].filter((name) => !mapped.has(name)).sort() };
}
