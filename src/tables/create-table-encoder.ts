import { createRowEncoder, encodeCsvHeader, type CellValue, type RowFormat } from '../encoders/index.js';
import type { TableSpec } from './table-specs.js';

/**
 * Encodes a row object of a table to one line of COPY text or CSV, columns in the table's order.
 * `validate: false` trusts the generator's own uuid/date/timestamp formatting (several times
 * faster); tests encode with validation on to keep that trust earned.
 */
export function createTableEncoder(spec: TableSpec, format: RowFormat, validate = true): (row: object) => string {
  const encode = createRowEncoder(spec.kinds, format, { trusted: !validate });
  const keys = spec.keys;
  const cells: CellValue[] = new Array(keys.length);
  return (row) => {
    const record = row as Record<string, CellValue | undefined>;
    for (let i = 0; i < keys.length; i++) cells[i] = record[keys[i] as string] ?? null;
    return encode(cells);
  };
}

export function tableHeader(spec: TableSpec, format: RowFormat): string {
  return format === 'csv' ? encodeCsvHeader(spec.columns) : '';
}
