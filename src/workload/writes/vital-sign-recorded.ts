import { runJournaledWrite } from './run-journaled-write.js';
import { requireParam, type WriteOperation } from './write-operation.js';

const NAME = 'vital_sign_recorded';

/** A clinician records a heart rate for a care-team patient: bench/queries/record_vital_sign.sql, committed. */
export const vitalSignRecorded: WriteOperation = {
  name: NAME,
  description: 'A clinician records a heart rate for a care-team patient (INSERT timeline_events under the WITH CHECK policies), committed',
  drawKind: 'new_vital',
  // a write whose cost is the RLS policy check: the context's rls_policy_check budget, 50 ms
  // (shared/context/002: "RLS checks <50ms"), as bench's record_vital_sign
  defaultP95Ms: 50,
  run: (client, user, params, ctx) =>
    runJournaledWrite(client, user, ctx, 'timeline_events', {
      // gen_random_uuid(): concurrent users never wait on each other's uncommitted key
      text: `INSERT INTO timeline_events
               (id, org_id, patient_id, category, code_system, code, display, value_numeric, unit, status, occurred_at, recorded_by, payload)
             VALUES
               (gen_random_uuid(), $1::uuid, $2::uuid, 'vital', 'LOINC', '8867-4', 'Heart rate', $3, '/min', 'final',
                $4::timestamptz, $5::uuid, '{"method": "automated"}')
             RETURNING id AS row_id, org_id, patient_id, NULL::jsonb AS prior`,
      // a resting adult heart rate, 55-109 /min
      values: [user.orgId, requireParam(params, 'patient_id', NAME), 55 + Math.floor(ctx.random.next() * 55), requireParam(params, 'occurred_at', NAME), user.providerId],
    }),
};
