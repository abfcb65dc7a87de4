import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { abortOnSignal } from '../abort-on-signal.js';
import { connect } from '../../db/connect.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { checkLoadTarget } from '../../own-schema/load/check-load-target.js';
import { SeedMappedError, seedMapped } from '../../own-schema/load/seed-mapped.js';
import { loadMapping } from '../../own-schema/mapping/load-mapping.js';
import { prepareMappedTarget } from '../../own-schema/prepare-mapped-target.js';
import { formatError, RuntimeError, UsageError } from '../errors.js';
import { SIGNAL_EXIT_CODES } from '../signal-exit-codes.js';
import { toRunConfigInput } from '../run-config-options.js';
import { validateLockTimeout } from '../lock-timeout-option.js';
import type { SeedArgs } from './seed.js';


/**
 * `medseed seed --mapping FILE`: the user's own tables. Every check (flags, the mapping file, its
 * fit to the schema, deferred index names, privileges, empty tables) runs before the first write.
 */
export async function seedThroughMapping(args: SeedArgs): Promise<void> {
  if (args.leakproofSearch !== undefined) throw new UsageError('--leakproof-search applies to medseed\'s reference schema only; leave it out with --mapping');
  if (args.vacuum) throw new UsageError('--vacuum applies to medseed\'s reference schema only; leave it out with --mapping');
  validateLockTimeout(args.lockTimeout);
  const names = (list: string | undefined) => (list ?? '').split(',').map((name) => name.trim()).filter(Boolean);
  const deferIndexes = names(args.deferIndexes);
  const deferForeignKeys = names(args.deferForeignKeys);
  const config = resolveRunConfig(toRunConfigInput(args));
  const { mapping, path: mappingPath } = await loadMapping(args.mapping!);
  const log = (line: string) => {
    if (!args.quiet) process.stderr.write(`${line}\n`);
  };
  const database = await resolveDatabase(args.db, log);
  const client = await connect(database.url);
  let target;
  let checked;
  try {
    target = await prepareMappedTarget(client, mapping, args.mapping!);
    checked = await checkLoadTarget(client, target, { deferIndexes, deferForeignKeys, disableTriggers: args.triggers === 'disable', reset: args.reset });
  } finally {
    await client.end();
  }
  log(`Seeding your schema ${target.catalog.schema} at ${redactUrl(database.url)} through ${args.mapping}: profile ${config.profile.name}, seed ${config.seed}`);
  if (target.untouched.length) log(`Left untouched: ${target.untouched.join(', ')}`);
  const interrupt = abortOnSignal((signal) => log(`${signal} received: stopping the run, putting back what it set aside, and recording it as failed.`));
  // a line every few seconds while rows arrive, so a long load is never silent
  const loadStarted = performance.now();
  let loadedRows = 0;
  let lastLine = loadStarted;
  const onRows = (rows: number) => {
    loadedRows += rows;
    const now = performance.now();
    if (now - lastLine < 5000) return;
    lastLine = now;
    log(`  ${loadedRows} rows committed (${Math.round(loadedRows / ((now - loadStarted) / 1000))} rows/s)`);
  };
  try {
    const summary = await seedMapped({
      onRows,
      url: database.url,
      config,
      mappingPath,
      catalog: target.catalog,
      tables: target.tables,
      order: target.order,
      workers: args.workers,
      batchSize: args.batchSize,
      connections: 2,
      reset: checked.truncate,
      deferred: checked.deferred,
      disableTriggers: args.triggers === 'disable',
      signal: interrupt.signal,
      lockTimeoutSeconds: args.lockTimeout,
      log,
    });
    if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    else {
      const total = Object.values(summary.rows).reduce((a, b) => a + b, 0);
      const lines = Object.entries(summary.rows).map(([table, rows]) => `  ${table.padEnd(28)} ${String(rows).padStart(10)}`);
      process.stdout.write(`Run #${summary.runId} loaded ${total} rows in ${summary.timings.total.toFixed(1)} s (load ${summary.timings.load.toFixed(1)} s, analyze ${summary.timings.analyze.toFixed(1)} s):\n${lines.join('\n')}\n`);
    }
  } catch (error) {
    if (!(error instanceof SeedMappedError)) throw error;
    const recorded = error.runId !== undefined ? `Run #${error.runId} is recorded as failed in medseed.mapped_runs.` : 'No run was recorded.';
    const putBack = error.restored ? '' : ' What it set aside (deferred indexes, disabled triggers) could not be put back; the next seed --mapping repairs it first.';
    const failure = new RuntimeError(`seed --mapping failed: ${error.message}. ${recorded}${putBack} Rows committed so far stay; seed again with --reset to start over.`, { cause: error.cause });
    const interrupted = interrupt.signal.aborted ? String(interrupt.signal.reason) : undefined;
    if (!interrupted) throw failure;
    process.stderr.write(`${formatError(failure)}\n`);
    args.setExitCode(SIGNAL_EXIT_CODES[interrupted] ?? 1);
  } finally {
    interrupt.dispose();
  }
}
