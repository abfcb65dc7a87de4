import { CellEncodeError, describeValue } from './cell-encode-error.js';

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

