import { statKey, type StatStatementsDelta } from '../measure/stat-statements.js';
import type { ModeResult, QueryResult } from './bench-report.js';

/**
 * Gives each query and mode its pg_stat_statements figures, found by the queryid EXPLAIN reported
 * and the role it ran as (`ownerRole` for the runs without RLS; under RLS the header's role, or
 * `rlsRole` when a session file chose the database role). Two catalog queries with the same
 * SQL and role are one statement to pg_stat_statements: both get the combined figures and a warning.
 */
export function attachStatStatements(queries: readonly QueryResult[], deltas: readonly StatStatementsDelta[], ownerRole: string, rlsRole?: string): QueryResult[] {
  const byKey = new Map(deltas.map((delta) => [statKey(delta.role, delta.queryId), delta]));
  const keyOf = (query: QueryResult, mode: 'rls' | 'owner') => {
    const id = query[mode]?.plan.queryId;
    return id ? statKey(mode === 'rls' ? (rlsRole ?? query.role) : ownerRole, id) : undefined;
  };
  const users = new Map<string, string[]>();
  for (const query of queries) {
    for (const mode of ['rls', 'owner'] as const) {
      const key = keyOf(query, mode);
      if (key) users.set(key, [...(users.get(key) ?? []), query.name]);
    }
  }
  return queries.map((query) => {
    const warnings = [...query.warnings];
    const attach = (mode: 'rls' | 'owner'): ModeResult | null => {
      const result = query[mode];
      const key = keyOf(query, mode);
      if (!result || !key) return result;
      const sharing = (users.get(key) ?? []).filter((name) => name !== query.name);
      if (sharing.length > 0) warnings.push(`pg_stat_statements figures (${mode}) combine ${sharing.join(', ')}: the same statement run as the same role`);
      return { ...result, statStatements: byKey.get(key) ?? null };
    };
    return { ...query, rls: attach('rls'), owner: attach('owner'), warnings };
  });
}
