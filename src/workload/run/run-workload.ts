import os from 'node:os';
import type pg from 'pg';
import type { QuerySpec } from '../../bench/catalog/query-spec.js';
import { captureSample } from '../../bench/params/capture-sample.js';
import type { RunConfig } from '../../config/resolve-run-config.js';
import { connect } from '../../db/connect.js';
import { readServerSettings } from '../../db/read-server-settings.js';
import { redactUrl } from '../../db/redact-url.js';
import { createWorldFor } from '../../runner/create-world-for.js';
import { GENERATOR_VERSION } from '../../version.js';
import type { WorkloadMix } from '../mix/workload-mix.js';
import { readUserScopes } from '../operations/user-scope.js';
import type { WorkloadOperation } from '../operations/workload-operation.js';
import { findBend, sweepPoints } from '../report/find-bend.js';
import { summarizeStage } from '../report/summarize-stage.js';
import { WORKLOAD_FORMAT, type IntervalPoint, type RlsOverheadSection, type StageResult, type WorkloadReport, type WritesSection } from '../report/workload-report.js';
import { drawUsers } from '../users/draw-users.js';
import type { FollowUp } from './next-operation.js';
import { runStage, type MeasuredSoFar } from './run-stage.js';
import type { WorkloadJournal, WorkloadRunStatus } from './workload-journal.js';

/** Server settings a workload's figures depend on, recorded in the report and the history. */
const SETTINGS = ['server_version', 'shared_buffers', 'work_mem', 'effective_cache_size', 'max_connections', 'max_parallel_workers_per_gather', 'jit', 'synchronous_commit', 'fsync', 'wal_level', 'random_page_cost'];

export interface WorkloadOptions {
  readonly url: string;
  readonly config: RunConfig;
  readonly seedRunId: number | null;
  readonly catalogDir: string;
  readonly mix: WorkloadMix;
  /** Every operation the mix may name: the catalog's reads and the built-in writes. */
  readonly operations: ReadonlyMap<string, WorkloadOperation>;
  readonly followUps: readonly FollowUp[];
  readonly journal: WorkloadJournal;
  /** Users per stage: one stage, or a sweep. */
  readonly users: readonly number[];
  readonly rate: number | null;
  readonly durationS: number;
  readonly warmupS: number;
  readonly rampS: number;
  readonly thinkTimeMs: number;
  readonly intervalS: number;
  readonly lateAfterMs: number;
  readonly maxQueueMs: number;
  readonly statementTimeoutMs: number;
  readonly sampleSize: number;
  /** Leave the written rows in place (the report and verify say so) instead of putting them back. */
  readonly keepWrites: boolean;
  readonly rlsOverhead: RlsOverheadSection | null;
  readonly medseedVersion: string;
  readonly signal: AbortSignal;
  readonly log: (line: string) => void;
  readonly onInterval?: ((stage: number, users: number, point: IntervalPoint, soFar: MeasuredSoFar) => void) | undefined;
}

/** The report without history and verdict, which the caller adds (the history lives in files). */
export type WorkloadRun = Omit<WorkloadReport, 'history' | 'verdict'> & { readonly status: WorkloadRunStatus };

function mixUsesWrites(options: WorkloadOptions): boolean {
  return Object.values(options.mix.weights).some((ops) => ops.some((o) => options.operations.get(o.name)?.kind === 'write'));
}

/**
 * Runs the workload: repairs what a killed earlier run left, draws the users of each stage from
 * the regenerated sample, runs the stages in turn, then puts back every row the writes committed
 * (unless told to keep them) and records how the run ended. Interrupting (the signal) ends the
 * current stage at once; the writes are still put back.
 */
export async function runWorkload(options: WorkloadOptions): Promise<WorkloadRun> {
  const { log } = options;
  const startedAt = new Date().toISOString();
  const admin = await connect(options.url, 'medseed-workload');
  let runId: number | null = null;
  let status: WorkloadRunStatus = 'failed';
  let writes: WritesSection = { mode: 'none', runId: null, rows: {}, message: 'The mix has no writes: the data was only read.' };
  const stages: StageResult[] = [];
  let environment: WorkloadRun['environment'];
  try {
    const writing = mixUsesWrites(options);
    if (writing) {
      for (const line of await options.journal.repairUnfinished(admin)) log(line);
      runId = await options.journal.begin(admin, { users: options.users, rate: options.rate, durationS: options.durationS, mix: options.mix.file, keepWrites: options.keepWrites });
    }
    environment = {
      serverVersion: ((await admin.query<{ version: string }>('SELECT version()')).rows[0] as { version: string }).version,
      settings: await readServerSettings(admin, SETTINGS),
      cpus: os.cpus().length,
      node: process.version,
    };
    const drawStarted = performance.now();
    const sample = captureSample(createWorldFor(options.config), options.sampleSize);
    log(`Regenerated ${sample.patients.length} patients to draw users and parameters from (${((performance.now() - drawStarted) / 1000).toFixed(1)} s)`);
    for (const [index, count] of options.users.entries()) {
      if (options.signal.aborted) break;
      const users = drawUsers(sample, count, options.mix, options.operations);
      const scopes = await readUserScopes(admin, users);
      const admins = users.filter((u) => u.role === 'administrator').length;
      log(`Stage ${index + 1}/${options.users.length}: ${count} users (${count - admins} clinicians, ${admins} administrators), ${options.rate === null ? `closed loop, think time ${options.thinkTimeMs} ms` : `open loop at ${options.rate} operations/s`}; ramp ${options.rampS} s, warm-up ${options.warmupS} s, measured ${options.durationS} s`);
      const run = await runStage(
        { users, scopes, rate: options.rate, thinkTimeMs: options.thinkTimeMs, intervalS: options.intervalS, lateAfterMs: options.lateAfterMs, maxQueueMs: options.maxQueueMs, rampS: options.rampS, warmupS: options.warmupS, durationS: options.durationS },
        {
          url: options.url,
          operations: options.operations,
          followUps: options.followUps,
          runId: runId ?? 0,
          statementTimeoutMs: options.statementTimeoutMs,
          seedKey: `${options.config.seed}|${GENERATOR_VERSION}`,
          signal: options.signal,
          onInterval: (point, soFar) => options.onInterval?.(index, count, point, soFar),
        },
      );
      stages.push(summarizeStage(count, options.rate, run, options.operations, options.mix.thresholds));
    }
    status = options.signal.aborted ? 'interrupted' : 'succeeded';
  } finally {
    if (runId !== null) writes = await settleWrites(admin, options, runId, status);
    await admin.end().catch(() => undefined);
  }
  const points = sweepPoints(stages);
  return {
    format: WORKLOAD_FORMAT,
    medseedVersion: options.medseedVersion,
    startedAt,
    finishedAt: new Date().toISOString(),
    options: {
      users: options.users,
      rate: options.rate,
      durationS: options.durationS,
      warmupS: options.warmupS,
      rampS: options.rampS,
      thinkTimeMs: options.thinkTimeMs,
      intervalS: options.intervalS,
      lateAfterMs: options.lateAfterMs,
      catalog: options.catalogDir,
      mix: options.mix.file,
      administratorsShare: options.mix.administratorsShare,
    },
    data: { profile: options.config.profile.name, seed: options.config.seed, generatorVersion: GENERATOR_VERSION, seedRunId: options.seedRunId },
    database: redactUrl(options.url),
    environment,
    stages,
    sweep: { points, bend: findBend(points) },
    rlsOverhead: options.rlsOverhead,
    writes,
    status,
  };
}

/** Puts the run's writes back (or keeps them when asked) and records how the run ended; says plainly which. */
async function settleWrites(admin: pg.Client, options: WorkloadOptions, runId: number, status: WorkloadRunStatus): Promise<WritesSection> {
  try {
    if (options.keepWrites) {
      const rows = await options.journal.written(admin, runId);
      await options.journal.finish(admin, runId, status, true);
      const total = Object.values(rows).reduce((a, b) => a + b, 0);
      return { mode: 'kept', runId, rows, message: `The run changed the data: it kept ${total} written row(s) (${describeRows(rows)}); medseed verify reports these tables until "medseed workload --undo ${runId}" puts them back.` };
    }
    const rows = await options.journal.undo(admin, runId);
    await options.journal.finish(admin, runId, status, false);
    const total = Object.values(rows).reduce((a, b) => a + b, 0);
    return { mode: 'undone', runId, rows, message: `Every row the run wrote was put back (${total}: ${describeRows(rows)}); the data is as it was before the run.` };
  } catch (error) {
    return { mode: 'kept', runId, rows: {}, message: `Putting back the writes of workload run #${runId} failed (${(error as Error).message}): the data changed. The next medseed workload run repairs it, or run "medseed workload --undo ${runId}".` };
  }
}

function describeRows(rows: Readonly<Record<string, number>>): string {
  const parts = Object.entries(rows).filter(([, n]) => n > 0).map(([table, n]) => `${n} in ${table}`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

export type { QuerySpec };
