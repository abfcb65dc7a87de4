import type { CommandModule } from 'yargs';
import { defaultCatalogDir, loadQueryCatalog, selectQueries } from '../../bench/catalog/load-query-catalog.js';
import { DEFAULT_MIN_REGRESSION_MS } from '../../bench/report/compare-baseline.js';
import { formatBenchTable } from '../../bench/report/format-bench-table.js';
import { readBenchJson } from '../../bench/report/validate-bench-json.js';
import { checkBenchOutputDir, writeBenchOutput } from '../../bench/report/write-bench-output.js';
import { readSeededConfig } from '../../bench/read-seeded-config.js';
import { parseOnly, validateBenchNumbers } from '../../bench/validate-bench-args.js';
import { connect } from '../../db/connect.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { hasDataFlags } from '../../load/resolve-verify-config.js';
import type { BenchTarget } from '../../bench/bench-target.js';
import type { RunConfig } from '../../config/resolve-run-config.js';
import { ownSchemaFiles } from '../../own-schema/bench/own-schema-files.js';
import { prepareMappedBench } from '../../own-schema/bench/prepare-mapped-bench.js';
import { loadSessionTemplate } from '../../own-schema/bench/session-template.js';
import { loadMapping } from '../../own-schema/mapping/load-mapping.js';
import { packageVersion } from '../../package-root.js';
import { dbOption } from '../db-option.js';
import { UsageError } from '../errors.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';
import { mappingOption } from './mapping.js';

interface BenchArgs extends RunConfigArgs {
  db?: string;
  iterations: number;
  concurrency: number;
  warmup?: number;
  parameterSets: number;
  sampleSize: number;
  baseline?: string;
  minRegressionMs: number;
  out?: string;
  force: boolean;
  only?: string | string[];
  catalog?: string;
  mapping?: string;
  queries?: string;
  session?: string;
  quiet: boolean;
  setExitCode: (code: number) => void;
}

const log = (line: string) => process.stderr.write(`${line}\n`);

export const benchCommand: CommandModule<object, BenchArgs> = {
  command: 'bench',
  describe: 'Measure the critical queries under RLS and without it, explain them, and compare with thresholds and a baseline; exit 1 on a failed verdict',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      // No defaults here: without them the bench uses the seed and profile the database was seeded with.
      .option('profile', { type: 'string', default: undefined, describe: 'Profile the database was seeded with (default: the one medseed.runs records, else ci)' })
      .option('seed', { type: 'string', default: undefined, describe: 'Seed the database was seeded with (default: the one medseed.runs records, else 42)' })
      .option('db', dbOption)
      .option('iterations', { type: 'number', default: 100, describe: 'Measured executions per query, under RLS and again as owner', requiresArg: true })
      .option('concurrency', { type: 'number', default: 2, describe: 'Executions at once, over a pool of as many connections', requiresArg: true })
      .option('warmup', { type: 'number', describe: 'Unmeasured executions first (default: one per parameter set)', requiresArg: true })
      .option('parameter-sets', { type: 'number', default: 24, describe: 'Parameter sets drawn per query, used in turn', requiresArg: true })
      .option('sample-size', { type: 'number', default: 300, describe: 'Patients regenerated to draw parameters from', requiresArg: true })
      .option('baseline', { type: 'string', describe: 'A previous bench.json: exit 1 when a query regressed (worse plan, >20% more buffers, or a significant >20% slowdown)', requiresArg: true })
      .option('min-regression-ms', { type: 'number', default: DEFAULT_MIN_REGRESSION_MS, describe: 'A slowdown must also be this many ms to count (sub-ms differences are round-trip noise)', requiresArg: true })
      .option('out', { type: 'string', describe: 'Directory to write bench.json, bench.md and report.html into', requiresArg: true })
      .option('force', { type: 'boolean', default: false, describe: '--out may hold other files (kept; only bench.json, bench.md and report.html are replaced)' })
      .option('only', { type: 'string', describe: 'Run only these catalog queries (comma-separated names)', requiresArg: true })
      .option('catalog', { type: 'string', describe: 'Directory of query files (default: bench/queries)', requiresArg: true })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
      .option('mapping', { ...mappingOption, describe: 'Bench your own schema, seeded through this mapping file (with --queries and --session)' })
      .option('queries', { type: 'string', describe: 'With --mapping: your query catalog directory (the bench/queries format)', requiresArg: true })
      .option('session', { type: 'string', describe: 'With --mapping: the SQL your application runs at the start of each transaction (:org_id, :provider_id)', requiresArg: true })
      .group(['iterations', 'concurrency', 'warmup', 'parameter-sets', 'sample-size', 'only', 'catalog'], 'Bench:')
      .group(['out', 'force', 'baseline', 'min-regression-ms'], 'Output:')
      .group(['mapping', 'queries', 'session'], 'Your own schema:')
      .example('$0 bench', 'Bench the embedded database with the data it was seeded with')
      .example('$0 bench --out out/bench --baseline main/bench.json', 'Write bench.json and bench.md; fail on a regression against the baseline')
      .example('$0 bench --mapping examples/supabase/mapping.ts --queries examples/supabase/queries --session examples/supabase/session.sql', 'Bench your own schema under your own RLS')
      .strict() as never,
  handler: async (args) => {
    const own = ownSchemaFiles(args);
    if (own) {
      // the recorded run decides the data, and the catalog is the user's: flags choosing otherwise are refused, not ignored
      if (hasDataFlags(toRunConfigInput(args))) throw new UsageError('--mapping benches the data of the run recorded in medseed.mapped_runs; leave out --profile, --seed and the other data flags');
      if (args.catalog !== undefined) throw new UsageError('--catalog is the reference schema\'s catalog; with --mapping give your queries as --queries DIR');
    }
    if (args.out !== undefined) checkBenchOutputDir(args.out, args.force);
    const numbers = validateBenchNumbers({
      iterations: args.iterations,
      concurrency: args.concurrency,
      warmup: args.warmup,
      parameterSets: args.parameterSets,
      sampleSize: args.sampleSize,
      minRegressionMs: args.minRegressionMs,
    });
    const only = parseOnly(args.only);
    // the catalog, --only and the baseline are checked before any server is started or reached
    const catalogDir = own?.queries ?? args.catalog ?? defaultCatalogDir();
    const queries = selectQueries(loadQueryCatalog(catalogDir), only);
    const mapped = own ? { files: own, session: loadSessionTemplate(own.session), ...(await loadMapping(own.mapping)) } : undefined;
    const baseline = args.baseline === undefined ? undefined : { file: args.baseline, report: readBenchJson(args.baseline) };
    const progress = args.quiet ? undefined : log;
    const database = await resolveDatabase(args.db, progress);
    const client = await connect(database.url, 'medseed-bench');
    let data: { config: RunConfig; seedRunId: number | null; target?: BenchTarget };
    try {
      data = mapped ? { ...(await prepareMappedBench(client, mapped)), seedRunId: null } : await readSeededConfig(client, toRunConfigInput(args), log);
    } finally {
      await client.end();
    }
    const { config } = data;
    progress?.(`Benchmarking ${redactUrl(database.url)}${mapped ? ` through ${mapped.files.mapping}` : ''}: profile ${config.profile.name}, seed ${config.seed}`);
    // Loaded on use: it brings the generators (to regenerate the sample), which other commands never need.
    const { runBench } = await import('../../bench/run-bench.js');
    const report = await runBench({
      url: database.url,
      config,
      seedRunId: data.seedRunId,
      target: data.target,
      queries,
      catalogDir,
      only,
      iterations: numbers.iterations,
      concurrency: numbers.concurrency,
      warmup: numbers.warmup,
      parameterSets: numbers.parameterSets,
      sampleSize: numbers.sampleSize,
      baseline,
      minRegressionMs: numbers.minRegressionMs,
      medseedVersion: packageVersion(),
      log: progress,
    });
    process.stdout.write(formatBenchTable(report));
    if (args.out !== undefined) {
      const written = writeBenchOutput(args.out, report);
      process.stdout.write(`Wrote ${written.json}, ${written.markdown} and ${written.html}\n`);
      if (written.problems.length > 0) {
        process.stderr.write(`Warning: bench.json does not match its documented shape (please report):\n${written.problems.map((p) => `  - ${p}`).join('\n')}\n`);
      }
    }
    if (!report.verdict.pass) args.setExitCode(1);
  },
};
