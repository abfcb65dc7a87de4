import { createRandom, entityKey } from '../../rng/random.js';
import { RECONNECT_BACKOFF_MS } from './closed-loop.js';
import { sleep, type StageClock } from './stage-clock.js';
import type { UserSession } from './user-session.js';

export interface OpenLoopOptions {
  /** Target arrivals per second over all users, reached at the end of the ramp. */
  readonly rate: number;
  /** An operation starting later than its arrival by more than this is late. */
  readonly lateAfterMs: number;
  /** An arrival still waiting this long is dropped: the system is saturated. */
  readonly maxQueueMs: number;
}

export interface OpenLoopCounts {
  late: number;
  dropped: number;
}

/**
 * Open loop: operations arrive as a Poisson process at `rate` per second whether or not earlier
 * ones have finished, as requests from many independent people do. Each arrival goes to the next
 * free user (that user's own next operation); with none free it waits in a queue. Latency counts
 * from the arrival, so waiting is never hidden (no coordinated omission). Arrivals that start late
 * are counted; those that wait longer than maxQueueMs, or are still queued at the end, are dropped.
 */
export async function runOpenLoop(
  sessions: readonly UserSession[],
  clock: StageClock,
  options: OpenLoopOptions,
  seedKey: string,
  signal: AbortSignal,
  isMeasured: (at: number) => boolean,
): Promise<OpenLoopCounts> {
  const random = createRandom(entityKey(seedKey, 'workload', 'arrivals', sessions.length));
  const counts: OpenLoopCounts = { late: 0, dropped: 0 };
  const queue: number[] = [];
  const free: UserSession[] = sessions.filter((s) => !s.chooser.idle);
  const running = new Set<Promise<void>>();
  const rampMs = clock.phases.rampS * 1000;
  let closed = false;

  // Hands queued arrivals to free users; a user that finishes comes back here for the next one.
  const dispatch = (): void => {
    while (!closed && queue.length > 0 && free.length > 0) {
      const scheduledAt = queue.shift() as number;
      const waited = clock.now() - scheduledAt;
      if (waited > options.maxQueueMs) {
        if (isMeasured(scheduledAt)) counts.dropped += 1;
        continue;
      }
      if (waited > options.lateAfterMs && isMeasured(scheduledAt)) counts.late += 1;
      const session = free.shift() as UserSession;
      const task = (async () => {
        const outcome = await session.runNext(scheduledAt);
        if (outcome === 'broken') await sleep(RECONNECT_BACKOFF_MS, signal);
        if (outcome !== 'idle') free.push(session);
      })();
      running.add(task);
      void task.finally(() => {
        running.delete(task);
        dispatch();
      });
    }
  };

  let next = 0;
  for (;;) {
    // inter-arrival times of a Poisson process; during the ramp arrivals are thinned to the ramped rate
    next += (-Math.log(1 - random.next()) * 1000) / options.rate;
    if (signal.aborted || next >= clock.endMs) break;
    if (next < rampMs && random.next() > next / rampMs) continue;
    await sleep(next - clock.now(), signal);
    queue.push(next);
    dispatch();
  }
  closed = true;
  while (running.size > 0) await Promise.race(running);
  for (const scheduledAt of queue) if (isMeasured(scheduledAt)) counts.dropped += 1;
  return counts;
}
