/** One statement of a SQL script, with the 1-based line it starts on. */
export interface ScriptStatement {
  readonly text: string;
  readonly line: number;
}

// What may hold a ";" that does not end a statement: strings, quoted names, comments, dollar quotes.
const OPAQUE = /'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|\/\*[\s\S]*?\*\/|(\$[A-Za-z_]*\$)[\s\S]*?\1/y;
const LEADING_COMMENTS = /^(?:\s|--[^\n]*|\/\*[\s\S]*?\*\/)*/;

/**
 * Splits a SQL script at the semicolons that end statements, leaving those inside strings, quoted
 * identifiers, comments and dollar quotes alone; statements holding only comments are dropped, and so are the comments before a statement.
 *
 * @example splitSqlStatements("SET LOCAL ROLE app;\nSELECT ';'") // [{ text: 'SET LOCAL ROLE app', line: 1 }, { text: "SELECT ';'", line: 2 }]
 */
export function splitSqlStatements(script: string): ScriptStatement[] {
  const statements: ScriptStatement[] = [];
  let start = 0;
  const push = (end: number) => {
    const raw = script.slice(start, end);
    // leading comments are dropped, so a statement is known by its first keyword and line
    const leading = LEADING_COMMENTS.exec(raw)![0].length;
    if (leading < raw.length) {
      const line = script.slice(0, start + leading).split('\n').length;
      statements.push({ text: raw.slice(leading).trim(), line });
    }
  };
  let i = 0;
  while (i < script.length) {
    OPAQUE.lastIndex = i;
    const opaque = OPAQUE.exec(script);
    if (opaque) {
      i += opaque[0].length;
      continue;
    }
    if (script[i] === ';') {
      push(i);
      start = i + 1;
    }
    i += 1;
  }
  push(script.length);
  return statements;
}
