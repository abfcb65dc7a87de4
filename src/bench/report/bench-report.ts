import type { BenchRole } from '../catalog/query-spec.js';
import type { BenchEnvironment } from '../measure/describe-environment.js';
import type { PlanReport } from '../measure/explain-query.js';
import type { RlsIndexGap } from '../measure/find-rls-index-gap.js';
import type { StatStatementsDelta, StatStatementsStatus } from '../measure/stat-statements.js';
import type { TimingStats } from '../measure/summarize-timings.js';
import type { DrawKind } from '../params/draw-kinds.js';
import type { BaselineComparison } from './compare-baseline.js';

/**
 * Identifies the shape of bench.json; bump on a change. Documented by bench-json-schema.json.
 * 2 added per-execution latency samples, the gate's evidence and the LEAKPROOF findings; a
 * medseed-bench/1 file is still read as a baseline (its latency is then compared by p95).
 */
export const BENCH_FORMAT = 'medseed-bench/2';
/** Formats `--baseline` reads. */
export const BENCH_FORMATS = ['medseed-bench/1', BENCH_FORMAT] as const;
export type BenchFormat = (typeof BENCH_FORMATS)[number];

/** One query in one mode (under RLS, or as owner without it). */
export interface ModeResult {
  readonly stats: TimingStats;
  /** Every measured execution's latency in ms, in the order they finished (absent in medseed-bench/1). */
  readonly samplesMs?: readonly number[];
  /** Rows returned by the measured executions. */
  readonly rows: { readonly min: number; readonly max: number };
  readonly plan: PlanReport;
  /** This statement's pg_stat_statements figures during the run; null when unavailable. */
  readonly statStatements: StatStatementsDelta | null;
}

export interface QueryResult {
  readonly name: string;
  readonly description: string;
  readonly note: string | null;
  readonly file: string;
  readonly role: BenchRole;
  readonly draw: DrawKind;
  readonly writes: boolean;
  readonly thresholdMs: number;
  readonly sql: { readonly rls: string; readonly owner: string };
  readonly parameterSets: readonly {
    readonly label: string;
    readonly orgId: string;
    readonly sessionProviderId: string;
    readonly values: Readonly<Record<string, string>>;
  }[];
  readonly rls: ModeResult | null;
  readonly owner: ModeResult | null;
  /** RLS cost at the median: p50 under RLS divided by, and minus, p50 without. */
  readonly overhead: { readonly ratio: number; readonly ms: number } | null;
  /** p95 under RLS within thresholdMs. */
  readonly thresholdMet: boolean;
  /** Indexes the owner's plan uses and the plan under RLS does not (absent in medseed-bench/1). */
  readonly rlsIndexGap?: RlsIndexGap | null;
  readonly warnings: readonly string[];
  readonly error: string | null;
}

export interface BenchVerdict {
  readonly pass: boolean;
  readonly overThreshold: readonly string[];
  readonly regressed: readonly string[];
  readonly errors: readonly string[];
}

/** How a drawn id parameter is passed to a user's schema: in the key type of the table its entity feeds. */
export interface OwnSchemaKey {
  readonly entity: string;
  /** The table fed by the entity whose column holds its id; null when no mapped table does (the uuid is passed). */
  readonly table: string | null;
  readonly column: string | null;
  /** format_type of that column. */
  readonly type: string | null;
  /** id-bigint: the 60-bit bigint the mapping wrote (idToBigint); as-is: medseed's uuid. */
  readonly conversion: 'id-bigint' | 'as-is';
}

/** A check the bench made, or skipped, on a user's schema in place of the reference schema's own. */
export interface OwnSchemaCheck {
  readonly name: string;
  readonly status: 'passed' | 'skipped' | 'warning';
  readonly detail: string;
}

/** `bench --mapping`: the user's schema, seeded through a mapping, benched under their own session. */
export interface OwnSchemaSection {
  /** The three files as given on the command line. */
  readonly mapping: string;
  readonly queries: string;
  readonly session: string;
  readonly schema: string;
  /** medseed.mapped_runs id of the run whose data the parameters are drawn from. */
  readonly mappedRunId: number;
  /** current_user once the session file ran: the database role the queries run as under RLS; null when no set was drawn. */
  readonly sessionRole: string | null;
  /** By parameter name (org_id, provider_id, patient_id, actor_id): how its value was converted. */
  readonly keys: Readonly<Record<string, OwnSchemaKey>>;
  readonly checks: readonly OwnSchemaCheck[];
}

/** Everything `medseed bench --out DIR` writes to bench.json. */
export interface BenchReport {
  readonly format: BenchFormat;
  readonly medseedVersion: string;
  readonly startedAt: string;
  readonly finishedAt: string;
  readonly options: {
    readonly iterations: number;
    readonly concurrency: number;
    readonly warmup: number;
    /** Executions per mode before switching to the other (absent in medseed-bench/1, which measured one mode, then the other). */
    readonly interleaveRound?: number;
    readonly parameterSets: number;
    readonly sampleSize: number;
    readonly only: readonly string[] | null;
    readonly catalog: string;
  };
  readonly data: {
    readonly profile: string;
    readonly seed: string;
    readonly generatorVersion: string;
    readonly referenceDate: string;
    readonly volumes: Readonly<Record<string, number>>;
    readonly seedRunId: number | null;
  };
  /** Present only with --mapping: the user's schema, mapping, queries and session file. */
  readonly ownSchema?: OwnSchemaSection;
  readonly database: string;
  readonly environment: BenchEnvironment;
  readonly statStatements: StatStatementsStatus & { readonly top: readonly StatStatementsDelta[] };
  readonly queries: readonly QueryResult[];
  readonly comparison: BaselineComparison | null;
  readonly verdict: BenchVerdict;
}
