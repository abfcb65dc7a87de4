import type { TargetCatalog } from '../catalog/target-catalog.js';
import { bindMapping } from '../bind/bind-mapping.js';
import type { BoundTable } from '../bind/bound-table.js';
import { loadMapping } from './load-mapping.js';

/**
 * What a generator needs to write the user's tables: the mapping file (functions cannot cross
 * threads, so each worker loads it again) and the catalog it was bound against (plain data).
 * Binding is a pure function of the two, so every thread derives the same tables and columns.
 */
export interface MappingTarget {
  readonly mappingPath: string;
  readonly catalog: TargetCatalog;
}

export async function bindTarget(target: MappingTarget): Promise<BoundTable[]> {
  const { mapping } = await loadMapping(target.mappingPath);
  const binding = bindMapping(mapping, target.catalog);
  if (binding.problems.length > 0) throw new Error(`the mapping no longer binds: ${binding.problems[0]!.message}`);
  return [...binding.tables];
}
