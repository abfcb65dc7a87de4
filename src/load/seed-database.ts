import type pg from 'pg';
import { UsageError } from '../cli/errors.js';
import type { RunConfig } from '../config/resolve-run-config.js';
import { cancelOwnBackends, connect, ownBackendPids, connectionLoss } from '../db/connect.js';
import { applyLeakproofSearchChoice } from '../db/leakproof-search.js';
import { startLockWaitWatcher, type LockWaitWatcher } from '../db/lock-wait-watcher.js';
import { DEFAULT_LOCK_TIMEOUT_SECONDS, isLockTimeout, withLockTimeout } from '../db/lock-timeout.js';
import { applyMigrations, hasPendingMigrations } from '../db/migrations/apply-migrations.js';
import { redactSecrets } from '../db/redact-url.js';
import { DIRECTORY_TABLES, generateChunks, returnChunk } from '../runner/generate-chunks.js';
import { untilSent } from '../runner/until-sent.js';
import { memoryLog } from '../runner/memory-log.js';
import { createManifest, type Manifest } from '../sinks/manifest.js';
import { createTableDigests } from '../sinks/table-digests.js';
import { TABLE_NAMES, TABLE_SPECS, type TableName } from '../tables/table-specs.js';
import { applyPostLoad } from './post-load.js';
import { PostLoadError } from './post-load-error.js';
import { assertCanBulkLoad, prepareTables, refuseLoadedTables } from './prepare-tables.js';
import { LockTimeoutError } from '../db/lock-timeout-error.js';
import { acquireLoaderLock } from './run-lock.js';
import { latestRun, recordRunEnd, recordRunPhase, recordRunStart, type RunSummaryRow } from './run-record.js';
import { settleDeadRuns, type AbandonedRun } from './settle-dead-runs.js';
import { startTableCopy, type TableCopy } from './table-copy.js';
import { postLoadObjects } from './post-load-objects.js';
import { readLoadSettings } from './load-settings.js';
import { watchIndexBuilds, type IndexBuildTime, type IndexBuildWatch } from './watch-index-builds.js';

/** 'prepare' is the emptiness check and, with --reset, the truncation, before anything is loaded. */
export const SEED_PHASES = ['migrate', 'prepare', 'generate+copy', 'indexes', 'analyze'] as const;
export type SeedPhase = (typeof SEED_PHASES)[number];

export interface SeedOptions {
  readonly url: string;
  readonly config: RunConfig;
  readonly workers: number;
  readonly batchSize: number;
  readonly reset: boolean;
  readonly vacuum: boolean;
  /** Index builds at once after the load. */
  readonly indexConcurrency: number;
  /** Aborting (its reason names the signal, e.g. 'SIGINT') cancels our statements and fails the run as interrupted. */
  readonly signal?: AbortSignal;
  /** Seconds any statement may wait for a lock (0 = forever). Default DEFAULT_LOCK_TIMEOUT_SECONDS. */
  readonly lockTimeoutSeconds?: number;
  /** A statement has waited for a lock for a while: what it waits for and who holds it. */
  readonly onLockWait?: (line: string) => void;
  /** Earlier runs found dead (their loader gone) and now marked abandoned. */
  readonly onAbandoned?: (runs: readonly AbandonedRun[]) => void;
  readonly onPhase?: (phase: SeedPhase) => void;
  /** A line every second during the index phase: how many are built, what each running build is doing. */
  readonly onIndexProgress?: (line: string) => void;
  /** Session settings for the index-building connections (e.g. SET maintenance_work_mem = '2GB'). */
  readonly indexSessionSettings?: readonly string[];
  readonly onRows?: (rows: Record<TableName, number>, patients: number) => void;
  readonly log?: (line: string) => void;
  /** --leakproof-search (true) / --no-leakproof-search (false); left out, the server's setting stays. */
  readonly leakproofSearch?: boolean;
  /** Told once about retired migrations this database recorded (see applyMigrations). */
  readonly onNotice?: (text: string) => void;
  /** Told what a failed previous run left in medseed's tables, and what this run does about it. */
  readonly onFailedPrevious?: (line: string) => void;
}

export interface SeedSummary {
  readonly runId: number;
  readonly manifest: Manifest;
  /** Seconds per phase and in total. */
  readonly timings: Record<SeedPhase | 'total', number>;
  readonly rowsPerSecond: number;
  readonly megabytesPerSecond: number;
  /** Peak resident memory of this process (all worker threads included). */
  readonly peakRssMegabytes: number;
  /** Every index build, slowest first. */
  readonly indexBuilds: readonly IndexBuildTime[];
}

/** What became of a failed run's record: only this may be claimed about it. */
export type FailureRecord =
  /** The failure came before the run was recorded (migrate, or the checks of prepare). */
  | { readonly runId: undefined }
  | { readonly runId: number; readonly recorded: true }
  /** medseed.runs still says 'running'; the next seed, verify or bench marks it abandoned. */
  | { readonly runId: number; readonly recorded: false; readonly reason: string };

/** A seed failure that names the phase and, when known, the table, keeping the server's error as cause. */
export class SeedError extends Error {
  override readonly name = 'SeedError';
  /** Set once the loader has tried to record the failure. */
  record: FailureRecord = { runId: undefined };
  /**
   * The failure came before any table's COPY was told to commit, and every COPY was rolled back:
   * medseed's tables hold none of this run's rows, so the same command can simply run again.
   */
  copiesRolledBack = false;
  constructor(
    readonly phase: SeedPhase,
    readonly table: string | undefined,
    cause: unknown,
    /** The signal that interrupted the run, if one did. */
    readonly interrupted?: string,
  ) {
    const server = cause instanceof Error ? cause.message : String(cause);
    super(`seed failed during ${phase}${table ? ` on table ${table}` : ''}: ${server}`, { cause });
  }
}

/**
 * Streams every table at once, one frozen COPY per table (COPY FREEZE needs the table truncated in
 * the COPY's own transaction, so a table cannot be split over several streams). Each table commits
 * on its own; a failure aborts every stream, and the run is recorded failed, so a reset reloads.
 */
async function loadTables(options: SeedOptions, digests: ReturnType<typeof createTableDigests>): Promise<void> {
  const { url, config } = options;
  const clients: pg.Client[] = [];
  const copies = new Map<TableName, TableCopy>();
  let failure: SeedError | undefined;
  let committing = false;
  try {
    for (const spec of TABLE_SPECS) {
      const client = await connect(url, `medseed-copy-${spec.name}`);
      clients.push(client);
      const copy = startTableCopy(client, spec);
      copy.done.catch((error: unknown) => {
        failure ??= new SeedError('generate+copy', spec.name, error);
      });
      copies.set(spec.name, copy);
    }
    const streams = [...copies.values()];
    const chunks = generateChunks(config, { workers: options.workers, batchSize: options.batchSize, format: 'copy', lean: true, returnsChunks: true });
    for await (const chunk of chunks) {
      if (options.signal?.aborted) throw new SeedError('generate+copy', undefined, new Error('interrupted (signal received)'));
      if (failure) throw failure;
      for (const table of TABLE_NAMES) digests.update(table, chunk.data[table], chunk.rows[table]);
      // Every table's share of the chunk at once: awaiting one table's drain before writing the
      // next left each backend idle while another parsed, which serialised the whole load.
      const writes = Promise.all(TABLE_NAMES.map((table) => copies.get(table)!.write(chunk.data[table])));
      memoryLog.gauge('copy queued', streams.reduce((sum, copy) => sum + copy.queuedBytes, 0));
      await writes;
      // The chunk's arena goes back to its worker once the kernel has all its bytes; see untilSent.
      if (await untilSent(streams, () => failure !== undefined || options.signal?.aborted === true)) returnChunk(chunk);
      if (failure) throw failure;
      // No rows come for the directory after its chunk; see TableCopy.finish.
      if (chunk.rows.patients === 0) for (const table of DIRECTORY_TABLES) copies.get(table)!.finish();
      options.onRows?.(chunk.rows, chunk.rows.patients);
    }
    committing = true;
    for (const [table, copy] of copies) {
      try {
        await copy.end();
      } catch (error) {
        throw failure ?? new SeedError('generate+copy', table, error);
      }
    }
  } catch (error) {
    const reason = failure ?? (error instanceof SeedError ? error : new SeedError('generate+copy', undefined, error));
    for (const copy of copies.values()) copy.abort(reason);
    await Promise.allSettled([...copies.values()].map((copy) => copy.done));
    // A COMMIT is sent only by end() (a table finished early still waits for it); before that, an
    // aborted COPY (or a lost connection) leaves nothing behind.
    reason.copiesRolledBack = !committing;
    throw reason;
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

/**
 * Takes a database to a fully seeded state: migrations, parallel streaming COPY of every table,
 * post-load indexes and constraints, ANALYZE. Each run is recorded in medseed.runs with the phase it
 * is in; the loader holds the run's advisory lock for its whole life, so a run whose loader died is
 * recognised (and marked abandoned) by the next seed, verify or bench. A failure is recorded when
 * the server lets us, and SeedError.record says whether it was.
 */
export async function seedDatabase(options: SeedOptions): Promise<SeedSummary> {
  const lockTimeoutSeconds = options.lockTimeoutSeconds ?? DEFAULT_LOCK_TIMEOUT_SECONDS;
  const url = withLockTimeout(options.url, lockTimeoutSeconds);
  const timings: Record<SeedPhase | 'total', number> = { migrate: 0, prepare: 0, 'generate+copy': 0, indexes: 0, analyze: 0, total: 0 };
  const started = performance.now();
  let phaseStarted = started;
  let phase: SeedPhase = 'migrate';
  let runId: number | undefined;
  options.onPhase?.('migrate');
  const admin = await connect(url, 'medseed-seed');
  const enter = async (next: SeedPhase) => {
    timings[phase] = (performance.now() - phaseStarted) / 1000;
    phase = next;
    phaseStarted = performance.now();
    // Recorded before it is announced, so whoever reads medseed.runs after seeing the line finds it.
    if (runId !== undefined) await recordRunPhase(admin, runId, next);
    options.onPhase?.(next);
  };
  let monitor: pg.Client | undefined;
  let watcher: LockWaitWatcher | undefined;
  let indexWatch: IndexBuildWatch | undefined;
  // Interrupted: cancel whatever our backends run (an index build can take minutes), so the failure
  // surfaces at once and is recorded while the process is still ours.
  const onAbort = () => {
    if (monitor) cancelOwnBackends(monitor);
  };
  try {
    monitor = await connect(options.url, 'medseed-monitor');
    watcher = startLockWaitWatcher(monitor, { pids: ownBackendPids, report: (line) => options.onLockWait?.(line), lockTimeoutSeconds });
    options.signal?.addEventListener('abort', onAbort, { once: true });
    if (options.signal?.aborted) throw new Error('interrupted before it started');
    await assertCanBulkLoad(admin);
    await acquireLoaderLock(admin);
    // A pending migration may change a loaded database (0007 moves keys into the post-load step),
    // so a seed that will refuse it must refuse before migrating (after saying which runs died,
    // so the refusal names the last run truthfully).
    const settle = async () => {
      const abandoned = await settleDeadRuns(admin);
      if (abandoned.length > 0) options.onAbandoned?.(abandoned);
    };
    if (await hasPendingMigrations(admin, 'schema')) {
      await settle();
      await refuseLoadedTables(admin, options.reset);
    }
    await applyMigrations(admin, { upTo: 'schema', onNotice: options.onNotice });
    await settle();
    await enter('prepare');
    const startRun = async () =>
      recordRunStart(admin, options.config, 'prepare', {
        ...(await applyLeakproofSearchChoice(admin, options.leakproofSearch)),
        load: await readLoadSettings(admin, options.indexSessionSettings ?? [], options.indexConcurrency),
      });
    // --reset truncates: record the run first, so a failure from here on is never invisible. Without
    // it, prepare only checks (and refuses a non-empty database) until the run is recorded.
    const previous = await latestRun(admin);
    if (options.reset) runId = await startRun();
    const { truncated } = await prepareTables(admin, options.reset);
    if (previous?.status === 'failed') options.onFailedPrevious?.(describeFailedPrevious(previous, truncated));
    runId ??= await startRun();
    const digests = createTableDigests();
    await enter('generate+copy');
    await loadTables({ ...options, url }, digests);
    await enter('indexes');
    const indexCount = postLoadObjects().filter((object) => object.kind === 'index').length;
    indexWatch = watchIndexBuilds(monitor, indexCount, (line) => options.onIndexProgress?.(line));
    await applyPostLoad(admin, url, {
      concurrency: options.indexConcurrency,
      sessionSettings: options.indexSessionSettings,
      observer: indexWatch.observer,
      onStatement: (statement, seconds) => options.log?.(`  ${seconds.toFixed(2)} s  ${statement.split('\n')[0]!.slice(0, 100)}`),
    });
    indexWatch.stop();
    await enter('analyze');
    for (const table of TABLE_NAMES) {
      await admin.query(options.vacuum ? `VACUUM (FREEZE, ANALYZE) public.${table}` : `ANALYZE public.${table}`);
    }
    timings.analyze = (performance.now() - phaseStarted) / 1000;
    timings.total = (performance.now() - started) / 1000;
    const manifest = createManifest(options.config, 'copy', digests.finish());
    await recordRunEnd(admin, runId, { status: 'succeeded', manifest, timings });
    const bytes = Object.values(manifest.tables).reduce((sum, t) => sum + t.bytes, 0);
    return {
      runId,
      manifest,
      timings,
      rowsPerSecond: manifest.totalRows / timings.total,
      megabytesPerSecond: bytes / 1e6 / timings.total,
      peakRssMegabytes: process.resourceUsage().maxRSS / 1024,
      indexBuilds: indexWatch.times().sort((a, b) => b.seconds - a.seconds),
    };
  } catch (error) {
    // A refusal (live loader, non-empty database, missing privilege) changed nothing: no run to record.
    if (error instanceof UsageError && runId === undefined) throw error;
    // our own connection died while idle: its next query only says "not queryable", the loss says why
    const lost = connectionLoss(admin);
    const cause = lost !== undefined && /not queryable/.test(error instanceof Error ? error.message : '') ? lost : error;
    const failure = toSeedError(cause, phase, options.signal, watcher?.lastWait(), lockTimeoutSeconds);
    timings[phase] = (performance.now() - phaseStarted) / 1000;
    if (runId !== undefined) failure.record = await markFailed(options.url, admin, runId, failure, timings);
    throw failure;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    indexWatch?.stop();
    await watcher?.stop();
    await monitor?.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}

/** Names the phase, the table and the real cause: an interrupt, a lock timeout with its holder, or the server's error. */
function toSeedError(
  error: unknown,
  phase: SeedPhase,
  signal: AbortSignal | undefined,
  wait: ReturnType<LockWaitWatcher['lastWait']>,
  lockTimeoutSeconds: number,
): SeedError {
  const known = error instanceof SeedError ? error : undefined;
  const cause = known ? known.cause : error;
  const keepingRollback = (named: SeedError) => {
    named.copiesRolledBack = known?.copiesRolledBack ?? false;
    return named;
  };
  if (signal?.aborted) {
    const name = String(signal.reason ?? 'a signal');
    return keepingRollback(new SeedError(known?.phase ?? phase, known?.table, new Error(`interrupted by ${name}`, { cause }), name));
  }
  if (isLockTimeout(cause)) {
    return keepingRollback(new SeedError(known?.phase ?? phase, known?.table ?? wait?.table, new LockTimeoutError(lockTimeoutSeconds, wait, cause)));
  }
  return known ?? new SeedError(phase, tableOf(error), error);
}

/** The table an error names: PostgreSQL sets `table` on constraint and data errors, and so may a wrapper. */
function tableOf(error: unknown): string | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    if (current instanceof PostLoadError) return current.object.table;
    const table = (current as { table?: unknown }).table;
    if (typeof table === 'string' && table !== '') return table;
  }
  return undefined;
}

/**
 * Records the failure, on a fresh connection if the server dropped ours, and reports whether it
 * could: a message must never claim a record that is not there.
 */
async function markFailed(url: string, admin: pg.Client, runId: number, failure: SeedError, timings: object): Promise<FailureRecord> {
  const outcome = { status: 'failed' as const, timings, error: failure.message, phase: failure.phase, ...(failure.table ? { failedTable: failure.table } : {}) };
  const notRunning = { runId, recorded: false as const, reason: `run #${runId} had already ended` };
  let reason: unknown;
  try {
    return (await recordRunEnd(admin, runId, outcome)) ? { runId, recorded: true } : notRunning;
  } catch (error) {
    reason = error; // the admin connection may be the one that died
  }
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      const client = await connect(url, 'medseed-seed');
      try {
        return (await recordRunEnd(client, runId, outcome)) ? { runId, recorded: true } : notRunning;
      } finally {
        await client.end().catch(() => undefined);
      }
    } catch (error) {
      reason = error;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
  // The first sentence says it ("cannot reach PostgreSQL at ... (ECONNREFUSED)"); the rest is advice for another situation.
  const text = reason instanceof Error ? reason.message : String(reason);
  return { runId, recorded: false, reason: redactSecrets(text.split(/\.\s/)[0]!) };
}

/**
 * What a failed previous run left: a load that failed before its COPY streams committed leaves no
 * rows (each table's COPY rolls back), and prepare only gets here with rows under --reset.
 */
function describeFailedPrevious(run: RunSummaryRow, truncated: boolean): string {
  const failed = `Run #${run.id} had failed${run.phase ? ` during ${run.phase}` : ''}`;
  return truncated
    ? `${failed}; --reset truncated the rows left in medseed's tables.`
    : `${failed} and left no rows in medseed's tables (its COPY rolled back); loading again.`;
}
