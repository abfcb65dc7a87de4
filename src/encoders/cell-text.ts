import { encodeTextArray } from './array-text.js';
import { CellEncodeError, describeValue } from './cell-encode-error.js';
import type { CellValue, ColumnKind } from './column-kind.js';
import type { JsonValue } from './json-value.js';
import { encodeJsonbText } from './jsonb-text.js';
import { encodeNumericText } from './numeric-text.js';

/** Formats one non-null cell as the text PostgreSQL prints for its type, before COPY/CSV escaping. */
export type CellTextEncoder = (value: Exclude<CellValue, null>) => string;

// Preformatted strings must already be in the form PostgreSQL prints (DateStyle ISO,
// TimeZone UTC), or the COPY TO output would differ from what was written.
const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DATE_TEXT = /^(?:\d{4}-\d{2}-\d{2}|-?infinity)$/;
const TIMESTAMPTZ_TEXT = /^(?:\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(?:\.\d{0,5}[1-9])?\+00|-?infinity)$/;
const NUMERIC_TEXT = /^-?(?:0|[1-9]\d*)(?:\.\d+)?$/;
const NEGATIVE_ZERO_TEXT = /^-0(?:\.0+)?$/;

function encodeUuid(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string' && UUID_TEXT.test(value)) return value;
  throw new CellEncodeError(`expected a lower-case hyphenated uuid string, got ${describeValue(value)}`);
}

function encodeText(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string') return value;
  throw new CellEncodeError(`expected a string, got ${describeValue(value)}`);
}

function encodeInt(value: Exclude<CellValue, null>): string {
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  throw new CellEncodeError(`expected a safe integer, got ${describeValue(value)}`);
}

function encodeNumeric(value: Exclude<CellValue, null>): string {
  if (typeof value === 'number') return encodeNumericText(value);
  if (typeof value === 'string' && NUMERIC_TEXT.test(value)) {
    // numeric has no negative zero: '-0.00' prints as '0.00'
    return value.charCodeAt(0) === 45 && NEGATIVE_ZERO_TEXT.test(value) ? value.slice(1) : value;
  }
  throw new CellEncodeError(
    `expected a finite number or a plain decimal string like '-12.50' (no exponent, no leading zeros), got ${describeValue(value)}`,
  );
}

function encodeBool(value: Exclude<CellValue, null>): string {
  if (typeof value === 'boolean') return value ? 't' : 'f';
  throw new CellEncodeError(`expected a boolean, got ${describeValue(value)}`);
}

function encodeDate(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string' && DATE_TEXT.test(value)) return value;
  throw new CellEncodeError(`expected a 'YYYY-MM-DD' string, got ${describeValue(value)}`);
}

function encodeTimestamptz(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string' && TIMESTAMPTZ_TEXT.test(value)) return value;
  throw new CellEncodeError(
    `expected a UTC timestamp as PostgreSQL prints it, 'YYYY-MM-DD HH:MM:SS[.ffffff]+00' without trailing zeros, got ${describeValue(value)}`,
  );
}

function encodeJsonb(value: Exclude<CellValue, null>): string {
  return encodeJsonbText(value as JsonValue);
}

function encodeTextArrayCell(value: Exclude<CellValue, null>): string {
  if (Array.isArray(value)) return encodeTextArray(value as readonly (string | null)[]);
  throw new CellEncodeError(`expected an array of strings or nulls, got ${describeValue(value)}`);
}

// A vector in tsvector's text form ('lexeme':1,4 ...), as src/text-search writes it; checked only
// for its shape here (that it equals the server's to_tsvector is what tests and verify prove).
const TSVECTOR_TEXT = /^(?:'(?:[^']|'')+'(?::\d+[A-D]?(?:,\d+[A-D]?)*)?(?: |$))*$/;

function encodeTsvector(value: Exclude<CellValue, null>): string {
  if (typeof value === 'string' && TSVECTOR_TEXT.test(value)) return value;
  throw new CellEncodeError(`expected a tsvector as PostgreSQL prints it ('lexeme':1,4 'other':2), got ${describeValue(value)}`);
}

/** The text formatter of each kind; each one checks its value's type and form. */
export const CELL_TEXT_ENCODERS: { readonly [K in ColumnKind]: CellTextEncoder } = {
  uuid: encodeUuid,
  text: encodeText,
  int: encodeInt,
  numeric: encodeNumeric,
  bool: encodeBool,
  date: encodeDate,
  timestamptz: encodeTimestamptz,
  jsonb: encodeJsonb,
  'text[]': encodeTextArrayCell,
  tsvector: encodeTsvector,
};

/**
 * Kinds whose text never holds a character that COPY or CSV must escape or quote
 * (no backslash, control character, quote, comma or edge space, never empty).
 */
export const ESCAPE_FREE_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>([
  'uuid',
  'int',
  'numeric',
  'bool',
  'date',
  'timestamptz',
]);

/**
 * The text PostgreSQL prints for a non-null cell of `kind`.
 *
 * @example encodeCellText(true, 'bool')          // 't'
 * @example encodeCellText(['a', null], 'text[]') // '{a,NULL}'
 */
export function encodeCellText(value: Exclude<CellValue, null>, kind: ColumnKind): string {
  return CELL_TEXT_ENCODERS[kind](value);
}
