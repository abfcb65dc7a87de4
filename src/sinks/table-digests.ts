import { createHash, type Hash } from 'node:crypto';
import { TABLE_NAMES, type TableName } from '../tables/table-specs.js';

export interface TableDigest {
  rows: number;
  bytes: number;
  /** sha256 of the table's encoded rows in order (no header or footer). */
  sha256: string;
}

/** Running row counts, byte counts and sha256 per table, fed chunk by chunk. */
export function createTableDigests() {
  const hashes = new Map<TableName, Hash>(TABLE_NAMES.map((name) => [name, createHash('sha256')]));
  const rows = new Map<TableName, number>(TABLE_NAMES.map((name) => [name, 0]));
  const bytes = new Map<TableName, number>(TABLE_NAMES.map((name) => [name, 0]));
  return {
    update(table: TableName, data: Uint8Array, rowCount: number): void {
      hashes.get(table)!.update(data);
      rows.set(table, rows.get(table)! + rowCount);
      bytes.set(table, bytes.get(table)! + data.byteLength);
    },
    rows(table: TableName): number {
      return rows.get(table)!;
    },
    finish(): Record<TableName, TableDigest> {
      return Object.fromEntries(
        TABLE_NAMES.map((name) => [name, { rows: rows.get(name)!, bytes: bytes.get(name)!, sha256: hashes.get(name)!.digest('hex') }]),
      ) as Record<TableName, TableDigest>;
    },
  };
}
