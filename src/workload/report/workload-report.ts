/**
 * What `medseed workload` writes as workload.json, and what report.html, the CSV files and the
 * history are drawn from. One shape for every consumer, so the figures a person reads in the HTML
 * are the figures CI reads in the JSON.
 */
export const WORKLOAD_FORMAT = 'medseed-workload/1';

/** Who a simulated user is in the application. */
export type UserRole = 'clinician' | 'administrator';

/** A latency summary from a merged HDR histogram; every time in milliseconds. */
export interface LatencySummary {
  /** Operations completed in the measured window (errors included). */
  readonly count: number;
  readonly errors: number;
  readonly throughputPerS: number;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p90Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** Budgets that decide the exit code; null where none is set. */
export interface OperationThresholds {
  readonly p95Ms: number | null;
  readonly p99Ms: number | null;
  /** Largest acceptable share of failed operations, 0..1. */
  readonly errorRate: number | null;
}

export interface ErrorCount {
  /** SQLSTATE, or 'client' for a failure without one (connection lost, timeout in the client). */
  readonly sqlState: string;
  /** serialization_failure, deadlock_detected, rls_violation, statement_timeout, ... */
  readonly label: string;
  readonly count: number;
  /** The first message seen, without parameters. */
  readonly example: string;
}

export interface OperationSummary extends LatencySummary {
  /** A catalog query name (reads) or a built-in write (vital_sign_recorded, note_saved, ...). */
  readonly name: string;
  readonly kind: 'read' | 'write';
  readonly role: UserRole;
  readonly description: string;
  readonly thresholds: OperationThresholds;
  readonly errorsBySqlState: readonly ErrorCount[];
  /** The latency distribution for the chart: the latency at each percentile (0..100, ascending). */
  readonly distribution: readonly { readonly percentile: number; readonly ms: number }[];
  /** Rows returned (reads) or written (writes) in the measured window. */
  readonly rows: number;
  /** Rows a user saw or wrote outside its tenant or care team: must be 0. */
  readonly isolationViolations: number;
  /** Threshold checks that failed, as sentences; empty when the operation passed. */
  readonly failures: readonly string[];
}

/** One interval of the time series (every phase, so ramp and warm-up are visible but marked). */
export interface IntervalPoint {
  /** Seconds since the stage started, at the interval's end. */
  readonly t: number;
  readonly phase: 'ramp' | 'warmup' | 'measure';
  /** Users running at the interval's end. */
  readonly activeUsers: number;
  readonly total: IntervalFigures;
  readonly operations: Readonly<Record<string, IntervalFigures>>;
}

export interface IntervalFigures {
  readonly count: number;
  readonly errors: number;
  readonly throughputPerS: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

/** One run at one number of users (a sweep has several). */
export interface StageResult {
  readonly users: number;
  /** Open loop: the target arrival rate in operations/s; null for a closed loop. */
  readonly rate: number | null;
  readonly measuredS: number;
  readonly total: LatencySummary & {
    /** Open loop: operations that started after their scheduled time by more than lateAfterMs. */
    readonly late: number;
    /** Open loop: arrivals never started (queue full or the run ended first). */
    readonly dropped: number;
  };
  readonly operations: readonly OperationSummary[];
  readonly series: readonly IntervalPoint[];
}

export interface SweepPoint {
  readonly users: number;
  readonly throughputPerS: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly errors: number;
}

/** RLS overhead per query, taken from a bench.json (medseed bench). */
export interface RlsOverheadSection {
  readonly source: string;
  readonly queries: readonly { readonly name: string; readonly rlsP95Ms: number; readonly ownerP95Ms: number; readonly thresholdMs: number }[];
}

/** One run's summary as appended to the history (history.jsonl, one JSON object per line). */
export interface HistoryEntry {
  readonly startedAt: string;
  /** The git commit of the code under test: --label, else MEDSEED_COMMIT / GITHUB_SHA, else the working directory's HEAD; null if none. */
  readonly commit: string | null;
  readonly label: string | null;
  readonly medseedVersion: string;
  readonly profile: string;
  readonly seed: string;
  readonly server: string;
  readonly settings: Readonly<Record<string, string>>;
  /** The largest number of users of the run (its last stage). */
  readonly users: number;
  readonly rate: number | null;
  readonly operations: Readonly<Record<string, { readonly p95Ms: number; readonly p99Ms: number; readonly throughputPerS: number; readonly errorRate: number }>>;
}

export interface HistorySection {
  readonly dir: string;
  /** Earlier comparable runs (same profile, users and rate), oldest first, then this run last. */
  readonly runs: readonly HistoryEntry[];
  /** A p95 above median(earlier p95) x (1 + tolerance) and above it by minMs is a regression. */
  readonly tolerance: number;
  readonly minMs: number;
  /** Per operation: the limit this run was held to, null with fewer than 3 earlier runs. */
  readonly limits: Readonly<Record<string, number | null>>;
}

export interface WritesSection {
  /** undone: every row written was put back after the run; kept: --keep-writes, the data changed. */
  readonly mode: 'undone' | 'kept' | 'none';
  /** medseed.workload_runs id, where the writes are journaled. */
  readonly runId: number | null;
  /** Rows written per table. */
  readonly rows: Readonly<Record<string, number>>;
  /** One sentence that says what happened to the data. */
  readonly message: string;
}

export interface WorkloadReport {
  readonly format: typeof WORKLOAD_FORMAT;
  readonly medseedVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: {
    readonly users: readonly number[];
    readonly rate: number | null;
    readonly durationS: number;
    readonly warmupS: number;
    readonly rampS: number;
    readonly thinkTimeMs: number;
    readonly intervalS: number;
    readonly lateAfterMs: number;
    readonly catalog: string;
    readonly mix: string;
    readonly administratorsShare: number;
  };
  readonly data: {
    readonly profile: string;
    readonly seed: string;
    readonly generatorVersion: string;
    readonly seedRunId: number | null;
  };
  /** The connection URL without its password. */
  readonly database: string;
  readonly environment: {
    readonly serverVersion: string;
    readonly settings: Readonly<Record<string, string>>;
    readonly cpus: number;
    readonly node: string;
  };
  readonly stages: readonly StageResult[];
  /** One point per stage; bend names the first stage where latency bends, null if it never does. */
  readonly sweep: { readonly points: readonly SweepPoint[]; readonly bend: { readonly users: number; readonly reason: string } | null };
  readonly rlsOverhead: RlsOverheadSection | null;
  readonly writes: WritesSection;
  readonly history: HistorySection | null;
  readonly verdict: { readonly passed: boolean; readonly failures: readonly string[] };
}
