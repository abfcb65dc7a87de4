import type { BoundColumn } from '../bind/bound-table.js';

// Types PostgreSQL prints exactly as medseed writes them (with TimeZone UTC): what goes in comes
// back byte for byte, so the database's COPY output can be compared with the generator's.
const EXACT = new Set(['uuid', 'text', 'varchar', 'citext', 'int2', 'int4', 'int8', 'bool', 'date', 'timestamptz', 'timestamp', 'jsonb', 'tsvector']);

/** Whether a written column can be compared byte for byte, and if not, why not. */
export function comparability(bound: BoundColumn): string | undefined {
  const { column, source } = bound;
  if (column.typeCategory === 'e') return undefined;
  if (!EXACT.has(column.baseType)) {
    if (column.baseType === 'numeric' && column.type === 'numeric') return undefined;
    return `${column.type}: PostgreSQL prints it in its own form`;
  }
  if (column.isArray && column.baseType !== 'text') return `${column.type}: arrays other than text[] print in their own form`;
  if (source?.kind !== 'field' && (column.baseType === 'jsonb' || column.baseType === 'tsvector')) return `${column.type} from the mapping's own value: not necessarily in PostgreSQL's canonical form`;
  return undefined;
}
