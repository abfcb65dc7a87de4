import type { BoundStatement } from './query-spec.js';

/**
 * Replaces `:name` placeholders with `$1..$n` (the same name gets the same number), skipping string
 * literals, quoted identifiers, comments and `::type` casts.
 *
 * @example bindNamedParams("SELECT * FROM t WHERE a = :id::uuid AND b = ':x'")
 *   // { text: "SELECT * FROM t WHERE a = $1::uuid AND b = ':x'", names: ['id'] }
 */
export function bindNamedParams(sql: string): BoundStatement {
  const names: string[] = [];
  let text = '';
  let i = 0;
  while (i < sql.length) {
    const rest = sql.slice(i);
    const skipped = /^(?:'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|::)/.exec(rest);
    if (skipped) {
      text += skipped[0];
      i += skipped[0].length;
      continue;
    }
    const placeholder = /^:([a-z][a-z0-9_]*)/.exec(rest);
    const previous = sql[i - 1] ?? '';
    if (placeholder && !/[\w:]/.test(previous)) {
      const name = placeholder[1] as string;
      let position = names.indexOf(name);
      if (position < 0) position = names.push(name) - 1;
      text += `$${position + 1}`;
      i += placeholder[0].length;
      continue;
    }
    text += sql[i];
    i += 1;
  }
  return { text, names };
}
