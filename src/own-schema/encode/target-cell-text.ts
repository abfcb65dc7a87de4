import { encodeTextArray } from '../../encoders/array-text.js';
import { encodeJsonbText } from '../../encoders/jsonb-text.js';
import type { JsonValue } from '../../encoders/json-value.js';
import type { BoundColumn } from '../bind/bound-table.js';
import type { MappedValue } from '../mapping/define-mapping.js';
import { idToBigint, type Conversion } from '../bind/value-conversion.js';

/** A value a mapping could not express in the column, named by table and column, found before its chunk is sent. */
export class MappedValueError extends Error {
  override readonly name = 'MappedValueError';
}

/**
 * Turns one bound column's value for an entity row into the column's text (before COPY escaping),
 * or null for SQL NULL. Values from the generator are already PostgreSQL text; conversions are
 * the exact rewrites the binder chose. Values a mapping computes are typed JavaScript and are
 * written as PostgreSQL reads them; for enum and CHECK columns they are checked here, row by row.
 */
export function createCellText(table: string, bound: BoundColumn): (row: Record<string, unknown>) => string | null {
  const source = bound.source!;
  const admitted = bound.column.enumValues ?? bound.column.allowedValues;
  const allowed = admitted ? new Set(admitted) : undefined;
  const where = `${table}.${bound.column.name}`;
  const checked = (text: string | null): string | null => {
    if (text !== null && allowed && !allowed.has(text)) {
      throw new MappedValueError(`${where}: the mapping produced '${text}', which ${bound.column.type} does not admit (one of ${[...allowed].join(', ')})`);
    }
    return text;
  };
  switch (source.kind) {
    case 'constant': {
      const text = checked(jsText(source.value, where));
      return () => text;
    }
    case 'compute': {
      return (row) => checked(jsText(source.compute(row), where));
    }
    case 'field': {
      const { field, conversion, values } = source;
      if (values) {
        return (row) => {
          const raw = row[field];
          if (raw === null || raw === undefined) return null;
          if (!(String(raw) in values)) throw new MappedValueError(`${where}: the value map of ${field} has no entry for '${String(raw)}'`);
          return checked(jsText(values[String(raw)]!, where));
        };
      }
      const convert = CONVERSIONS[conversion];
      return (row) => {
        const raw = row[field];
        return raw === null || raw === undefined ? null : convert(raw);
      };
    }
  }
}

const CONVERSIONS: Record<Conversion, (value: unknown) => string> = {
  'as-is': (value) => (Array.isArray(value) ? encodeTextArray(value as (string | null)[]) : typeof value === 'boolean' ? (value ? 't' : 'f') : String(value)),
  'id-bigint': (value) => idToBigint(value as string),
  'drop-utc': (value) => (value as string).replace(/\+00$/, ''),
  'utc-date': (value) => (value as string).slice(0, 10),
  json: (value) => encodeJsonbText(value as JsonValue),
};

/** A value a mapping wrote in JavaScript, as PostgreSQL's text input reads it. */
function jsText(value: MappedValue | undefined, where: string): string | null {
  if (value === null || value === undefined) return null;
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      if (!Number.isFinite(value)) throw new MappedValueError(`${where}: the mapping produced ${value}, which PostgreSQL cannot store as a number`);
      return String(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 't' : 'f';
    default:
      if (Array.isArray(value)) return encodeTextArray(value.map((item) => (item === null ? null : String(item))));
      return encodeJsonbText(value as JsonValue);
  }
}
