import type { CommandModule } from 'yargs';
import { resolveRunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { assertCanSetLeakproofSearch } from '../../db/leakproof-search.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { SeedError, seedDatabase } from '../../load/seed-database.js';
import { createProgress } from '../../report/progress.js';
import { formatSeedSummary } from '../../report/format-seed-summary.js';
import { dbOption } from '../db-option.js';
import { RuntimeError, UsageError } from '../errors.js';
import { leakproofSearchOption } from '../leakproof-search-option.js';
import { defaultLoadWorkers, LOAD_BATCH_SIZE, parallelismOptionsFor, validateParallelism } from '../parallelism-options.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';

interface SeedArgs extends RunConfigArgs {
  db?: string;
  workers: number;
  batchSize: number;
  reset: boolean;
  vacuum: boolean;
  indexConcurrency: number;
  json: boolean;
  quiet: boolean;
  leakproofSearch?: boolean;
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
      .option('json', { type: 'boolean', default: false, describe: 'Print a machine-readable summary (counts, timings, checksums) on stdout' })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
      .option('leakproof-search', leakproofSearchOption)
      .example('$0 seed', 'Seed the embedded database with the ci profile')
      .example('$0 seed --db postgres://me@localhost/app --profile 10x --reset', 'Reseed your own database at 10x baseline')
      .strict() as never,
  handler: async (args) => {
    validateParallelism(args);
    if (!Number.isInteger(args.indexConcurrency) || args.indexConcurrency < 1 || args.indexConcurrency > 32) {
      throw new UsageError(`--index-concurrency: must be an integer from 1 to 32, got ${args.indexConcurrency}`);
    }
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
    const controller = new AbortController();
    const onSignal = () => controller.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      const summary = await seedDatabase({
        url: database.url,
        config,
        workers: args.workers,
        batchSize: args.batchSize,
        reset: args.reset,
        vacuum: args.vacuum,
        indexConcurrency: args.indexConcurrency,
        leakproofSearch: args.leakproofSearch,
        // The note about an earlier medseed's LEAKPROOF mark: moot when deciding now, kept for a later run when quiet.
        onNotice: args.leakproofSearch !== undefined ? () => undefined : args.quiet ? undefined : (line) => progress.line(line),
        signal: controller.signal,
        onPhase: (phase) => progress.phase(phase),
        onRows: (rows, patients) => progress.rows(rows, patients),
      });
      if (args.json) process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
      else {
        process.stdout.write(formatSeedSummary(summary));
        if (database.source === 'embedded') process.stdout.write('Connect with: psql "$(npx medseed db url)"\n');
      }
    } catch (error) {
      if (!(error instanceof SeedError)) throw error;
      throw new RuntimeError(
        `${error instanceof Error ? error.message : String(error)}\nThe run is recorded as failed in medseed.runs; run "medseed seed --reset" to start over.`,
        { cause: error instanceof Error ? error.cause ?? error : error },
      );
    } finally {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    }
  },
};
