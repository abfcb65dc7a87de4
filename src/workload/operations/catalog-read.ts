import type { QuerySpec } from '../../bench/catalog/query-spec.js';
import { runInSession, sessionTargetFor, valuesFor } from '../../bench/measure/run-in-session.js';
import type { UserRole } from '../report/workload-report.js';
import { countOutsideScope } from './user-scope.js';
import type { WorkloadOperation } from './workload-operation.js';

const ROLE_OF: Readonly<Record<QuerySpec['role'], UserRole>> = { medseed_app: 'clinician', medseed_org_admin: 'administrator' };

/**
 * A catalog query as a workload operation: its @rls statement in the application's session (a
 * transaction with SET LOCAL ROLE and the tenant and clinician settings), the whole transaction
 * timed as the application would see it. Its p95 budget is the catalog's threshold_ms.
 */
export function catalogRead(spec: QuerySpec): WorkloadOperation {
  const statement = spec.statements.rls;
  return {
    name: spec.name,
    kind: 'read',
    role: ROLE_OF[spec.role],
    description: spec.description,
    draw: spec.draw,
    thresholds: { p95Ms: spec.thresholdMs, p99Ms: null, errorRate: null },
    async run(ctx) {
      const target = { ...sessionTargetFor(spec, 'rls', ctx.set), statementTimeoutMs: ctx.statementTimeoutMs };
      const result = await runInSession(ctx.client, target, () => ctx.client.query<Record<string, unknown>>(statement.text, valuesFor(statement.names, ctx.set)));
      return { rows: result.rowCount ?? result.rows.length, isolationViolations: countOutsideScope(result.rows, ctx.scope) };
    },
  };
}
