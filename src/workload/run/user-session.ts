import type pg from 'pg';
import type { Random } from '../../rng/random.js';
import { connect } from '../../db/connect.js';
import { classifySqlError } from '../latency/classify-sql-error.js';
import type { UserScope } from '../operations/user-scope.js';
import type { UserState, WorkloadOperation } from '../operations/workload-operation.js';
import type { WorkloadUser } from '../users/workload-user.js';
import type { OperationChooser } from './next-operation.js';
import type { StageClock } from './stage-clock.js';
import type { StageRecorders } from './stage-recorders.js';

export interface SessionDeps {
  readonly url: string;
  readonly operations: ReadonlyMap<string, WorkloadOperation>;
  readonly recorders: StageRecorders;
  readonly clock: StageClock;
  readonly runId: number;
  readonly statementTimeoutMs: number;
}

// Errors after which the connection cannot be trusted: no SQLSTATE (socket gone), connection
// exceptions (08), operator intervention (57P01..57P05, but not 57014, a statement timeout).
function connectionBroken(sqlState: string): boolean {
  return sqlState === 'client' || sqlState.startsWith('08') || /^57P0[1-5]$/.test(sqlState);
}

/**
 * One simulated user's connection and state. Runs one operation at a time, records it, and
 * reconnects after a connection is lost (a killed backend, a restart), so the run goes on and
 * the loss shows up as errors, not as a crash.
 */
export class UserSession {
  private client: pg.Client | undefined;
  readonly state: UserState = { claimedTasks: [] };

  constructor(
    readonly user: WorkloadUser,
    private readonly scope: UserScope,
    readonly chooser: OperationChooser,
    private readonly random: Random,
    private readonly deps: SessionDeps,
  ) {}

  async open(): Promise<void> {
    this.client ??= await connect(this.deps.url, 'medseed-workload');
  }

  /**
   * Runs the user's next operation. Latency counts from `scheduledAt` (stage ms): the open loop's
   * arrival time, so time spent queued is part of what the user waited; the closed loop's start.
   * Says whether it ran, had nothing to do, or lost its connection (the caller backs off).
   */
  async runNext(scheduledAt: number): Promise<'ran' | 'idle' | 'broken'> {
    const next = this.chooser.next(this.state);
    if (!next) return 'idle';
    const operation = this.deps.operations.get(next.name) as WorkloadOperation;
    const { clock, recorders } = this.deps;
    const measured = clock.isMeasured(scheduledAt);
    try {
      await this.open();
      const outcome = await operation.run({
        client: this.client as pg.Client,
        user: this.user,
        scope: this.scope,
        set: next.set,
        state: this.state,
        statementTimeoutMs: this.deps.statementTimeoutMs,
        runId: this.deps.runId,
        random: this.random,
      });
      recorders.record(next.name, clock.now() - scheduledAt, measured, outcome);
    } catch (error) {
      const classified = classifySqlError(error);
      recorders.record(next.name, clock.now() - scheduledAt, measured, { error: classified });
      if (connectionBroken(classified.sqlState)) {
        await this.close();
        return 'broken';
      }
    }
    return 'ran';
  }

  async close(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }
}
