import { embeddedIndexSessionSettings } from '../../load/index-session-settings.js';
import type { CommandModule } from 'yargs';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { assertCanSetLeakproofSearch } from '../../db/leakproof-search.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { SeedError, seedDatabase } from '../../load/seed-database.js';
import { describeAbandonedRun } from '../../load/settle-dead-runs.js';
import { createProgress } from '../../report/progress.js';
import { formatSeedFailure, unquotedCause } from '../../report/format-seed-failure.js';
import { formatSeedSummary } from '../../report/format-seed-summary.js';
import { abortOnSignal } from '../abort-on-signal.js';
import { dbOption } from '../db-option.js';
import { mappingOption } from './mapping.js';
import { seedThroughMapping } from './seed-through-mapping.js';
import { formatError, RuntimeError, UsageError } from '../errors.js';
import { SIGNAL_EXIT_CODES } from '../signal-exit-codes.js';
import { leakproofSearchOption } from '../leakproof-search-option.js';
import { lockTimeoutOption, validateLockTimeout } from '../lock-timeout-option.js';
import { defaultLoadWorkers, LOAD_BATCH_SIZE, parallelismOptionsFor, validateParallelism } from '../parallelism-options.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';

export interface SeedArgs extends RunConfigArgs {
  db?: string;
  workers: number;
  batchSize: number;
  reset: boolean;
  vacuum: boolean;
  indexConcurrency: number;
  lockTimeout: number;
  json: boolean;
  quiet: boolean;
  setExitCode: (code: number) => void;
  leakproofSearch?: boolean;
  mapping?: string;
  deferIndexes?: string;
  deferForeignKeys?: string;
  triggers?: string;
}


export const seedCommand: CommandModule<object, SeedArgs> = {
  command: 'seed',
  describe: 'Generate and load a dataset with parallel streaming COPY, then build indexes and ANALYZE',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      .option('db', dbOption)
      .options(parallelismOptionsFor(defaultLoadWorkers(), LOAD_BATCH_SIZE))
      .option('reset', {
        type: 'boolean',
        default: false,
        describe:
          "Truncate medseed's own tables first when they hold rows. medseed never drops or truncates anything it did not create; without --reset it refuses to touch a non-empty database",
      })
      .option('vacuum', { type: 'boolean', default: false, describe: 'VACUUM (FREEZE, ANALYZE) instead of ANALYZE after the load' })
      .option('index-concurrency', { type: 'number', default: 2, describe: 'Indexes built at once after the load', requiresArg: true })
      .option('lock-timeout', lockTimeoutOption)
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary (counts, timings, checksums) on stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
      .option('leakproof-search', leakproofSearchOption)
      .option('mapping', mappingOption)
      .option('defer-indexes', { type: 'string', describe: 'With --mapping: indexes of your tables to drop before the load and re-create after it (comma-separated, or all; always re-created, also after a failure)', requiresArg: true })
      .option('defer-foreign-keys', { type: 'string', describe: 'With --mapping: foreign keys of your tables to drop before the load and add back (checked in one pass) after it (comma-separated, or all)', requiresArg: true })
      .option('triggers', { type: 'string', choices: ['keep', 'disable'], describe: "With --mapping: keep (default) lets your tables' triggers fire on every loaded row, as they would for the application; disable turns user triggers off for the load and back on after it", requiresArg: true })
      .group(['mapping', 'defer-indexes', 'defer-foreign-keys', 'triggers'], 'Your own schema:')
      .example('$0 seed', 'Seed the embedded database with the ci profile')
      .example('$0 seed --db postgres://me@localhost/app --profile 10x --reset', 'Reseed your own database at 10x baseline')
      .strict() as never,
  handler: async (args) => {
    validateParallelism(args);
    if (args.mapping !== undefined) return seedThroughMapping(args);
    const ownSchemaFlags = { deferIndexes: 'defer-indexes', deferForeignKeys: 'defer-foreign-keys', triggers: 'triggers' } as const;
    for (const [key, flag] of Object.entries(ownSchemaFlags)) {
      if (args[key as keyof typeof ownSchemaFlags] !== undefined) throw new UsageError(`--${flag} applies to your own schema: add --mapping FILE, or leave it out`);
    }
    if (!Number.isInteger(args.indexConcurrency) || args.indexConcurrency < 1 || args.indexConcurrency > 32) {
      throw new UsageError(`--index-concurrency: must be an integer from 1 to 32, got ${args.indexConcurrency}`);
    }
    validateLockTimeout(args.lockTimeout);
    const config = resolveRunConfig(toRunConfigInput(args));
    const progress = createProgress({ out: process.stderr, totalPatients: config.profile.volumes.patients, quiet: args.quiet });
    const database = await resolveDatabase(args.db, (line) => progress.line(line));
    // Fail fast on an unreachable server or a missing privilege, before any generation starts.
    const probe = await connect(database.url);
    try {
      if (args.leakproofSearch !== undefined) await assertCanSetLeakproofSearch(probe, args.leakproofSearch);
    } finally {
      await probe.end();
    }
    progress.line(`Seeding ${redactUrl(database.url)}: profile ${config.profile.name}, seed ${config.seed}`);
    // The first Ctrl-C stops the run cleanly and records it; a second one (default handler) kills at once.
    const interrupt = abortOnSignal((signal) => progress.line(`${signal} received: stopping the run and recording it as failed (again to quit at once).`));
    try {
      const summary = await seedDatabase({
        url: database.url,
        config,
        workers: args.workers,
        batchSize: args.batchSize,
        reset: args.reset,
        vacuum: args.vacuum,
        indexConcurrency: args.indexConcurrency,
        lockTimeoutSeconds: args.lockTimeout,
        leakproofSearch: args.leakproofSearch,
        // The note about an earlier medseed's LEAKPROOF mark: moot when deciding now, kept for a later run when quiet.
        onNotice: args.leakproofSearch !== undefined ? () => undefined : args.quiet ? undefined : (line) => progress.line(line),
        signal: interrupt.signal,
        // Waits and dead runs are said even with --quiet: they explain a pause or a changed record.
        onLockWait: (line) => process.stderr.write(`${line}\n`),
        onFailedPrevious: (line) => process.stderr.write(`${line}\n`),
        onAbandoned: (runs) => {
          for (const run of runs) process.stderr.write(`${describeAbandonedRun(run)}\n`);
        },
        onPhase: (phase) => progress.phase(phase),
        onIndexProgress: (line) => progress.status(line),
        indexSessionSettings: database.source === 'embedded' ? embeddedIndexSessionSettings(args.indexConcurrency) : [],
        onRows: (rows, patients) => progress.rows(rows, patients),
      });
      if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(formatSeedSummary(summary));
        if (database.source === 'embedded') process.stdout.write('Connect with: psql "$(npx medseed db url)"\n');
      }
    } catch (error) {
      if (!(error instanceof SeedError)) throw error;
      const text = formatSeedFailure(error);
      const failure = new RuntimeError(text, { cause: unquotedCause(text, error) });
      if (!error.interrupted) throw failure;
      process.stderr.write(`${formatError(failure)}\n`);
      args.setExitCode(SIGNAL_EXIT_CODES[error.interrupted] ?? 1);
    } finally {
      interrupt.dispose();
    }
  },
};
