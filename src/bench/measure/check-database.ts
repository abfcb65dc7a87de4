import { UsageError } from '../../cli/errors.js';
import type { Queryable } from '../../db/queryable.js';
import { latestRun } from '../../load/run-record.js';
import type { Manifest } from '../../sinks/manifest.js';
import type { ParameterSet } from '../params/parameter-set.js';

/**
 * The bench compares each query under RLS with the same query run by a role that bypasses RLS, and
 * switches to the application roles: it needs a superuser (or BYPASSRLS) connection and a migrated
 * database.
 */
export async function assertCanBench(client: Queryable): Promise<{ user: string }> {
  const me = await client.query<{ user: string; bypass: boolean; roles: number; tables: number }>(
    `SELECT current_user AS user, (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass,
            (SELECT count(*)::int FROM pg_roles WHERE rolname IN ('medseed_app', 'medseed_org_admin')) AS roles,
            (SELECT count(*)::int FROM pg_class WHERE oid IN (to_regclass('public.patients'), to_regclass('public.timeline_events'))) AS tables`,
  );
  const row = me.rows[0]!;
  if (row.tables < 2 || row.roles < 2) {
    throw new UsageError('the database has no medseed schema (tables and roles): run "medseed seed" first');
  }
  if (!row.bypass) {
    throw new UsageError(
      `bench connects as "${row.user}", which neither is a superuser nor has BYPASSRLS: it needs one of them to run each query without RLS for the overhead comparison (as seeding does). Connect as such a role.`,
    );
  }
  return { user: row.user };
}

/**
 * What benching a user's own schema needs of the connection: to run each query without RLS as well
 * (superuser or BYPASSRLS). Their tables and roles are checked by the mapping and the session file.
 */
export async function assertBypassesRls(client: Queryable): Promise<{ user: string }> {
  const me = await client.query<{ user: string; bypass: boolean }>(
    'SELECT current_user AS user, (SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user) AS bypass',
  );
  const row = me.rows[0]!;
  if (!row.bypass) {
    throw new UsageError(
      `bench connects as "${row.user}", which neither is a superuser nor has BYPASSRLS: it needs one of them to run each query without RLS for the overhead comparison (as seeding does). Connect as such a role.`,
    );
  }
  return { user: row.user };
}

/** The manifest of the database's latest seed run, if medseed seeded it; a failed or unfinished run is an error. */
export async function readSeededManifest(client: Queryable): Promise<{ runId: number; manifest: Manifest } | undefined> {
  const run = await latestRun(client);
  if (!run) return undefined;
  if (run.status !== 'succeeded') {
    throw new UsageError(`the latest seed run of this database (#${run.id}) is ${run.status}: its data is incomplete. Run "medseed seed --reset" first.`);
  }
  // bigint ids arrive as text from pg
  return { runId: Number(run.id), manifest: run.manifest as Manifest };
}

/**
 * Checks that the drawn patients, clinicians and tenants exist: the bench draws them from the
 * generator, so a database holding other data (another seed, profile or generator version) would
 * otherwise be measured on queries that return nothing.
 */
export async function assertDrawnIdsExist(client: Queryable, sets: readonly ParameterSet[]): Promise<void> {
  const patients = [...new Set(sets.map((s) => s.values.patient_id).filter((id): id is string => id !== undefined))];
  const providers = [...new Set(sets.flatMap((s) => [s.clinicianId, s.adminId, s.values.actor_id]).filter((id): id is string => id !== undefined))];
  const orgs = [...new Set(sets.map((s) => s.orgId))];
  const found = await client.query<{ patients: number; providers: number; orgs: number }>(
    `SELECT (SELECT count(*)::int FROM patients WHERE id = ANY($1::uuid[])) AS patients,
            (SELECT count(*)::int FROM providers WHERE id = ANY($2::uuid[])) AS providers,
            (SELECT count(*)::int FROM organizations WHERE id = ANY($3::uuid[])) AS orgs`,
    [patients, providers, orgs],
  );
  const row = found.rows[0]!;
  const missing = [
    row.orgs < orgs.length ? `${orgs.length - row.orgs} of ${orgs.length} organizations` : '',
    row.providers < providers.length ? `${providers.length - row.providers} of ${providers.length} providers` : '',
    row.patients < patients.length ? `${patients.length - row.patients} of ${patients.length} patients` : '',
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new UsageError(
      `the database lacks ${missing.join(', ')} drawn from the generator: it does not hold the data of this seed, profile and generator version. ` +
        'Pass the --profile and --seed it was seeded with, or reseed it ("medseed seed --reset").',
    );
  }
}
