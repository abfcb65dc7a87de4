import type pg from 'pg';

/**
 * True once a medseed COPY holds its table's ACCESS EXCLUSIVE lock (COPY FREEZE loads each table in
 * a transaction that truncates it first). A lock requested after this point queues behind the COPY
 * and is granted when the table's load commits, before the index phase can ask for the table: the
 * way to hold an index build back, deterministically.
 */
export async function copyHoldsLock(watcher: pg.Client, table: string): Promise<true | undefined> {
  const result = await watcher.query(
    `SELECT 1 FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
      WHERE l.granted AND l.mode = 'AccessExclusiveLock' AND l.relation = to_regclass($1)
        AND a.application_name = $2`,
    [`public.${table}`, `medseed-copy-${table}`],
  );
  return result.rowCount ? true : undefined;
}
