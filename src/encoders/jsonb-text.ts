import { CellEncodeError, describeValue } from './cell-encode-error.js';
import type { JsonValue } from './json-value.js';
import { sortJsonbKeys } from './jsonb-key-order.js';
import { encodeNumericText } from './numeric-text.js';

/**
 * A JSON value as PostgreSQL prints a stored jsonb (jsonb_out), so that
 * `COPY (SELECT col) TO STDOUT` of the stored value is byte-identical:
 * object keys shortest first then in UTF-8 byte order, `": "` after keys,
 * `", "` between members and elements, no space inside `{}` and `[]`,
 * numbers as numeric_out prints them, strings escaped as escape_json does.
 *
 * Throws CellEncodeError (with a `$.path`) for anything that is not plain JSON:
 * undefined, functions, bigint, NaN/Infinity, class instances, U+0000 (jsonb
 * rejects it), and object keys with a lone surrogate (they would merge on write).
 *
 * @example encodeJsonbText({ bb: [1, 'x'], a: null }) // '{"a": null, "bb": [1, "x"]}'
 */
export function encodeJsonbText(value: JsonValue): string {
  try {
    return encodeValue(value);
  } catch (error) {
    if (error instanceof JsonPathError) {
      throw new CellEncodeError(`at $${error.path}: ${error.rule}`);
    }
    throw error;
  }
}

// Carries the path out of the recursion; each container prepends its segment on the way up.
class JsonPathError extends Error {
  path = '';
  constructor(readonly rule: string) {
    super(rule);
  }
}

function encodeValue(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return encodeJsonbString(value);
    case 'number':
      return encodeJsonbNumber(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      if (value === null) return 'null';
      if (Array.isArray(value)) return encodeArray(value);
      return encodeObject(value);
    default:
      throw new JsonPathError(`expected a JSON value, got ${describeValue(value)}`);
  }
}

function encodeJsonbNumber(value: number): string {
  try {
    return encodeNumericText(value);
  } catch (error) {
    throw error instanceof CellEncodeError ? new JsonPathError(error.rule) : error;
  }
}

function encodeArray(items: readonly unknown[]): string {
  const n = items.length;
  if (n === 0) return '[]';
  let i = 0;
  try {
    let out = `[${encodeValue(items[0])}`;
    for (i = 1; i < n; i++) out += `, ${encodeValue(items[i])}`;
    return `${out}]`;
  } catch (error) {
    throw prependPath(error, `[${i}]`);
  }
}

function encodeObject(object: object): string {
  const proto: unknown = Object.getPrototypeOf(object);
  if (proto !== Object.prototype && proto !== null) {
    throw new JsonPathError(`expected a plain object, got ${describeValue(object)}; convert it first (e.g. a Date to a string)`);
  }
  const record = object as Readonly<Record<string, unknown>>;
  // JS objects cannot hold duplicate keys, so jsonb's "last duplicate wins" never applies here
  const keys = sortJsonbKeys(Object.keys(record));
  const n = keys.length;
  if (n === 0) return '{}';
  let key = '';
  try {
    let out = '{';
    for (let i = 0; i < n; i++) {
      key = keys[i]!;
      out += `${i === 0 ? '' : ', '}${encodeJsonbKey(key)}: ${encodeValue(record[key])}`;
    }
    return `${out}}`;
  } catch (error) {
    throw prependPath(error, /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
  }
}

function prependPath(error: unknown, segment: string): unknown {
  if (error instanceof JsonPathError) error.path = segment + error.path;
  return error;
}

const STRING_NEEDS_ESCAPE = /["\\\u0000-\u001f]/;

// escape_json: the short escapes, other control characters as lower-case \u00xx
const CONTROL_ESCAPES: readonly string[] = Array.from({ length: 0x20 }, (_, c) => {
  const short: Readonly<Record<number, string>> = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' };
  return short[c] ?? `\\u${c.toString(16).padStart(4, '0')}`;
});

function encodeJsonbString(text: string): string {
  if (!STRING_NEEDS_ESCAPE.test(text)) return `"${text}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let escaped: string;
    if (c < 0x20) {
      if (c === 0) throw new JsonPathError('strings cannot contain U+0000: PostgreSQL rejects \\u0000 in jsonb');
      escaped = CONTROL_ESCAPES[c]!;
    } else if (c === 0x22) escaped = '\\"';
    else if (c === 0x5c) escaped = '\\\\';
    else continue;
    out += text.slice(start, i) + escaped;
    start = i + 1;
  }
  return `${out}${text.slice(start)}"`;
}

const KEY_NEEDS_CARE = /["\\\u0000-\u001f\ud800-\udfff]/;
const LONE_SURROGATE = /[\ud800-\udfff]/u; // in u-mode a well-formed pair is one code point and does not match

// Node writes a lone surrogate as U+FFFD, so two keys differing only there would
// silently merge into one jsonb key (the last wins); refuse them instead.
function encodeJsonbKey(key: string): string {
  if (!KEY_NEEDS_CARE.test(key)) return `"${key}"`;
  if (LONE_SURROGATE.test(key)) {
    throw new JsonPathError(`object keys must be well-formed UTF-16, got a lone surrogate in ${JSON.stringify(key)}`);
  }
  return encodeJsonbString(key);
}
