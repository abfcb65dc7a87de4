import { setMaxListeners } from 'node:events';
import { createRandom, entityKey } from '../../rng/random.js';
import type { UserScope } from '../operations/user-scope.js';
import type { WorkloadOperation } from '../operations/workload-operation.js';
import type { IntervalPoint } from '../report/workload-report.js';
import type { WorkloadUser } from '../users/workload-user.js';
import { runClosedLoop } from './closed-loop.js';
import { OperationChooser, type FollowUp } from './next-operation.js';
import { runOpenLoop, type OpenLoopCounts } from './open-loop.js';
import { StageClock, type StagePhases } from './stage-clock.js';
import { StageRecorders } from './stage-recorders.js';
import { UserSession } from './user-session.js';

export interface StagePlan extends StagePhases {
  readonly users: readonly WorkloadUser[];
  readonly scopes: readonly UserScope[];
  /** Open loop at this many operations/s; null for a closed loop. */
  readonly rate: number | null;
  readonly thinkTimeMs: number;
  readonly intervalS: number;
  readonly lateAfterMs: number;
  readonly maxQueueMs: number;
}

export interface StageContext {
  readonly url: string;
  readonly operations: ReadonlyMap<string, WorkloadOperation>;
  readonly followUps: readonly FollowUp[];
  readonly runId: number;
  readonly statementTimeoutMs: number;
  /** Streams of choices, think times and arrivals derive from it: the same seed, the same sequence. */
  readonly seedKey: string;
  readonly signal: AbortSignal;
  /** Each interval as it closes, with the measured window's figures so far. */
  readonly onInterval?: ((point: IntervalPoint, soFar: MeasuredSoFar) => void) | undefined;
}

export interface MeasuredSoFar {
  readonly count: number;
  readonly p95Ms: number;
  readonly errors: number;
}

export interface StageRun {
  readonly recorders: StageRecorders;
  readonly series: IntervalPoint[];
  readonly counts: OpenLoopCounts;
  /** Seconds of the measured window that actually ran (less when interrupted). */
  readonly measuredS: number;
}

/**
 * Runs one stage: opens a connection per user as the ramp reaches it, runs the closed or open
 * loop, and closes an interval of the time series every intervalS. Histograms are per interval
 * and per stage, so memory stays flat however long the stage runs.
 */
export async function runStage(plan: StagePlan, ctx: StageContext): Promise<StageRun> {
  // every user sleeping between operations listens for the abort: that many listeners is no leak
  setMaxListeners(plan.users.length + 16, ctx.signal);
  const recorders = new StageRecorders([...ctx.operations.keys()]);
  const clock = new StageClock(plan);
  const sessions = plan.users.map((user, i) => {
    const chooser = new OperationChooser(user, createRandom(entityKey(ctx.seedKey, 'workload', 'choices', user.index)), ctx.followUps);
    const random = createRandom(entityKey(ctx.seedKey, 'workload', 'writes', user.index));
    return new UserSession(user, plan.scopes[i] as UserScope, chooser, random, { ...ctx, recorders, clock });
  });
  const series: IntervalPoint[] = [];
  let activeUsers = 0;
  let lastTick = clock.now();
  const tick = () => {
    const at = clock.now();
    const seconds = Math.max(0.001, (at - lastTick) / 1000);
    lastTick = at;
    const figures = recorders.takeInterval(seconds);
    const point: IntervalPoint = { t: Math.round(at) / 1000, phase: clock.phaseAt(at), activeUsers, ...figures };
    series.push(point);
    ctx.onInterval?.(point, recorders.total.soFar());
  };
  const ticker = setInterval(tick, plan.intervalS * 1000);
  const rampMs = plan.rampS * 1000;
  const activity = setInterval(() => {
    activeUsers = rampMs === 0 ? sessions.length : Math.min(sessions.length, Math.ceil((clock.now() / rampMs) * sessions.length));
  }, 100);
  activeUsers = rampMs === 0 ? sessions.length : 0;
  let counts: OpenLoopCounts = { late: 0, dropped: 0 };
  try {
    if (plan.rate === null) await runClosedLoop(sessions, clock, plan.thinkTimeMs, ctx.seedKey, ctx.signal);
    else counts = await runOpenLoop(sessions, clock, { rate: plan.rate, lateAfterMs: plan.lateAfterMs, maxQueueMs: plan.maxQueueMs }, ctx.seedKey, ctx.signal, (at) => clock.isMeasured(at));
  } finally {
    clearInterval(ticker);
    clearInterval(activity);
    await Promise.all(sessions.map((s) => s.close()));
  }
  tick();
  const measuredS = Math.max(0, Math.min(clock.now(), clock.endMs) - clock.measureFromMs) / 1000;
  return { recorders, series, counts, measuredS };
}
