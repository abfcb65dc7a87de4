import type { QueryResult, QueryResultRow } from 'pg';

/** The subset of pg.Client / pg.PoolClient that medseed needs, so callers can pass either. */
export interface Queryable {
  query<R extends QueryResultRow = QueryResultRow>(text: string, values?: unknown[]): Promise<QueryResult<R>>;
}
