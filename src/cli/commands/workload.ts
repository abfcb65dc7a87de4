import path from 'node:path';
import type { CommandModule } from 'yargs';
import { defaultCatalogDir, loadQueryCatalog } from '../../bench/catalog/load-query-catalog.js';
import { assertCanBench } from '../../bench/measure/check-database.js';
import { readSeededConfig } from '../../bench/read-seeded-config.js';
import { readBenchJson } from '../../bench/report/validate-bench-json.js';
import { connect } from '../../db/connect.js';
import { redactUrl } from '../../db/redact-url.js';
import { resolveDatabase } from '../../db/resolve-database.js';
import { packageVersion } from '../../package-root.js';
import { resolveCommit } from '../../workload/history/resolve-commit.js';
import { appendHistory, checkHistoryDir, compareWithHistory, DEFAULT_REGRESSION_TOLERANCE, historyEntryOf, readHistory } from '../../workload/history/workload-history.js';
import { DEFAULT_MIX_FILE, loadWorkloadMix, type WorkloadMix } from '../../workload/mix/workload-mix.js';
import { builtInWrites, TASK_FOLLOW_UPS, workloadJournal } from '../../workload/operations/built-in-writes.js';
import { workloadOperations } from '../../workload/operations/workload-operations.js';
import { createWorkloadProgress } from '../../workload/report/format-workload-progress.js';
import { formatWorkloadTable } from '../../workload/report/format-workload-table.js';
import { decideWorkloadVerdict } from '../../workload/report/workload-verdict.js';
import type { WorkloadReport } from '../../workload/report/workload-report.js';
import { checkWorkloadOutputDir, writeWorkloadOutput } from '../../workload/report/write-workload-output.js';
import { rlsOverheadFromBench } from '../../workload/rls-overhead-from-bench.js';
import { undoWorkloadWrites, WorkloadUndoError } from '../../workload/journal/undo-workload-writes.js';
import { parseThresholdFlags, parseUsers, validateWorkloadNumbers } from '../../workload/validate-workload-args.js';
import { abortOnSignal } from '../abort-on-signal.js';
import { dbOption } from '../db-option.js';
import { RuntimeError, UsageError } from '../errors.js';
import { toRunConfigInput, withRunConfigOptions, type RunConfigArgs } from '../run-config-options.js';
import { SIGNAL_EXIT_CODES } from '../signal-exit-codes.js';

interface WorkloadArgs extends RunConfigArgs {
  db?: string;
  users: string;
  duration: number;
  warmup: number;
  ramp: number;
  interval: number;
  thinkTime?: number;
  rate?: number;
  lateAfter: number;
  maxQueue: number;
  statementTimeout: number;
  sampleSize: number;
  catalog?: string;
  mix?: string;
  maxP95?: string | string[];
  maxP99?: string | string[];
  maxErrorRate?: string | string[];
  keepWrites: boolean;
  out?: string;
  force: boolean;
  history?: string;
  label?: string;
  regressionTolerance: number;
  bench?: string;
  undo?: number;
  quiet: boolean;
  setExitCode: (code: number) => void;
}

function withOverrides(mix: WorkloadMix, overrides: ReturnType<typeof parseThresholdFlags>): WorkloadMix {
  const thresholds = { ...mix.thresholds };
  for (const [name, limits] of Object.entries(overrides)) thresholds[name] = { ...thresholds[name]!, ...limits };
  return { ...mix, thresholds };
}

/** --undo RUN: puts back what a kept or killed run wrote, and says how many rows of which tables. */
async function undoRun(args: WorkloadArgs): Promise<void> {
  const runId = args.undo as number;
  if (!Number.isInteger(runId) || runId < 1 || runId > 2_147_483_647) throw new UsageError(`--undo: give a workload run id (an integer >= 1, from medseed verify or medseed.workload_runs), got ${String(runId)}`);
  const database = await resolveDatabase(args.db, (line) => process.stderr.write(`${line}\n`));
  const admin = await connect(database.url, 'medseed-workload');
  try {
    const rows = await undoWorkloadWrites(admin, runId).catch((error: unknown) => {
      throw error instanceof WorkloadUndoError ? new RuntimeError(error.message) : error;
    });
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    process.stdout.write(total === 0 ? `Workload run #${runId} has nothing left to put back.\n` : `Put back ${total} row(s) workload run #${runId} wrote: ${Object.entries(rows).map(([t, n]) => `${n} in ${t}`).join(', ')}.\n`);
  } finally {
    await admin.end();
  }
}

export const workloadCommand: CommandModule<object, WorkloadArgs> = {
  command: 'workload',
  describe: 'Simulate concurrent clinicians and administrators (reads and committed writes, under RLS); report latency percentiles; exit 1 when a budget is broken',
  builder: (yargs) =>
    withRunConfigOptions(yargs)
      .option('profile', { type: 'string', default: undefined, describe: 'Profile the database was seeded with (default: the one medseed.runs records)' })
      .option('seed', { type: 'string', default: undefined, describe: 'Seed the database was seeded with (default: the one medseed.runs records)' })
      .option('db', dbOption)
      .option('users', { type: 'string', default: '16', describe: 'Simulated users, each on its own connection; a list (1,8,32,64) runs a sweep', requiresArg: true })
      .option('duration', { type: 'number', default: 30, describe: 'Measured seconds per stage', requiresArg: true })
      .option('warmup', { type: 'number', default: 5, describe: 'Seconds run after the ramp and left out of the figures', requiresArg: true })
      .option('ramp', { type: 'number', default: 5, describe: 'Seconds over which users start (open loop: the rate rises)', requiresArg: true })
      .option('interval', { type: 'number', default: 1, describe: 'Seconds per point of the time series', requiresArg: true })
      .option('think-time', { type: 'number', describe: 'Closed loop: mean pause between a user\'s operations, ms (exponential; default: the mix file\'s)', requiresArg: true })
      .option('rate', { type: 'number', describe: 'Open loop: operations arriving per second (Poisson), whatever the latency', requiresArg: true })
      .option('late-after', { type: 'number', default: 10, describe: 'Open loop: an operation starting this many ms after its arrival is counted late', requiresArg: true })
      .option('max-queue', { type: 'number', default: 10_000, describe: 'Open loop: an arrival waiting this many ms is dropped', requiresArg: true })
      .option('statement-timeout', { type: 'number', default: 30_000, describe: 'statement_timeout of every operation, ms', requiresArg: true })
      .option('sample-size', { type: 'number', default: 1000, describe: 'Patients regenerated to draw users and parameters from', requiresArg: true })
      .option('catalog', { type: 'string', describe: 'Query catalog directory (default: bench/queries)', requiresArg: true })
      .option('mix', { type: 'string', describe: `Workload mix file (default: ${DEFAULT_MIX_FILE} in the catalog)`, requiresArg: true })
      .option('max-p95', { type: 'string', describe: 'Budget: name=ms (comma-separated or repeated), over the catalog\'s and the mix\'s', requiresArg: true })
      .option('max-p99', { type: 'string', describe: 'Budget: name=ms', requiresArg: true })
      .option('max-error-rate', { type: 'string', describe: 'Budget: [name=]rate 0..1 of failed operations', requiresArg: true })
      .option('keep-writes', { type: 'boolean', default: false, describe: 'Keep the rows the writes committed (the run and verify say the data changed) instead of putting them back' })
      .option('out', { type: 'string', describe: 'Directory to write workload.json (and the HTML report and CSV) into', requiresArg: true })
      .option('force', { type: 'boolean', default: false, describe: '--out may hold other files (kept; only workload\'s own files are replaced)' })
      .option('history', { type: 'string', describe: 'Directory of history.jsonl: append this run, compare each p95 with earlier runs', requiresArg: true })
      .option('label', { type: 'string', describe: 'With --history: what this run is (default: the commit, from MEDSEED_COMMIT, GITHUB_SHA or git)', requiresArg: true })
      .option('regression-tolerance', { type: 'number', default: DEFAULT_REGRESSION_TOLERANCE, describe: 'With --history: a p95 this much above the median of earlier runs fails (0.2 = 20%)', requiresArg: true })
      .option('bench', { type: 'string', describe: 'A bench.json whose RLS overhead per query the report shows', requiresArg: true })
      .option('undo', { type: 'number', describe: 'Put back the writes of workload run RUN (kept with --keep-writes, or left by a killed run), then exit', requiresArg: true })
      .option('quiet', { type: 'boolean', default: false, describe: 'No progress on stderr' })
      .group(['users', 'duration', 'warmup', 'ramp', 'interval', 'think-time', 'rate', 'late-after', 'max-queue', 'statement-timeout', 'sample-size', 'catalog', 'mix'], 'Workload:')
      .group(['max-p95', 'max-p99', 'max-error-rate', 'keep-writes', 'undo'], 'Budgets and data:')
      .group(['out', 'force', 'history', 'label', 'regression-tolerance', 'bench'], 'Output:')
      .example('$0 workload', '16 users for 30 s on the embedded database, as it was seeded')
      .example('$0 workload --users 1,8,32,64 --duration 60 --out out/workload', 'A sweep, with report.html')
      .example('$0 workload --rate 200 --users 32 --history perf-history', 'Open loop at 200 operations/s; compare with earlier runs')
      .strict() as never,
  handler: async (args) => {
    if (args.undo !== undefined) return undoRun(args);
    // every flag, file and destination is checked before a server is started or reached
    const users = parseUsers(args.users);
    const numbers = validateWorkloadNumbers({
      durationS: args.duration,
      warmupS: args.warmup,
      rampS: args.ramp,
      intervalS: args.interval,
      thinkTimeMs: args.thinkTime,
      rate: args.rate,
      lateAfterMs: args.lateAfter,
      maxQueueMs: args.maxQueue,
      statementTimeoutMs: args.statementTimeout,
      sampleSize: args.sampleSize,
    });
    if (args.rate !== undefined && args.thinkTime !== undefined) throw new UsageError('--think-time is for the closed loop and --rate for the open loop; give one of them');
    if (!(args.regressionTolerance >= 0 && args.regressionTolerance <= 10)) throw new UsageError(`--regression-tolerance: must be a number from 0 to 10, got ${String(args.regressionTolerance)}`);
    if (args.label !== undefined && args.history === undefined) throw new UsageError('--label names a run in the history: give --history DIR too');
    const catalogDir = args.catalog ?? defaultCatalogDir();
    const writes = builtInWrites();
    const operations = workloadOperations(loadQueryCatalog(catalogDir), writes);
    const overrides = parseThresholdFlags(args, [...operations.keys()]);
    const mix = withOverrides(loadWorkloadMix(args.mix ?? path.join(catalogDir, DEFAULT_MIX_FILE), operations), overrides);
    if (args.out !== undefined) checkWorkloadOutputDir(args.out, args.force);
    if (args.history !== undefined) checkHistoryDir(args.history);
    const rlsOverhead = args.bench === undefined ? null : rlsOverheadFromBench(args.bench, readBenchJson(args.bench));

    const progress = createWorkloadProgress(process.stderr, args.quiet);
    const database = await resolveDatabase(args.db, (line) => progress.line(line));
    const client = await connect(database.url, 'medseed-workload');
    let seeded: Awaited<ReturnType<typeof readSeededConfig>>;
    try {
      await assertCanBench(client);
      seeded = await readSeededConfig(client, toRunConfigInput(args), (line) => progress.line(line));
    } finally {
      await client.end();
    }
    progress.line(`Workload on ${redactUrl(database.url)}: profile ${seeded.config.profile.name}, seed ${seeded.config.seed}`);

    // Loaded on use: the runner brings the generators and the histograms, which other commands never need.
    const { runWorkload } = await import('../../workload/run/run-workload.js');
    // The first Ctrl-C ends the stage at once and still puts the writes back; a second one kills.
    const interrupt = abortOnSignal((signal) => progress.line(`${signal} received: stopping the workload and putting its writes back (again to quit at once).`));
    let run: Awaited<ReturnType<typeof runWorkload>>;
    try {
      run = await runWorkload({
        url: database.url,
        config: seeded.config,
        seedRunId: seeded.seedRunId,
        catalogDir,
        mix,
        operations,
        followUps: TASK_FOLLOW_UPS,
        journal: workloadJournal,
        users,
        rate: numbers.rate ?? null,
        durationS: numbers.durationS,
        warmupS: numbers.warmupS,
        rampS: numbers.rampS,
        thinkTimeMs: numbers.thinkTimeMs ?? mix.thinkTimeMs,
        intervalS: numbers.intervalS,
        lateAfterMs: numbers.lateAfterMs,
        maxQueueMs: numbers.maxQueueMs,
        statementTimeoutMs: numbers.statementTimeoutMs,
        sampleSize: numbers.sampleSize,
        keepWrites: args.keepWrites,
        rlsOverhead,
        medseedVersion: packageVersion(),
        signal: interrupt.signal,
        log: (line) => progress.line(line),
        onInterval: (stage, count, point, soFar) => progress.interval(stage, users.length, count, point, soFar),
      });
    } finally {
      interrupt.dispose();
    }
    const { status, ...figures } = run;
    const interrupted = status === 'interrupted';
    let history: WorkloadReport['history'] = null;
    let regressions: string[] = [];
    const last = figures.stages[figures.stages.length - 1];
    if (args.history !== undefined && last && !interrupted) {
      const entry = historyEntryOf(
        {
          startedAt: figures.startedAt,
          commit: resolveCommit(),
          label: args.label ?? null,
          medseedVersion: figures.medseedVersion,
          profile: figures.data.profile,
          seed: figures.data.seed,
          server: figures.environment.serverVersion,
          settings: figures.environment.settings,
        },
        last,
      );
      const compared = compareWithHistory(args.history, readHistory(args.history), entry, args.regressionTolerance);
      history = compared.section;
      regressions = compared.regressions;
      appendHistory(args.history, entry);
    }
    const report: WorkloadReport = { ...figures, history, verdict: decideWorkloadVerdict(figures.stages, regressions, interrupted) };
    process.stdout.write(formatWorkloadTable(report));
    if (args.out !== undefined) process.stdout.write(`Wrote ${writeWorkloadOutput(args.out, report).join(', ')}\n`);
    if (report.writes.mode === 'kept' && !args.keepWrites) throw new RuntimeError(report.writes.message);
    if (interrupted) args.setExitCode(SIGNAL_EXIT_CODES[String(interrupt.signal.reason)] ?? 130);
    else if (!report.verdict.passed) args.setExitCode(1);
  },
};
