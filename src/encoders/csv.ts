import { CellEncodeError, describeValue, locateCellError } from './cell-encode-error.js';
import { assertCopyableKind, encodeCellText } from './cell-text.js';
import type { CellValue, ColumnKind } from './column-kind.js';

/** How CSV writes SQL NULL: an empty unquoted field (PostgreSQL's CSV default). */
export const CSV_NULL = '';

const CSV_NEEDS_QUOTES = /[",\n\r\u0000]/;

/**
 * One RFC 4180 field. Quoted (with `"` doubled) when it holds `"`, `,`, CR or LF,
 * starts or ends with a space or tab, is empty (so `""` stays distinct from NULL,
 * which is an empty unquoted field), or is exactly `\.` (PostgreSQL's
 * end-of-data marker when alone on a line). Throws on U+0000.
 *
 * @example escapeCsvField('a,"b"') // '"a,""b"""'
 */
export function escapeCsvField(text: string): string {
  const n = text.length;
  if (n === 0) return '""';
  if (!CSV_NEEDS_QUOTES.test(text)) {
    const first = text.charCodeAt(0);
    const last = text.charCodeAt(n - 1);
    if (first !== 0x20 && first !== 0x09 && last !== 0x20 && last !== 0x09 && text !== '\\.') return text;
    return `"${text}"`;
  }
  if (text.includes('\u0000')) {
    throw new CellEncodeError(`text cannot contain U+0000 (PostgreSQL rejects it), got ${describeValue(text)}`);
  }
  return `"${text.replace(/"/g, '""')}"`;
}

/**
 * One row as a CSV line ending in `\n`. PostgreSQL reads it back with
 * `COPY table (cols) FROM STDIN WITH (FORMAT csv, HEADER true)` (after the header
 * line): unquoted empty fields are NULL, `""` is the empty string, and the cells
 * hold the same text as in COPY text format (`t`/`f`, `{a,b}`, canonical jsonb).
 * For many rows use createRowEncoder(kinds, 'csv').
 *
 * Load through a driver (COPY ... FROM STDIN, as pg-copy-streams does): psql
 * (seen with psql 15, both `\copy` and COPY FROM STDIN fed by psql) ends the data
 * at any line that is exactly `\.`, even inside a quoted multi-line field; the
 * server itself does not.
 *
 * @example encodeCsvRow(['a,b', '', null, 1], ['text', 'text', 'text', 'int']) // '"a,b","",,1\n'
 */
export function encodeCsvRow(row: readonly CellValue[], kinds: readonly ColumnKind[]): string {
  if (row.length !== kinds.length) {
    throw new CellEncodeError(`row has ${row.length} cells, expected ${kinds.length} (one per column)`);
  }
  let line = '';
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const value = row[i]!;
    try {
      assertCopyableKind(kind);
      line += (i === 0 ? '' : ',') + (value === null ? CSV_NULL : escapeCsvField(encodeCellText(value, kind)));
    } catch (error) {
      throw locateCellError(error, i, kind);
    }
  }
  return `${line}\n`;
}

/**
 * The header line of column names, quoted by the same rules as fields.
 *
 * @example encodeCsvHeader(['id', 'given name']) // 'id,given name\n'
 */
export function encodeCsvHeader(names: readonly string[]): string {
  let line = '';
  for (let i = 0; i < names.length; i++) line += (i === 0 ? '' : ',') + escapeCsvField(names[i]!);
  return `${line}\n`;
}
