import { createRandom, entityKey } from '../../rng/random.js';
import { thinkTimeMs } from './next-operation.js';
import { sleep, type StageClock } from './stage-clock.js';
import type { UserSession } from './user-session.js';

// After a lost connection, wait before reconnecting, so a stopped server is not hammered.
export const RECONNECT_BACKOFF_MS = 250;

/**
 * Closed loop: each user starts at its place in the ramp, then runs an operation, thinks
 * (exponential, mean thinkTimeMs, from its own stream), and runs the next, until the stage ends.
 * Throughput follows from latency and think time, as with real people waiting for a screen.
 */
export async function runClosedLoop(sessions: readonly UserSession[], clock: StageClock, thinkMeanMs: number, seedKey: string, signal: AbortSignal): Promise<void> {
  const rampMs = clock.phases.rampS * 1000;
  await Promise.all(
    sessions.map(async (session, i) => {
      const random = createRandom(entityKey(seedKey, 'workload', 'think', session.user.index));
      await sleep((rampMs * i) / sessions.length - clock.now(), signal);
      while (!signal.aborted && clock.now() < clock.endMs) {
        const outcome = await session.runNext(clock.now());
        if (outcome === 'idle') return;
        const pause = outcome === 'broken' ? RECONNECT_BACKOFF_MS : thinkTimeMs(random, thinkMeanMs);
        await sleep(Math.min(pause, clock.endMs - clock.now()), signal);
      }
    }),
  );
}
