import type { QuerySpec } from '../../bench/catalog/query-spec.js';
import { catalogRead } from './catalog-read.js';
import type { WorkloadOperation } from './workload-operation.js';

/**
 * Everything a mix may name: the catalog's reads (its writes are the bench's rolled-back
 * measurements, which the built-in writes replace with committed ones) and the built-in writes.
 */
export function workloadOperations(catalog: readonly QuerySpec[], writes: readonly WorkloadOperation[]): Map<string, WorkloadOperation> {
  const operations = new Map<string, WorkloadOperation>();
  for (const spec of catalog) if (!spec.writes) operations.set(spec.name, catalogRead(spec));
  for (const write of writes) operations.set(write.name, write);
  return operations;
}
