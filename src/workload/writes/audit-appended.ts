import { runJournaledWrite } from './run-journaled-write.js';
import { requireParam, type WriteOperation } from './write-operation.js';

const NAME = 'audit_appended';

/** The application logs that a clinician opened a patient's chart (fixtures/audit_actions.csv: patient.read). */
export const auditAppended: WriteOperation = {
  name: NAME,
  description: "The application logs a clinician viewing a care-team patient's chart (INSERT audit_logs), committed",
  drawKind: 'new_vital',
  // an append checked by the own_actions policy: the context's RLS check budget, 50 ms (context 002)
  defaultP95Ms: 50,
  run: (client, user, params, ctx) =>
    runJournaledWrite(client, user, ctx, 'audit_logs', {
      // the chart is read under RLS in the same statement: a patient the clinician cannot see was
      // never viewed, so nothing is logged (0 rows), as the application would not log a view it refused
      text: `INSERT INTO audit_logs (id, org_id, actor_id, action, resource_type, resource_id, patient_id, occurred_at, ip, user_agent, outcome)
             SELECT gen_random_uuid(), $1::uuid, $2::uuid, 'patient.read', 'patient', p.id, p.id, $4::timestamptz, '10.0.0.10', 'medseed-workload', 'success'
               FROM patients p WHERE p.id = $3::uuid
             RETURNING id AS row_id, org_id, patient_id, NULL::jsonb AS prior`,
      values: [user.orgId, user.providerId, requireParam(params, 'patient_id', NAME), requireParam(params, 'occurred_at', NAME)],
    }),
};
