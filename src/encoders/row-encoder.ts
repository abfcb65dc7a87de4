import { locateCellError, CellEncodeError } from './cell-encode-error.js';
import { CELL_TEXT_ENCODERS, ESCAPE_FREE_KINDS } from './cell-text.js';
import { COLUMN_KINDS, isColumnKind, type CellValue, type ColumnKind } from './column-kind.js';
import { COPY_NULL, escapeCopyField } from './copy-text.js';
import { CSV_NULL, escapeCsvField } from './csv.js';

export interface RowEncoderOptions {
  /**
   * Skip the format checks of preformatted uuid, date and timestamptz strings. Only for producers
   * that build those strings themselves (the generator's formatters, checked by tests that encode
   * with validation on); a wrong string would then reach PostgreSQL unchecked.
   */
  readonly trusted?: boolean;
}

// Kinds whose check is a regular expression over a string the generator formats itself.
const TRUSTED_KINDS: ReadonlySet<ColumnKind> = new Set<ColumnKind>(['uuid', 'date', 'timestamptz', 'tsvector']);

/** Line formats: PostgreSQL COPY text format, or RFC 4180 CSV. */
export const ROW_FORMATS = ['copy', 'csv'] as const;

export type RowFormat = (typeof ROW_FORMATS)[number];

/** Encodes one row (cells in column order) to one line, `\n` included. */
export type RowEncoder = (row: readonly CellValue[]) => string;

/** Encodes one cell to its escaped field text (NULL included). */
export type FieldEncoder = (value: CellValue) => string;

/**
 * Compiles a row encoder for a fixed column list: each column gets its formatter
 * and escaper chosen once, so a row costs one call per cell and no arrays.
 * Throws CellEncodeError naming the
 * column for a cell of the wrong type or form.
 *
 * @example
 * const encode = createRowEncoder(['uuid', 'text', 'bool'], 'copy');
 * encode(['0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f', 'Zoë', false]);
 * // '0190c7e2-8f5a-7cc2-9d3e-4b1a2c3d4e5f\tZoë\tf\n'
 */
export function createRowEncoder(kinds: readonly ColumnKind[], format: RowFormat, options: RowEncoderOptions = {}): RowEncoder {
  if (format !== 'copy' && format !== 'csv') {
    throw new TypeError(`format must be one of ${ROW_FORMATS.join(', ')}, got ${String(format)}`);
  }
  kinds.forEach((kind, i) => {
    if (!isColumnKind(kind)) {
      throw new TypeError(`kinds[${i}] must be one of ${COLUMN_KINDS.join(', ')}, got ${String(kind)}`);
    }
  });
  const columnKinds = [...kinds];
  const fields = columnKinds.map((kind) => createFieldEncoder(kind, format, options.trusted === true));
  const separator = format === 'copy' ? '\t' : ',';
  const n = fields.length;

  return (row) => {
    if (row.length !== n) throw new CellEncodeError(`row has ${row.length} cells, expected ${n} (one per column)`);
    if (n === 0) return '\n';
    let i = 0;
    try {
      let line = fields[0]!(row[0]!);
      for (i = 1; i < n; i++) line += separator + fields[i]!(row[i]!);
      return `${line}\n`;
    } catch (error) {
      throw locateCellError(error, i, columnKinds[i]);
    }
  };
}

/**
 * The per-column field encoders createRowEncoder joins: for writers that put fields straight into
 * a byte buffer instead of building a line string. Separators and the newline are the caller's.
 */
export function createFieldEncoders(kinds: readonly ColumnKind[], format: RowFormat, options: RowEncoderOptions = {}): FieldEncoder[] {
  kinds.forEach((kind, i) => {
    if (!isColumnKind(kind)) throw new TypeError(`kinds[${i}] must be one of ${COLUMN_KINDS.join(', ')}, got ${String(kind)}`);
  });
  return kinds.map((kind) => createFieldEncoder(kind, format, options.trusted === true));
}

function createFieldEncoder(kind: ColumnKind, format: RowFormat, trusted: boolean): FieldEncoder {
  const nullText = format === 'copy' ? COPY_NULL : CSV_NULL;
  const toText = trusted && TRUSTED_KINDS.has(kind) ? (value: CellValue) => value as string : CELL_TEXT_ENCODERS[kind];
  if (ESCAPE_FREE_KINDS.has(kind)) return (value) => (value === null ? nullText : toText(value));
  const escape = format === 'copy' ? escapeCopyField : escapeCsvField;
  if (kind === 'text') {
    return (value) => (typeof value === 'string' ? escape(value) : value === null ? nullText : toText(value));
  }
  return (value) => (value === null ? nullText : escape(toText(value)));
}

/**
 * One row as a COPY text-format line, `\n` included: the bytes
 * `COPY table TO STDOUT` prints for the same stored row. For many rows use
 * createRowEncoder(kinds, 'copy'), which checks the kinds once.
 *
 * @example encodeCopyRow(['a\tb', null, 3, true], ['text', 'text', 'int', 'bool']) // 'a\\tb\t\\N\t3\tt\n'
 */
export function encodeCopyRow(row: readonly CellValue[], kinds: readonly ColumnKind[]): string {
  return createRowEncoder(kinds, 'copy')(row);
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
  return createRowEncoder(kinds, 'csv')(row);
}
