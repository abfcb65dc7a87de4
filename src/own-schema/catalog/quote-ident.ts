/**
 * Reserved words that appear as column or table names in real schemas (a `user` or `order` table, an
 * `end` or `to` column). PostgreSQL's full list is longer; these are the ones worth catching, and
 * quoting a simple name that did not need it is harmless.
 */
const RESERVED = new Set([
  'all', 'analyse', 'analyze', 'and', 'any', 'array', 'as', 'asc', 'both', 'case', 'cast', 'check', 'collate', 'column',
  'constraint', 'create', 'current_date', 'current_role', 'current_time', 'current_timestamp', 'current_user', 'default',
  'desc', 'distinct', 'do', 'else', 'end', 'except', 'false', 'fetch', 'for', 'foreign', 'from', 'grant', 'group', 'having',
  'in', 'initially', 'intersect', 'into', 'lateral', 'leading', 'limit', 'localtime', 'localtimestamp', 'not', 'null',
  'offset', 'on', 'only', 'or', 'order', 'placing', 'primary', 'references', 'returning', 'select', 'session_user', 'some',
  'symmetric', 'table', 'then', 'to', 'trailing', 'true', 'union', 'unique', 'user', 'using', 'variadic', 'when', 'where',
  'window', 'with',
]);

const SIMPLE = /^[a-z_][a-z0-9_]*$/;

/**
 * An identifier as SQL must spell it: bare when PostgreSQL would read it back unchanged, else in
 * double quotes with inner quotes doubled.
 * @example quoteIdent('patient') // patient
 * @example quoteIdent('careTeam') // "careTeam"
 * @example quoteIdent('order') // "order"
 */
export function quoteIdent(name: string): string {
  if (SIMPLE.test(name) && !RESERVED.has(name)) return name;
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * A schema-qualified table name for SQL text.
 * @example qualify('clinic', 'careTeam') // clinic."careTeam"
 */
export function qualify(schema: string, table: string): string {
  return `${quoteIdent(schema)}.${quoteIdent(table)}`;
}
