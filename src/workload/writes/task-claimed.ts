import { runJournaledWrite } from './run-journaled-write.js';
import type { WriteOperation } from './write-operation.js';

/** A clinician takes the next open task of their inbox; concurrent users never take the same one. */
export const taskClaimed: WriteOperation = {
  name: 'task_claimed',
  description: "A clinician claims the next open task of their queue (FOR UPDATE SKIP LOCKED, status in_progress), committed; none left is 0 rows, not an error",
  drawKind: 'open_tasks',
  // an interactive click in the inbox, checked by the RLS policies: the context's 50 ms RLS check
  // budget (context 002), not bench task_queue_claim's 10 s background-job budget
  defaultP95Ms: 50,
  run: (client, user, _params, ctx) =>
    runJournaledWrite(client, user, ctx, 'tasks', {
      // the old row comes from the locked CTE row, so undo restores exactly what was claimed
      text: `WITH picked AS (
               SELECT * FROM tasks WHERE assignee_id = $1::uuid AND status = 'open'
                ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
             UPDATE tasks t SET status = 'in_progress' FROM picked WHERE t.id = picked.id
             RETURNING t.id AS row_id, t.org_id, t.patient_id, to_jsonb(picked) AS prior`,
      values: [user.providerId],
    }),
};
