import type { Queryable } from '../../db/queryable.js';
import { changedByWorkload } from '../journal/changed-by-workload.js';
import { describeRepairedWorkloadRun, repairUnfinishedWorkloadRuns } from '../journal/repair-unfinished-workload-runs.js';
import { undoWorkloadWrites } from '../journal/undo-workload-writes.js';
import { beginWorkloadRun, finishWorkloadRun } from '../journal/workload-run-record.js';
import type { FollowUp } from '../run/next-operation.js';
import type { WorkloadJournal } from '../run/workload-journal.js';
import type { WriteOperation } from '../writes/write-operation.js';
import { WRITE_OPERATIONS } from '../writes/write-operations.js';
import { countOutsideScope } from './user-scope.js';
import type { WorkloadOperation } from './workload-operation.js';

const CLAIM = 'task_claimed';
const COMPLETE = 'task_completed';

/** A claimed task is completed by the same user, after a think time, as its next operation. */
export const TASK_FOLLOW_UPS: readonly FollowUp[] = [{ name: COMPLETE, due: (state) => state.claimedTasks.length > 0 }];

function asWorkloadOperation(write: WriteOperation): WorkloadOperation {
  const touchesTasks = write.name === CLAIM || write.name === COMPLETE;
  return {
    name: write.name,
    kind: 'write',
    role: 'clinician',
    description: write.description,
    draw: write.drawKind,
    thresholds: { p95Ms: write.defaultP95Ms, p99Ms: null, errorRate: null },
    ...(write.name === CLAIM ? { followedBy: COMPLETE } : {}),
    ...(write.name === COMPLETE ? { followUpOnly: true } : {}),
    async run(ctx) {
      const taskId = write.name === COMPLETE ? ctx.state.claimedTasks.shift() : undefined;
      const params = taskId === undefined ? ctx.set.values : { ...ctx.set.values, task_id: taskId };
      const result = await write.run(ctx.client, { orgId: ctx.user.orgId, providerId: ctx.user.providerId, role: 'medseed_app' }, params, {
        runId: ctx.runId,
        statementTimeoutMs: ctx.statementTimeoutMs,
        random: ctx.random,
      });
      if (write.name === CLAIM) for (const row of result.written) ctx.state.claimedTasks.push(row.rowId);
      // a task in the user's own queue is theirs whatever the patient, as the tasks policy says
      const landed = result.written.map((row) => ({ org_id: row.orgId, patient_id: row.patientId, ...(touchesTasks ? { assignee_id: ctx.user.providerId } : {}) }));
      return { rows: result.rows, isolationViolations: countOutsideScope(landed, ctx.scope) };
    },
  };
}

/** medseed's committed writes: a vital sign, a note, a task claimed and completed, an audit entry. */
export function builtInWrites(): WorkloadOperation[] {
  return WRITE_OPERATIONS.map(asWorkloadOperation);
}

/** The journal in medseed.workload_runs / workload_writes (src/workload/journal/). */
export const workloadJournal: WorkloadJournal = {
  repairUnfinished: async (admin) => (await repairUnfinishedWorkloadRuns(admin)).map(describeRepairedWorkloadRun),
  begin: (admin, options) => beginWorkloadRun(admin, options, { keepWrites: options.keepWrites === true }),
  undo: (admin, runId) => undoWorkloadWrites(admin, runId),
  written: async (admin: Queryable, runId: number) => Object.fromEntries((await changedByWorkload(admin)).filter((c) => c.runId === runId).map((c) => [c.table, c.rows])),
  finish: (admin, runId, status) => finishWorkloadRun(admin, runId, status),
};
