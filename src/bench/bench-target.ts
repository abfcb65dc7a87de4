import type { Queryable } from '../db/queryable.js';
import type { BenchEnvironment } from './measure/describe-environment.js';
import type { ApplySession } from './measure/run-in-session.js';
import type { DrawKind } from './params/draw-kinds.js';
import type { ParameterSet } from './params/parameter-set.js';
import type { OwnSchemaSection } from './report/bench-report.js';

/** Each draw kind's parameter sets, or why none could be drawn. */
export type DrawnSets = ReadonlyMap<DrawKind, ParameterSet[] | Error>;

/** The drawn sets as the target's queries take them, and how its transactions become the application's session. */
export interface PreparedSets {
  readonly sets: DrawnSets;
  /** Default: the reference schema's session (SET LOCAL ROLE of the header's role, app.org_id, app.provider_id). */
  readonly session?: ApplySession;
  /** The database role statements under RLS run as, to find them in pg_stat_statements; default the header's role. */
  readonly rlsRole?: string;
  /** What bench.json records about a user's own schema; absent for medseed's reference schema. */
  readonly ownSchema?: OwnSchemaSection;
}

/**
 * The database a bench measures: medseed's reference schema (referenceTarget) or a user's own schema
 * seeded through a mapping (src/own-schema/bench/). Drawing, measuring, explaining and reporting are
 * the same for both; what differs is checked, sized and prepared here.
 */
export interface BenchTarget {
  /** Refuses a connection that cannot bench here; returns the connecting user (who runs the owner mode). */
  assertCanBench(admin: Queryable): Promise<{ user: string }>;
  describeEnvironment(admin: Queryable): Promise<BenchEnvironment>;
  /** Checks the drawn sets against the data and converts them to what the queries take. */
  prepareSets(admin: Queryable, sets: DrawnSets): Promise<PreparedSets>;
  /** Run on every connection the bench opens: time zone and search path. */
  readonly connectionSetup: string;
}
