import { composeWorkloadNote, TELEPHONE_NOTE } from './compose-workload-note.js';
import { runJournaledWrite } from './run-journaled-write.js';
import { requireParam, type WriteOperation } from './write-operation.js';

const NAME = 'note_saved';

/** A clinician saves a telephone note on a care-team patient's chart. */
export const noteSaved: WriteOperation = {
  name: NAME,
  description: "A clinician saves a telephone note on a care-team patient's chart (INSERT documents; the search vector from the table's trigger), committed",
  drawKind: 'new_vital',
  // the RLS policy check (context 002: rls_policy_check 50 ms) plus the trigger's to_tsvector of a
  // few sentences, well under a millisecond: the same 50 ms budget
  defaultP95Ms: 50,
  run: (client, user, params, ctx) => {
    const note = composeWorkloadNote(ctx.random);
    return runJournaledWrite(client, user, ctx, 'documents', {
      // no search_vector: the application leaves it to migration 0006's trigger, which fills
      // to_tsvector('english', title || ' ' || body) exactly as verify checks it
      text: `INSERT INTO documents (id, org_id, patient_id, author_id, type_code, type_display, title, body, status, created_at)
             VALUES (gen_random_uuid(), $1::uuid, $2::uuid, $3::uuid, $4, $5, $6, $7, 'final', $8::timestamptz)
             RETURNING id AS row_id, org_id, patient_id, NULL::jsonb AS prior`,
      values: [user.orgId, requireParam(params, 'patient_id', NAME), user.providerId, TELEPHONE_NOTE.code, TELEPHONE_NOTE.display, note.title, note.body, requireParam(params, 'occurred_at', NAME)],
    });
  },
};
