import type { JsonValue } from './json-value.js';

/**
 * The PostgreSQL column types the encoders can fill, one kind per type.
 * `int` covers smallint, integer and bigint (within Number.MAX_SAFE_INTEGER);
 * `numeric` is unconstrained numeric (no typmod: see cell-text.ts).
 */
export const COLUMN_KINDS = [
  'uuid',
  'text',
  'int',
  'numeric',
  'bool',
  'date',
  'timestamptz',
  'jsonb',
  'text[]',
  'tsvector',
] as const;

export type ColumnKind = (typeof COLUMN_KINDS)[number];

const KIND_SET: ReadonlySet<string> = new Set(COLUMN_KINDS);

/** @example isColumnKind('jsonb') // true */
export function isColumnKind(value: unknown): value is ColumnKind {
  return typeof value === 'string' && KIND_SET.has(value);
}

/**
 * One cell of a row, already typed. `null` is SQL NULL (for `jsonb` too: JSON
 * `null` can only appear nested). Arrays of `string | null` fill `text[]`.
 */
export type CellValue = string | number | boolean | null | readonly (string | null)[] | JsonValue;
