import { runJournaledWrite } from './run-journaled-write.js';
import type { WriteOperation } from './write-operation.js';

/**
 * A clinician completes a task in progress: `params.task_id` (the engine passes one this user
 * claimed with task_claimed), else the earliest due task in progress of their queue.
 */
export const taskCompleted: WriteOperation = {
  name: 'task_completed',
  description: 'A clinician completes a task they claimed (status done, completed_at now), committed; none in progress is 0 rows',
  drawKind: 'open_tasks',
  // an interactive click, checked by the RLS policies: the context's 50 ms RLS check budget (context 002)
  defaultP95Ms: 50,
  run: (client, user, params, ctx) =>
    runJournaledWrite(client, user, ctx, 'tasks', {
      text: `WITH picked AS (
               SELECT * FROM tasks WHERE assignee_id = $1::uuid AND status = 'in_progress' AND ($2::uuid IS NULL OR id = $2::uuid)
                ORDER BY due_at, id LIMIT 1 FOR UPDATE SKIP LOCKED)
             UPDATE tasks t SET status = 'done', completed_at = now() FROM picked WHERE t.id = picked.id
             RETURNING t.id AS row_id, t.org_id, t.patient_id, to_jsonb(picked) AS prior`,
      values: [user.providerId, params.task_id ?? null],
    }),
};
