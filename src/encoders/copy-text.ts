import { CellEncodeError, describeValue, locateCellError } from './cell-encode-error.js';
import { assertCopyableKind, encodeCellText } from './cell-text.js';
import type { CellValue, ColumnKind } from './column-kind.js';

/** How COPY text format writes SQL NULL. */
export const COPY_NULL = '\\N';

// backslash, NUL (rejected) and the control characters COPY TO writes as \b \t \n \v \f \r
const COPY_NEEDS_ESCAPE = /[\\\u0000\u0008-\u000d]/;
const COPY_ESCAPES: readonly string[] = ['\\b', '\\t', '\\n', '\\v', '\\f', '\\r']; // 0x08..0x0d

/**
 * Escapes one field's text as PostgreSQL's COPY TO (text format, tab delimiter)
 * writes it: `\` as `\\`, and backspace, tab, newline, vertical tab, form feed and
 * carriage return as `\b \t \n \v \f \r`. Other control characters stay raw, as
 * PostgreSQL prints them. Throws on U+0000, which no PostgreSQL text can hold.
 *
 * @example escapeCopyField('a\tb\\N') // 'a\\tb\\\\N'
 */
export function escapeCopyField(text: string): string {
  if (!COPY_NEEDS_ESCAPE.test(text)) return text;
  let out = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escaped: string;
    if (c === 0x5c) escaped = '\\\\';
    else if (c >= 0x08 && c <= 0x0d) escaped = COPY_ESCAPES[c - 0x08]!;
    else if (c === 0) throw new CellEncodeError(`text cannot contain U+0000 (PostgreSQL rejects it), got ${describeValue(text)}`);
    else continue;
    out += text.slice(start, i) + escaped;
    start = i + 1;
  }
  return out + text.slice(start);
}

/**
 * One row as a COPY text-format line, `\n` included: the bytes
 * `COPY table TO STDOUT` prints for the same stored row. For many rows use
 * createRowEncoder(kinds, 'copy'), which checks the kinds once.
 *
 * @example encodeCopyRow(['a\tb', null, 3, true], ['text', 'text', 'int', 'bool']) // 'a\\tb\t\\N\t3\tt\n'
 */
export function encodeCopyRow(row: readonly CellValue[], kinds: readonly ColumnKind[]): string {
  if (row.length !== kinds.length) {
    throw new CellEncodeError(`row has ${row.length} cells, expected ${kinds.length} (one per column)`);
  }
  let line = '';
  for (let i = 0; i < kinds.length; i++) {
    const kind = kinds[i]!;
    const value = row[i]!;
    try {
      assertCopyableKind(kind);
      line += (i === 0 ? '' : '\t') + (value === null ? COPY_NULL : escapeCopyField(encodeCellText(value, kind)));
    } catch (error) {
      throw locateCellError(error, i, kind);
    }
  }
  return `${line}\n`;
}
