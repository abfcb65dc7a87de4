import type { TargetColumn } from '../catalog/target-catalog.js';

/**
 * How an entity field's value becomes a target column's text, or why it cannot. The generator's
 * values are already in PostgreSQL's own text forms (UTC timestamps, plain decimals, canonical
 * jsonb), so most conversions are the identity; the rest are small, exact rewrites.
 */
export type Conversion =
  | 'as-is'
  /** a medseed uuid id into a bigint key: its 60 ordered bits (see idToBigint) */
  | 'id-bigint'
  /** timestamptz into timestamp without time zone: the UTC wall time */
  | 'drop-utc'
  /** timestamptz into date: the UTC date */
  | 'utc-date'
  | 'json';

const TEXTUAL = new Set(['text', 'varchar', 'bpchar', 'citext', 'name']);
const INTEGER = new Set(['int2', 'int4', 'int8']);
const DECIMAL = new Set(['numeric', 'float4', 'float8']);

/** The conversion from a field of reference SQL type `from` into `column`, or undefined when none is exact. */
export function conversionFor(from: string, column: TargetColumn): Conversion | undefined {
  const to = column.baseType;
  if (column.isArray) return from === 'text[]' && TEXTUAL.has(to) ? 'as-is' : undefined;
  const isEnum = column.typeCategory === 'e';
  switch (from) {
    case 'uuid':
      if (to === 'uuid' || TEXTUAL.has(to)) return 'as-is';
      return to === 'int8' ? 'id-bigint' : undefined;
    case 'text':
      return TEXTUAL.has(to) || isEnum ? 'as-is' : undefined;
    case 'date':
      return to === 'date' || to === 'timestamptz' || to === 'timestamp' || TEXTUAL.has(to) ? 'as-is' : undefined;
    case 'timestamp with time zone':
      if (to === 'timestamptz' || TEXTUAL.has(to)) return 'as-is';
      if (to === 'timestamp') return 'drop-utc';
      return to === 'date' ? 'utc-date' : undefined;
    case 'numeric':
      return DECIMAL.has(to) || TEXTUAL.has(to) ? 'as-is' : undefined;
    case 'integer':
      return INTEGER.has(to) || DECIMAL.has(to) || TEXTUAL.has(to) ? 'as-is' : undefined;
    case 'boolean':
      return to === 'bool' ? 'as-is' : undefined;
    case 'jsonb':
      return to === 'jsonb' || to === 'json' || TEXTUAL.has(to) ? 'json' : undefined;
    case 'tsvector':
      return to === 'tsvector' ? 'as-is' : undefined;
    default:
      return undefined;
  }
}

/**
 * A medseed id as a positive bigint that keeps its order: the uuid's first 8 bytes without the
 * version nibble (owner index and sequence, 60 bits, see src/generators/ids.ts). Unique within a
 * table, and the same for a key and every foreign key pointing at it, since both convert one uuid.
 */
export function idToBigint(uuid: string): string {
  // xxxxxxxx-xxxx-8xxx-: hex 0-7, 9-12, then 15-17 (14 is the version digit)
  return BigInt(`0x${uuid.slice(0, 8)}${uuid.slice(9, 13)}${uuid.slice(15, 18)}`).toString();
}
