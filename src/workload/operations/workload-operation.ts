import type { ClientBase } from 'pg';
import type { ParameterSet } from '../../bench/params/parameter-set.js';
import type { Random } from '../../rng/random.js';
import type { WorkloadUser } from '../users/workload-user.js';
import type { OperationInfo } from './operation-info.js';
import type { UserScope } from './user-scope.js';

/** What a user carries from one operation to the next: tasks claimed and not yet completed. */
export interface UserState {
  readonly claimedTasks: string[];
}

export interface OperationContext {
  /** The user's own connection, as a pooled application would hold one per request. */
  readonly client: ClientBase;
  readonly user: WorkloadUser;
  readonly scope: UserScope;
  readonly set: ParameterSet;
  readonly state: UserState;
  readonly statementTimeoutMs: number;
  /** The medseed.workload_runs row writes are journaled under. */
  readonly runId: number;
  /** The user's own stream, for what a person would choose (a heart rate, the words of a note). */
  readonly random: Random;
}

export interface OperationOutcome {
  /** Rows returned (reads) or written (writes). */
  readonly rows: number;
  /** Rows seen or written outside the user's tenant or care team. */
  readonly isolationViolations: number;
}

/** An operation a simulated user runs: one catalog read or one built-in write, each its own transaction. */
export interface WorkloadOperation extends OperationInfo {
  run(ctx: OperationContext): Promise<OperationOutcome>;
}
