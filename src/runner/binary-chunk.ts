import type { TableName } from '../tables/table-specs.js';

/** One unit of generated output, as UTF-8 bytes per table (transferable between threads). */
export interface BinaryChunk {
  readonly data: Record<TableName, Uint8Array>;
  readonly rows: Record<TableName, number>;
}
