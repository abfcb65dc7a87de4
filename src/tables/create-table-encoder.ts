import { createRowEncoder, encodeCsvHeader, type CellValue, type RowFormat } from '../encoders/index.js';
import type { TableSpec } from './table-specs.js';

type CellExtractor = (row: object, cells: CellValue[]) => void;

/**
 * Copies a row object's values into cells in column order. Compiled per table so each property
 * read is a plain, monomorphic access: a shared `row[key]` loop is megamorphic across tables and
 * cost more than the encoding itself.
 */
function compileExtractor(keys: readonly string[]): CellExtractor {
  for (const key of keys) {
    if (!/^[A-Za-z_$][\w$]*$/.test(key)) throw new Error(`column key ${JSON.stringify(key)} is not an identifier`);
  }
  const body = keys.map((key, i) => `cells[${i}] = row.${key} ?? null;`).join('\n');
  return new Function('row', 'cells', body) as CellExtractor;
}

/**
 * Encodes a row object of a table to one line of COPY text or CSV, columns in the table's order.
 * `validate: false` trusts the generator's own uuid/date/timestamp formatting (several times
 * faster); tests encode with validation on to keep that trust earned.
 */
export function createTableEncoder(spec: TableSpec, format: RowFormat, validate = true): (row: object) => string {
  const encode = createRowEncoder(spec.kinds, format, { trusted: !validate });
  const extract = compileExtractor(spec.keys);
  const cells: CellValue[] = new Array(spec.keys.length);
  return (row) => {
    extract(row, cells);
    return encode(cells);
  };
}

export function tableHeader(spec: TableSpec, format: RowFormat): string {
  return format === 'csv' ? encodeCsvHeader(spec.columns) : '';
}
