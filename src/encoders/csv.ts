import { CellEncodeError, describeValue } from './cell-encode-error.js';

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
 * The header line of column names, quoted by the same rules as fields.
 *
 * @example encodeCsvHeader(['id', 'given name']) // 'id,given name\n'
 */
export function encodeCsvHeader(names: readonly string[]): string {
  let line = '';
  for (let i = 0; i < names.length; i++) line += (i === 0 ? '' : ',') + escapeCsvField(names[i]!);
  return `${line}\n`;
}
