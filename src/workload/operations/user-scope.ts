import type { Queryable } from '../../db/queryable.js';
import type { WorkloadUser } from '../users/workload-user.js';

/**
 * What one user may see, read from the database as its owner before the run: the tenant, and for a
 * clinician the patients of their current care team. Every row a user reads or writes is checked
 * against it, so a policy that leaks is caught under load, not only in the RLS tests.
 */
export interface UserScope {
  readonly orgId: string;
  readonly providerId: string;
  /** Undefined for an administrator, who sees the whole tenant. */
  readonly carePatients: ReadonlySet<string> | undefined;
}

export async function readUserScopes(admin: Queryable, users: readonly WorkloadUser[]): Promise<UserScope[]> {
  const clinicians = [...new Set(users.filter((u) => u.role === 'clinician').map((u) => u.providerId))];
  const teams = new Map<string, Set<string>>(clinicians.map((id) => [id, new Set()]));
  if (clinicians.length > 0) {
    const { rows } = await admin.query<{ provider_id: string; patient_id: string }>(
      'SELECT provider_id, patient_id FROM care_team_members WHERE provider_id = ANY($1::uuid[]) AND period_end IS NULL',
      [clinicians],
    );
    for (const row of rows) teams.get(row.provider_id)?.add(row.patient_id);
  }
  return users.map((u) => ({ orgId: u.orgId, providerId: u.providerId, carePatients: u.role === 'clinician' ? teams.get(u.providerId) : undefined }));
}

/**
 * Rows outside the scope: another tenant's, or for a clinician a patient off their care team (a
 * task assigned to them is theirs whatever the patient, as the tasks policy says). Rows without an
 * org_id column are not judged.
 */
export function countOutsideScope(rows: readonly Record<string, unknown>[], scope: UserScope): number {
  let outside = 0;
  for (const row of rows) {
    if (!('org_id' in row)) continue;
    if (row.org_id !== scope.orgId) {
      outside += 1;
      continue;
    }
    if (!scope.carePatients || !('patient_id' in row) || row.patient_id === null) continue;
    if (row.assignee_id === scope.providerId) continue;
    if (!scope.carePatients.has(row.patient_id as string)) outside += 1;
  }
  return outside;
}
