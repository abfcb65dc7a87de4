import { CellEncodeError, describeValue } from './cell-encode-error.js';

// array_out quotes an element holding any of these (its array_isspace set is the last six)
const ELEMENT_NEEDS_QUOTES = /[{}",\\ \t\n\r\v\f]/;
const NULL_WORD = /^null$/i; // ASCII-only match, as pg_strcasecmp

/**
 * A one-dimensional `text[]` as PostgreSQL's array_out prints it: `{a,b}`;
 * an element is double-quoted when it is empty, spells NULL in any case, or holds
 * `{ } " , \` or whitespace, with `"` and `\` backslash-escaped inside the quotes;
 * a null element prints as bare `NULL`.
 *
 * @example encodeTextArray(['a b', null, '', 'x"y']) // '{"a b",NULL,"","x\\"y"}'
 */
export function encodeTextArray(values: readonly (string | null)[]): string {
  const n = values.length;
  if (n === 0) return '{}';
  let out = '{';
  for (let i = 0; i < n; i++) {
    const value = values[i];
    if (i > 0) out += ',';
    if (typeof value === 'string') out += encodeElement(value);
    else if (value === null) out += 'NULL';
    else throw new CellEncodeError(`element [${i}]: expected a string or null, got ${describeValue(value)}`);
  }
  return `${out}}`;
}

function encodeElement(text: string): string {
  if (text.length === 0) return '""';
  if (!ELEMENT_NEEDS_QUOTES.test(text)) return text.length === 4 && NULL_WORD.test(text) ? `"${text}"` : text;
  return `"${text.replace(/["\\]/g, '\\$&')}"`;
}
