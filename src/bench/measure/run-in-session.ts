import type { Queryable } from '../../db/queryable.js';
import type { BenchMode, BenchRole, QuerySpec } from '../catalog/query-spec.js';
import type { ParameterSet } from '../params/parameter-set.js';

/** Who a statement runs as: the application role with its settings (rls), or the connecting superuser (owner). */
export interface SessionTarget {
  readonly mode: BenchMode;
  readonly role: BenchRole;
  readonly orgId: string;
  readonly providerId: string;
  readonly statementTimeoutMs: number;
}

export function sessionTargetFor(spec: QuerySpec, mode: BenchMode, set: ParameterSet): SessionTarget {
  return {
    mode,
    role: spec.role,
    orgId: set.orgId,
    providerId: spec.role === 'medseed_app' ? (set.clinicianId as string) : set.adminId,
    // generous: a slow query should be measured and reported, not cut off; a hung one should not hang CI
    statementTimeoutMs: Math.max(60_000, 3 * spec.thresholdMs),
  };
}

/**
 * What makes a transaction the application's session under RLS: medseed's reference schema switches
 * role and sets its two settings; a user's schema runs its own session file (src/own-schema/bench/).
 */
export type ApplySession = (client: Queryable, target: SessionTarget) => Promise<void>;

/** The reference schema's session (migrations/0001_rls.sql): the header's role, app.org_id and app.provider_id. */
export const applyReferenceSession: ApplySession = async (client, target) => {
  // role comes from the validated BENCH_ROLES list, never from free text
  await client.query(`SET LOCAL ROLE ${target.role}`);
  await client.query("SELECT set_config('app.org_id', $1, true), set_config('app.provider_id', $2, true)", [target.orgId, target.providerId]);
};

/**
 * Runs `fn` in a transaction that is always rolled back, so writes leave no trace. Under RLS it
 * applies the application's session (by default the reference schema's: role, tenant and clinician
 * set transaction-locally, exactly as a pooled application does); as owner it stays the connecting
 * superuser, which bypasses RLS.
 */
export async function runInSession<T>(client: Queryable, target: SessionTarget, fn: () => Promise<T>, applySession: ApplySession = applyReferenceSession): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL statement_timeout = ${Math.round(target.statementTimeoutMs)}`);
    if (target.mode === 'rls') await applySession(client, target);
    const result = await fn();
    await client.query('ROLLBACK');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The values of a statement's $1..$n, from a parameter set. */
export function valuesFor(names: readonly string[], set: ParameterSet): string[] {
  return names.map((name) => {
    const value = set.values[name];
    if (value === undefined) throw new Error(`parameter set "${set.label}" has no value for :${name}`);
    return value;
  });
}
