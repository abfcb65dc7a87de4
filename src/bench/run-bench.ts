import pg from 'pg';
import type { RunConfig } from '../config/resolve-run-config.js';
import { connect } from '../db/connect.js';
import { redactUrl } from '../db/redact-url.js';
import { createWorldFor } from '../runner/create-world-for.js';
import { GENERATOR_VERSION } from '../version.js';
import { benchQuery } from './bench-query.js';
import { confirmLatencyRegressions } from './compare/confirm-latency-regressions.js';
import type { QuerySpec } from './catalog/query-spec.js';
import type { BenchTarget, DrawnSets } from './bench-target.js';
import { INTERLEAVE_ROUND } from './measure/measure-interleaved.js';
import { diffStatStatements, ensureStatStatements, snapshotStatStatements, type StatSnapshot, type StatStatementsStatus } from './measure/stat-statements.js';
import { attachStatStatements } from './report/attach-stat-statements.js';
import { captureSample } from './params/capture-sample.js';
import type { DrawKind } from './params/draw-kinds.js';
import { drawParameterSets, DrawError } from './params/draw-parameter-sets.js';
import type { ParameterSet } from './params/parameter-set.js';
import { BENCH_FORMAT, type BenchReport, type QueryResult } from './report/bench-report.js';
import { compareBaseline, DEFAULT_MIN_REGRESSION_MS } from './report/compare-baseline.js';
import { decideVerdict } from './report/decide-verdict.js';
import { referenceTarget } from './reference-target.js';

export interface BenchOptions {
  readonly url: string;
  readonly config: RunConfig;
  readonly seedRunId: number | null;
  /** The validated catalog queries to run (see loadQueryCatalog, selectQueries). */
  readonly queries: readonly QuerySpec[];
  /** Recorded in the report: where the catalog came from and what --only selected. */
  readonly catalogDir: string;
  readonly only?: readonly string[] | undefined;
  readonly iterations: number;
  readonly concurrency: number;
  /** Unmeasured executions per query and mode; default one per parameter set. */
  readonly warmup?: number | undefined;
  readonly parameterSets: number;
  readonly sampleSize: number;
  readonly baseline?: { readonly file: string; readonly report: BenchReport } | undefined;
  readonly minRegressionMs?: number | undefined;
  readonly medseedVersion: string;
  readonly log?: ((line: string) => void) | undefined;
  /** The schema benched; default medseed's reference schema. */
  readonly target?: BenchTarget | undefined;
}

function drawAll(config: RunConfig, kinds: readonly DrawKind[], options: BenchOptions, log: (line: string) => void): DrawnSets {
  const started = performance.now();
  const sample = captureSample(createWorldFor(config), options.sampleSize);
  const sets = new Map<DrawKind, ParameterSet[] | Error>();
  for (const kind of kinds) {
    try {
      sets.set(kind, drawParameterSets(sample, kind, options.parameterSets));
    } catch (error) {
      if (!(error instanceof DrawError)) throw error;
      sets.set(kind, error);
    }
  }
  log(`Drew parameters from ${sample.patients.length} regenerated patients (${((performance.now() - started) / 1000).toFixed(1)} s)`);
  return sets;
}

async function trySnapshot(admin: pg.Client, status: StatStatementsStatus): Promise<StatSnapshot | undefined> {
  if (!status.available) return undefined;
  try {
    return await snapshotStatStatements(admin);
  } catch {
    return undefined;
  }
}

/**
 * Runs the catalog against a seeded database: draws parameters from the generator, measures every
 * query under RLS and as owner, explains one execution of each, snapshots pg_stat_statements, and
 * compares with a baseline (measuring a query again when only its latency says it regressed). Returns the whole report; writing and printing it is the caller's.
 */
export async function runBench(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => undefined);
  const startedAt = new Date().toISOString();
  const specs = options.queries;
  const target = options.target ?? referenceTarget;
  const admin = await connect(options.url, 'medseed-bench');
  let pool: pg.Pool | undefined;
  try {
    await admin.query(target.connectionSetup);
    const { user } = await target.assertCanBench(admin);
    const statStatus = await ensureStatStatements(admin);
    const environment = await target.describeEnvironment(admin);
    const tableRows = new Map(Object.entries(environment.tables).map(([name, table]) => [name, table.rows]));
    const prepared = await target.prepareSets(admin, drawAll(options.config, [...new Set(specs.map((spec) => spec.draw))], options, log));
    const { sets } = prepared;

    pool = new pg.Pool({ connectionString: options.url, max: options.concurrency, application_name: 'medseed-bench' });
    pool.on('error', () => undefined);
    pool.on('connect', (client) => {
      // queued before any other query of this client, like connect() does for a single client
      client.query(target.connectionSetup).catch(() => undefined);
    });
    const warmup = options.warmup ?? options.parameterSets;
    const measureOptions = { iterations: options.iterations, concurrency: options.concurrency, warmup, session: prepared.session };
    const ctx = { pool, admin, options: measureOptions, tableRows, textSearchLeakproof: environment.textSearchLeakproof ?? null, log };
    const before = await trySnapshot(admin, statStatus);
    const measured: QueryResult[] = [];
    for (const spec of specs) {
      log(`${spec.name}: ${options.iterations} iterations at concurrency ${options.concurrency}, under RLS and as owner`);
      measured.push(await benchQuery(ctx, spec, sets.get(spec.draw) as ParameterSet[] | Error));
    }
    const after = before ? await trySnapshot(admin, statStatus) : undefined;
    const deltas = before && after ? diffStatStatements(before, after) : [];
    const queries = attachStatStatements(measured, deltas, user, prepared.rlsRole);

    const { profile } = options.config;
    const partial: Omit<BenchReport, 'comparison' | 'verdict'> = {
      format: BENCH_FORMAT,
      medseedVersion: options.medseedVersion,
      startedAt,
      finishedAt: new Date().toISOString(),
      options: {
        iterations: options.iterations,
        concurrency: options.concurrency,
        warmup,
        interleaveRound: INTERLEAVE_ROUND,
        parameterSets: options.parameterSets,
        sampleSize: options.sampleSize,
        only: options.only && options.only.length > 0 ? [...options.only] : null,
        catalog: options.catalogDir,
      },
      data: {
        profile: profile.name,
        seed: options.config.seed,
        generatorVersion: GENERATOR_VERSION,
        referenceDate: profile.referenceDate,
        volumes: { ...profile.volumes },
        seedRunId: options.seedRunId,
      },
      ...(prepared.ownSchema ? { ownSchema: prepared.ownSchema } : {}),
      database: redactUrl(options.url),
      environment,
      statStatements: { ...statStatus, available: statStatus.available && before !== undefined, top: deltas.slice(0, 15) },
      queries,
    };
    const { baseline } = options;
    const minRegressionMs = options.minRegressionMs ?? DEFAULT_MIN_REGRESSION_MS;
    const compare = (measuredQueries: readonly QueryResult[], file: string, report: BenchReport) =>
      compareBaseline({ ...partial, queries: measuredQueries, comparison: null, verdict: decideVerdict(measuredQueries, null) }, report, file, minRegressionMs);
    let comparison = baseline ? compare(queries, baseline.file, baseline.report) : null;
    if (comparison && baseline) {
      comparison = await confirmLatencyRegressions(comparison, async (names) => {
        log(`Measuring again to confirm a slowdown: ${names.join(', ')}`);
        const again: QueryResult[] = [];
        for (const spec of specs.filter((s) => names.includes(s.name))) again.push(await benchQuery(ctx, spec, sets.get(spec.draw) as ParameterSet[] | Error));
        return compare(again, baseline.file, baseline.report).queries;
      });
    }
    return { ...partial, comparison, verdict: decideVerdict(queries, comparison) };
  } finally {
    await pool?.end().catch(() => undefined);
    await admin.end().catch(() => undefined);
  }
}
