import { UsageError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { runInSession, type ApplySession } from '../../bench/measure/run-in-session.js';
import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { OwnSchemaCheck } from '../../bench/report/bench-report.js';

/**
 * Runs the session file once, with the first drawn set, in a rolled-back transaction: a session
 * that fails here would fail every execution, so it is refused up front, naming the file. Returns
 * the role it switches to (what the queries run as under RLS) and, as a warning, a role that
 * bypasses RLS, under which the overhead measures no policy at all.
 */
export async function checkSession(client: Queryable, file: string, session: ApplySession, set: ParameterSet): Promise<{ role: string; checks: OwnSchemaCheck[] }> {
  const providerId = set.clinicianId ?? set.adminId;
  const target = { mode: 'rls', role: 'medseed_app', orgId: set.orgId, providerId, statementTimeoutMs: 60_000 } as const;
  let row: { role: string; bypass: boolean };
  try {
    row = await runInSession(
      client,
      target,
      async () =>
        (await client.query<{ role: string; bypass: boolean }>('SELECT current_user AS role, (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass')).rows[0]!,
      session,
    );
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `--session ${file}: failed on this database with the drawn tenant ${set.orgId} and provider ${providerId}: ${(error as Error).message}${code ? ` (SQLSTATE ${code})` : ''}. ` +
        'Check the role it switches to exists and the settings it sets are the ones your policies read.',
      { cause: error },
    );
  }
  const checks: OwnSchemaCheck[] = [
    row.bypass
      ? { name: 'session role is bound by RLS', status: 'warning', detail: `the session runs the queries as ${row.role}, which is a superuser or has BYPASSRLS: the figures under RLS measure no policy` }
      : { name: 'session role is bound by RLS', status: 'passed', detail: `the session runs the queries as ${row.role}, which neither is a superuser nor has BYPASSRLS` },
  ];
  return { role: row.role, checks };
}
