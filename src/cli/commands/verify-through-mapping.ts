import { connect } from '../../db/connect.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { lastSettledMappedRun, SET_ASIDE_ANYTHING, sha256OfFile } from '../../own-schema/load/mapped-runs.js';
import { loadMapping } from '../../own-schema/mapping/load-mapping.js';
import { prepareMappedTarget } from '../../own-schema/prepare-mapped-target.js';
import { verifyMapped, type MappedTableCheck } from '../../own-schema/verify/verify-mapped.js';

export interface VerifyMappedArgs {
  mapping?: string;
  db?: string;
  workers: number;
  batchSize: number;
  json: boolean;
  setExitCode: (code: number) => void;
}

/**
 * `medseed verify --mapping FILE`: the last run through this mapping succeeded, everything it set
 * aside is back, every foreign key of the mapped tables is validated, and each table holds exactly
 * the rows its seed and profile generate through the mapping.
 */
export async function verifyThroughMapping(args: VerifyMappedArgs): Promise<void> {
  const { mapping, path: mappingPath } = await loadMapping(args.mapping!);
  const database = await resolveDatabase(args.db);
  const client = await connect(database.url, 'medseed-verify');
  const problems: string[] = [];
  let checks: MappedTableCheck[] = [];
  try {
    const target = await prepareMappedTarget(client, mapping, args.mapping!);
    const run = await lastSettledMappedRun(client);
    if (!run) problems.push('no run through a mapping is recorded in this database: seed it with seed --mapping first');
    else {
      if (run.status !== 'succeeded') problems.push(`the last run, #${run.id}, ${run.status}: seed again (with --reset) to complete it`);
      if (run.mappingSha256 !== (await sha256OfFile(mappingPath))) problems.push(`the mapping file changed since run #${run.id} loaded it (${run.mappingPath}): the data cannot be compared`);
      const invalid = await client.query<{ name: string; table: string }>(
        `SELECT c.conname AS name, t.relname AS table FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
          WHERE n.nspname = $1 AND t.relname = ANY($2::text[]) AND NOT c.convalidated`,
        [target.catalog.schema, target.tables.map((t) => t.table.name)],
      );
      for (const row of invalid.rows) problems.push(`constraint ${row.name} on ${row.table} is not validated`);
      const unrestored = await client.query(`SELECT id FROM medseed.mapped_runs WHERE NOT restored AND status NOT IN ('running', 'succeeded') AND ${SET_ASIDE_ANYTHING}`);
      for (const row of unrestored.rows as { id: string }[]) problems.push(`run #${row.id} left deferred indexes, foreign keys or disabled triggers behind: seed --mapping repairs them first`);
      if (problems.length === 0) {
        checks = await verifyMapped(client, { config: run.config, mappingPath, catalog: target.catalog, tables: target.tables, workers: args.workers, batchSize: args.batchSize });
        for (const check of checks) {
          if (check.identical) continue;
          const triggers = check.insertTriggers.length ? `; its INSERT triggers (${check.insertTriggers.join(', ')}) may have changed rows as they were loaded` : '';
          problems.push(`${check.table}: ${check.actual.rows} rows (digest ${check.actual.digest}) where the generator gives ${check.expected.rows} (${check.expected.digest})${triggers}`);
        }
      }
    }
  } finally {
    await client.end();
  }
  const ok = problems.length === 0;
  if (args.json) process.stdout.write(`${JSON.stringify({ ok, problems, tables: checks }, null, 2)}\n`);
  else {
    for (const check of checks) {
      process.stdout.write(`${check.table.padEnd(28)} ${String(check.actual.rows).padStart(10)} / ${String(check.expected.rows).padEnd(10)} rows  ${check.actual.digest}  ${check.identical ? 'ok' : 'DIFFERS'}\n`);
    }
    process.stdout.write(ok ? 'Your tables hold exactly the data of the recorded run.\n' : `DIFFERS:\n${problems.map((p) => `  - ${p}`).join('\n')}\n`);
  }
  if (!ok) args.setExitCode(1);
}
