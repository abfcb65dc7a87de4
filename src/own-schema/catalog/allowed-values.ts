import type { TargetCheck } from './target-catalog.js';

/**
 * The string values a column's single-column CHECK constraints admit, when they have the shape
 * pg_get_constraintdef prints for `col IN ('a', 'b')`, or undefined. Several such checks on one
 * column admit only the values they share.
 */
export function allowedValuesFor(column: string, checks: readonly TargetCheck[]): string[] | undefined {
  let allowed: string[] | undefined;
  for (const check of checks) {
    if (check.columns.length !== 1 || check.columns[0] !== column) continue;
    const values = parseAllowedValues(check.definition, column);
    if (values) allowed = allowed ? allowed.filter((value) => values.includes(value)) : values;
  }
  return allowed;
}

const IDENT = String.raw`(?:[a-z_][a-z0-9_$]*|"(?:[^"]|"")*")`;
// `status = ` or, for varchar and other casts to text, `(kind)::text = `
const LEFT_SIDE = new RegExp(String.raw`^(?:(${IDENT})|\((${IDENT})\)::[^=()]+) = `);

/**
 * The literals of `CHECK ((col = ANY (ARRAY['a'::text, 'b'::text])))`,
 * `CHECK (((col)::text = ANY ((ARRAY['a'::character varying])::text[])))` or, for a one-value IN
 * list, `CHECK ((col = 'a'::text))`; undefined for anything else (NOT IN, OR NULL, functions...).
 * @example parseAllowedValues("CHECK ((sex = ANY (ARRAY['female'::text, 'male'::text])))", 'sex') // ['female', 'male']
 */
export function parseAllowedValues(definition: string, column: string): string[] | undefined {
  const check = /^CHECK \((.*)\)(?: NO INHERIT| NOT VALID)*$/s.exec(definition);
  if (!check) return undefined;
  const body = stripParens(check[1]!);
  const left = LEFT_SIDE.exec(body);
  if (!left || unquote(left[1] ?? left[2]!) !== column) return undefined;
  const right = body.slice(left[0].length);
  if (!right.startsWith('ANY (')) {
    const single = readLiteral(right, 0);
    return single && single.end === right.length ? [single.value] : undefined;
  }
  if (!right.endsWith(')')) return undefined;
  // ARRAY[...] or (ARRAY[...])::text[]
  const array = /^\(?ARRAY\[/.exec(right.slice('ANY ('.length));
  if (!array) return undefined;
  const values: string[] = [];
  let at = 'ANY ('.length + array[0].length;
  for (;;) {
    const literal = readLiteral(right, at);
    if (!literal) return undefined;
    values.push(literal.value);
    at = literal.end;
    if (right.startsWith(', ', at)) at += 2;
    else break;
  }
  const rest = right.slice(at);
  const closes = array[0].startsWith('(') ? /^\]\)::[^()]+\)$/.test(rest) : rest === '])';
  return closes ? values : undefined;
}

/** A quoted string literal at `start` and its optional `::type` cast, up to the next `,` `]` or the end. */
function readLiteral(text: string, start: number): { value: string; end: number } | undefined {
  if (text[start] !== "'") return undefined;
  let value = '';
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf("'", at);
    if (quote < 0) return undefined;
    value += text.slice(at, quote);
    if (text[quote + 1] !== "'") {
      at = quote + 1;
      break;
    }
    value += "'";
    at = quote + 2;
  }
  if (text.startsWith('::', at)) {
    let depth = 0; // a cast may carry a type modifier: 'a'::character varying(5)
    while (at < text.length && !(depth === 0 && (text[at] === ',' || text[at] === ']'))) {
      if (text[at] === '(') depth++;
      if (text[at] === ')' && --depth < 0) break;
      at++;
    }
  }
  return { value, end: at };
}

/** `((x))` -> `x`, only when the opening parenthesis closes at the very end. */
function stripParens(text: string): string {
  while (text.startsWith('(') && closingParen(text, 0) === text.length - 1) text = text.slice(1, -1);
  return text;
}

function closingParen(text: string, open: number): number {
  let depth = 0;
  let quoted: string | undefined;
  for (let at = open; at < text.length; at++) {
    const char = text[at]!;
    if (quoted) {
      if (char === quoted) quoted = undefined; // a doubled quote closes and reopens: same effect
    } else if (char === "'" || char === '"') quoted = char;
    else if (char === '(') depth++;
    else if (char === ')' && --depth === 0) return at;
  }
  return -1;
}

const unquote = (ident: string) => (ident.startsWith('"') ? ident.slice(1, -1).replaceAll('""', '"') : ident);
