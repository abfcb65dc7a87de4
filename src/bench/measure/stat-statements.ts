import type { Queryable } from '../../db/queryable.js';

export interface StatStatementsStatus {
  readonly available: boolean;
  /** The bench created the extension (it was preloaded but not created in this database). */
  readonly createdByBench: boolean;
  readonly note: string;
}

/** What one statement did during the run, as one role: pg_stat_statements after minus before. */
export interface StatStatementsDelta {
  readonly queryId: string;
  /** The role it ran as (under RLS, the application role; otherwise the connecting user). */
  readonly role: string;
  readonly query: string;
  readonly calls: number;
  readonly totalExecMs: number;
  readonly meanExecMs: number;
  readonly rows: number;
  readonly sharedHitBlocks: number;
  readonly sharedReadBlocks: number;
  readonly tempWrittenBlocks: number;
}

/** Statistics by statKey(role, queryid). */
export type StatSnapshot = ReadonlyMap<string, Omit<StatStatementsDelta, 'meanExecMs'>>;

export function statKey(role: string, queryId: string): string {
  return `${role}/${queryId}`;
}

/**
 * Makes pg_stat_statements usable in this database when the server preloads it: the schema
 * migration creates it where it can; a database migrated elsewhere may lack it, so create it
 * when this connection has the privilege. Never resets anyone's statistics.
 */
export async function ensureStatStatements(client: Queryable): Promise<StatStatementsStatus> {
  const preload = await client.query<{ libraries: string }>("SELECT current_setting('shared_preload_libraries') AS libraries");
  if (!/\bpg_stat_statements\b/.test(preload.rows[0]?.libraries ?? '')) {
    return { available: false, createdByBench: false, note: 'pg_stat_statements is not in shared_preload_libraries; add it and restart the server for a statement snapshot' };
  }
  const present = await client.query("SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'");
  let createdByBench = false;
  if (present.rowCount === 0) {
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
      createdByBench = true;
    } catch (error) {
      return { available: false, createdByBench: false, note: `pg_stat_statements is preloaded but not created here, and CREATE EXTENSION failed: ${(error as Error).message}` };
    }
  }
  return {
    available: true,
    createdByBench,
    note: createdByBench ? 'created the pg_stat_statements extension in this database (preloaded, but not yet created)' : 'pg_stat_statements present',
  };
}

/** Cumulative statistics of this database's top-level statements, by role and queryid. */
export async function snapshotStatStatements(client: Queryable): Promise<StatSnapshot> {
  const result = await client.query<{
    queryid: string;
    role: string;
    query: string;
    calls: string;
    total_exec_time: number;
    rows: string;
    shared_blks_hit: string;
    shared_blks_read: string;
    temp_blks_written: string;
  }>(
    `SELECT queryid::text AS queryid, coalesce(r.rolname, s.userid::text) AS role, min(query) AS query, sum(calls) AS calls, sum(total_exec_time)::float8 AS total_exec_time,
            sum(rows) AS rows, sum(shared_blks_hit) AS shared_blks_hit, sum(shared_blks_read) AS shared_blks_read,
            sum(temp_blks_written) AS temp_blks_written
     FROM pg_stat_statements s LEFT JOIN pg_roles r ON r.oid = s.userid
     WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND toplevel AND queryid IS NOT NULL
     GROUP BY queryid, r.rolname, s.userid`,
  );
  return new Map(
    result.rows.map((row) => [
      statKey(row.role, row.queryid),
      {
        queryId: row.queryid,
        role: row.role,
        query: row.query,
        calls: Number(row.calls),
        totalExecMs: row.total_exec_time,
        rows: Number(row.rows),
        sharedHitBlocks: Number(row.shared_blks_hit),
        sharedReadBlocks: Number(row.shared_blks_read),
        tempWrittenBlocks: Number(row.temp_blks_written),
      },
    ]),
  );
}

/** The statements that ran between two snapshots, with what they did in between, busiest first. */
export function diffStatStatements(before: StatSnapshot, after: StatSnapshot): StatStatementsDelta[] {
  const deltas: StatStatementsDelta[] = [];
  for (const [key, now] of after) {
    const then = before.get(key);
    const calls = now.calls - (then?.calls ?? 0);
    if (calls <= 0) continue;
    const totalExecMs = now.totalExecMs - (then?.totalExecMs ?? 0);
    deltas.push({
      queryId: now.queryId,
      role: now.role,
      query: now.query,
      calls,
      totalExecMs: Math.round(totalExecMs * 1000) / 1000,
      meanExecMs: Math.round((totalExecMs / calls) * 1000) / 1000,
      rows: now.rows - (then?.rows ?? 0),
      sharedHitBlocks: now.sharedHitBlocks - (then?.sharedHitBlocks ?? 0),
      sharedReadBlocks: now.sharedReadBlocks - (then?.sharedReadBlocks ?? 0),
      tempWrittenBlocks: now.tempWrittenBlocks - (then?.tempWrittenBlocks ?? 0),
    });
  }
  return deltas.sort((a, b) => b.totalExecMs - a.totalExecMs);
}
