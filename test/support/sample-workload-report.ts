import seedrandom from 'seedrandom';
import {
  WORKLOAD_FORMAT,
  type ErrorCount,
  type HistoryEntry,
  type IntervalFigures,
  type IntervalPoint,
  type LatencySummary,
  type OperationSummary,
  type OperationThresholds,
  type StageResult,
  type UserRole,
  type WorkloadReport,
} from '../../src/workload/report/workload-report.js';

/**
 * A realistic WorkloadReport for report tests, built from seeded samples so that every figure is
 * consistent with the others (intervals, summaries, distribution, sweep, history): a closed-loop
 * sweep of 25 then 50 clinicians, six operations (four reads, two writes), 60 intervals of 5 s per
 * stage, errors with SQLSTATEs, and six runs of history. note_search breaks its p95 budget at 40
 * users, so the verdict fails, as a report must be able to show.
 */
interface OperationModel {
  readonly name: string;
  readonly kind: 'read' | 'write';
  readonly role: UserRole;
  readonly description: string;
  readonly weight: number;
  readonly medianMs: number;
  /** Latency multiplier at the second stage (contention). */
  readonly slowdown: number;
  readonly rowsPerOp: number;
  readonly thresholds: OperationThresholds;
  readonly errors: readonly { readonly sqlState: string; readonly label: string; readonly rate: number; readonly example: string }[];
}

const OPERATIONS: readonly OperationModel[] = [
  { name: 'patient_chart', kind: 'read', role: 'clinician', description: "Open a patient's chart: demographics, problems, latest vitals.", weight: 0.3, medianMs: 4.2, slowdown: 1.35, rowsPerOp: 38, thresholds: { p95Ms: 40, p99Ms: 80, errorRate: 0.01 }, errors: [{ sqlState: 'client', label: 'connection_lost', rate: 0.0008, example: 'Connection terminated unexpectedly' }] },
  { name: 'inbox_tasks', kind: 'read', role: 'clinician', description: "The clinician's open tasks, by due date.", weight: 0.25, medianMs: 2.1, slowdown: 1.25, rowsPerOp: 12, thresholds: { p95Ms: 25, p99Ms: null, errorRate: 0.01 }, errors: [] },
  { name: 'note_search', kind: 'read', role: 'clinician', description: "Full-text search in the patient's notes.", weight: 0.1, medianMs: 38, slowdown: 2.4, rowsPerOp: 6, thresholds: { p95Ms: 150, p99Ms: 400, errorRate: 0.01 }, errors: [{ sqlState: '57014', label: 'statement_timeout', rate: 0.004, example: 'canceling statement due to statement timeout' }] },
  { name: 'vitals_trend', kind: 'read', role: 'administrator', description: 'Blood pressure readings of the last year, for the whole organization.', weight: 0.15, medianMs: 9.5, slowdown: 1.4, rowsPerOp: 120, thresholds: { p95Ms: 60, p99Ms: 150, errorRate: null }, errors: [] },
  { name: 'vital_sign_recorded', kind: 'write', role: 'clinician', description: 'Record a blood pressure reading (two rows and an audit entry).', weight: 0.12, medianMs: 3.4, slowdown: 1.5, rowsPerOp: 3, thresholds: { p95Ms: 30, p99Ms: 60, errorRate: 0.005 }, errors: [{ sqlState: '40P01', label: 'deadlock_detected', rate: 0.002, example: 'deadlock detected' }] },
  { name: 'note_saved', kind: 'write', role: 'clinician', description: 'Save a progress note (copy-forward) with its audit entry.', weight: 0.08, medianMs: 7.8, slowdown: 1.7, rowsPerOp: 2, thresholds: { p95Ms: 60, p99Ms: 120, errorRate: 0.02 }, errors: [{ sqlState: '40001', label: 'serialization_failure', rate: 0.01, example: 'could not serialize access due to concurrent update' }] },
];

const USERS = [25, 50] as const;
const INTERVAL_S = 5;
const RAMP_S = 30;
const WARMUP_S = 30;
const MEASURE_S = 240;
const THINK_TIME_MS = 250;
const PERCENTILES = [0, 10, 20, 30, 40, 50, 60, 70, 75, 80, 85, 90, 95, 97, 99, 99.5, 99.9, 99.95, 99.99, 100] as const;

interface Sample {
  readonly ms: number;
  readonly error: ErrorCount['sqlState'] | null;
}

const round3 = (value: number) => Math.round(value * 1000) / 1000;

function nearestRank(sorted: readonly number[], percentile: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length, Math.max(1, Math.ceil((percentile / 100) * sorted.length))) - 1]!;
}

function figures(samples: readonly Sample[], seconds: number): IntervalFigures {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    count: samples.length,
    errors: samples.filter((s) => s.error !== null).length,
    throughputPerS: round3(samples.length / seconds),
    p50Ms: round3(nearestRank(sorted, 50)),
    p95Ms: round3(nearestRank(sorted, 95)),
    p99Ms: round3(nearestRank(sorted, 99)),
    maxMs: round3(sorted[sorted.length - 1] ?? 0),
  };
}

function summary(samples: readonly Sample[], seconds: number): LatencySummary {
  const sorted = samples.map((s) => s.ms).sort((a, b) => a - b);
  const f = figures(samples, seconds);
  return { ...f, meanMs: round3(sorted.reduce((sum, ms) => sum + ms, 0) / Math.max(1, sorted.length)), p90Ms: round3(nearestRank(sorted, 90)) };
}

function phaseAt(t: number): IntervalPoint['phase'] {
  return t <= RAMP_S ? 'ramp' : t <= RAMP_S + WARMUP_S ? 'warmup' : 'measure';
}

function failuresOf(op: OperationModel, s: LatencySummary): string[] {
  const failures: string[] = [];
  const { p95Ms, p99Ms, errorRate } = op.thresholds;
  if (p95Ms !== null && s.p95Ms > p95Ms) failures.push(`${op.name}: p95 ${s.p95Ms} ms is above its budget of ${p95Ms} ms`);
  if (p99Ms !== null && s.p99Ms > p99Ms) failures.push(`${op.name}: p99 ${s.p99Ms} ms is above its budget of ${p99Ms} ms`);
  if (errorRate !== null && s.count > 0 && s.errors / s.count > errorRate) failures.push(`${op.name}: ${s.errors} of ${s.count} failed, above the allowed ${errorRate * 100}%`);
  return failures;
}

function buildStage(users: number, stageIndex: number, random: () => number): StageResult {
  const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const draw = (op: OperationModel): Sample => {
    const slow = stageIndex === 0 ? 1 : op.slowdown;
    const outlier = random() < 0.02 ? 2 + 6 * random() : 1;
    const ms = op.medianMs * slow * Math.exp(0.45 * normal()) * outlier;
    const failed = op.errors.find((e) => random() < e.rate * (stageIndex === 0 ? 0.5 : 1.5));
    return { ms: round3(ms), error: failed ? failed.sqlState : null };
  };
  const series: IntervalPoint[] = [];
  const measured = new Map<string, Sample[]>(OPERATIONS.map((op) => [op.name, []]));
  const intervals = (RAMP_S + WARMUP_S + MEASURE_S) / INTERVAL_S;
  for (let i = 1; i <= intervals; i++) {
    const t = i * INTERVAL_S;
    const phase = phaseAt(t);
    const activeUsers = Math.min(users, Math.round((users * t) / RAMP_S));
    const operations: Record<string, IntervalFigures> = {};
    const all: Sample[] = [];
    for (const op of OPERATIONS) {
      const expected = (activeUsers * INTERVAL_S * 1000 * op.weight) / (THINK_TIME_MS + op.medianMs);
      const count = Math.max(0, Math.round(expected * (0.85 + 0.3 * random())));
      const samples = Array.from({ length: count }, () => draw(op));
      operations[op.name] = figures(samples, INTERVAL_S);
      all.push(...samples);
      if (phase === 'measure') measured.get(op.name)!.push(...samples);
    }
    series.push({ t, phase, activeUsers, total: figures(all, INTERVAL_S), operations });
  }
  const operations: OperationSummary[] = OPERATIONS.map((op) => {
    const samples = measured.get(op.name)!;
    const s = summary(samples, MEASURE_S);
    const sorted = samples.map((x) => x.ms).sort((a, b) => a - b);
    const errorsBySqlState: ErrorCount[] = op.errors
      .map((e) => ({ sqlState: e.sqlState, label: e.label, count: samples.filter((x) => x.error === e.sqlState).length, example: e.example }))
      .filter((e) => e.count > 0);
    return {
      ...s,
      name: op.name,
      kind: op.kind,
      role: op.role,
      description: op.description,
      thresholds: op.thresholds,
      errorsBySqlState,
      distribution: PERCENTILES.map((percentile) => ({ percentile, ms: round3(nearestRank(sorted, percentile)) })),
      rows: (s.count - s.errors) * op.rowsPerOp,
      isolationViolations: 0,
      failures: failuresOf(op, s),
    };
  });
  const every = [...measured.values()].flat();
  return { users, rate: null, measuredS: MEASURE_S, total: { ...summary(every, MEASURE_S), late: 0, dropped: 0 }, operations, series };
}

function hex(random: () => number, length: number): string {
  return Array.from({ length }, () => Math.floor(random() * 16).toString(16)).join('');
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The sample report; the same bytes on every call. */
export function sampleWorkloadReport(): WorkloadReport {
  const random = seedrandom.alea('medseed-sample-workload-report');
  const stages = USERS.map((users, i) => buildStage(users, i, random));
  const last = stages[stages.length - 1]!;
  const points = stages.map((stage) => ({ users: stage.users, throughputPerS: stage.total.throughputPerS, p50Ms: stage.total.p50Ms, p95Ms: stage.total.p95Ms, p99Ms: stage.total.p99Ms, errors: stage.total.errors }));
  const first = points[0]!;
  const second = points[1]!;
  const settings = { shared_buffers: '512MB', work_mem: '4MB', max_connections: '100', jit: 'off' };
  const server = 'PostgreSQL 17.6 on x86_64-pc-linux-gnu';
  const thisRun = (startedAt: string, commit: string, factor: number): HistoryEntry => ({
    startedAt,
    commit,
    label: null,
    medseedVersion: '0.1.0',
    profile: 'ci',
    seed: '42',
    server,
    settings,
    users: last.users,
    rate: null,
    operations: Object.fromEntries(
      last.operations.map((op) => [op.name, { p95Ms: round3(op.p95Ms * factor), p99Ms: round3(op.p99Ms * factor), throughputPerS: op.throughputPerS, errorRate: round3(op.errors / Math.max(1, op.count)) }]),
    ),
  });
  // earlier runs were about as fast: the last is held to limits derived from them, and passes them
  const earlier = [0.92, 0.97, 0.94, 1.0, 0.95].map((factor, i) => thisRun(`2026-11-${String(14 + i).padStart(2, '0')}T10:00:00.000Z`, hex(random, 40), factor * (0.97 + 0.06 * random())));
  const runs = [...earlier, thisRun('2026-11-20T10:00:00.000Z', 'c0ffee0' + hex(random, 33), 1)];
  const tolerance = 0.2;
  const minMs = 1;
  const limits = Object.fromEntries(
    last.operations.map((op) => {
      const base = median(earlier.map((run) => run.operations[op.name]!.p95Ms));
      return [op.name, round3(Math.max(base * (1 + tolerance), base + minMs))];
    }),
  );
  const failures = stages.flatMap((stage) => stage.operations.flatMap((op) => op.failures.map((f) => `${stage.users} users: ${f}`)));
  return {
    format: WORKLOAD_FORMAT,
    medseedVersion: '0.1.0',
    startedAt: '2026-11-20T10:00:00.000Z',
    finishedAt: '2026-11-20T10:10:12.000Z',
    options: { users: [...USERS], rate: null, durationS: MEASURE_S, warmupS: WARMUP_S, rampS: RAMP_S, thinkTimeMs: THINK_TIME_MS, intervalS: INTERVAL_S, lateAfterMs: 100, catalog: 'bench/queries', mix: 'clinic-day', administratorsShare: 0.1 },
    data: { profile: 'ci', seed: '42', generatorVersion: '7', seedRunId: 3 },
    database: 'postgres://medseed@127.0.0.1:54329/medseed',
    environment: { serverVersion: server, settings, cpus: 2, node: 'v20.19.0' },
    stages,
    sweep: {
      points,
      bend: second.p95Ms / first.p95Ms > 1.3 ? { users: second.users, reason: `p95 rose x${(second.p95Ms / first.p95Ms).toFixed(2)} while throughput rose x${(second.throughputPerS / first.throughputPerS).toFixed(2)}` } : null,
    },
    rlsOverhead: {
      source: 'out/bench/bench.json',
      queries: [
        { name: 'patient_chart', rlsP95Ms: 6.8, ownerP95Ms: 5.1, thresholdMs: 40 },
        { name: 'inbox_tasks', rlsP95Ms: 3.2, ownerP95Ms: 2.9, thresholdMs: 25 },
        { name: 'note_search', rlsP95Ms: 182.4, ownerP95Ms: 21.7, thresholdMs: 150 },
        { name: 'vitals_trend', rlsP95Ms: 14.9, ownerP95Ms: 11.2, thresholdMs: 60 },
      ],
    },
    writes: {
      mode: 'undone',
      runId: 12,
      rows: { timeline_events: 1860, documents: 410, audit_logs: 1340 },
      message: 'Every row the run wrote (3,610 rows in 3 tables) was deleted after it, in the order of its journal in medseed.workload_runs #12; the data is as it was.',
    },
    history: { dir: '.medseed/workload-history', runs, tolerance, minMs, limits },
    verdict: { passed: failures.length === 0, failures },
  };
}
