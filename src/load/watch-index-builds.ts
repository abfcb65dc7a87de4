import type { Queryable } from '../db/queryable.js';
import { describeIndexProgress, readIndexBuildSteps } from './index-build-progress.js';
import type { IndexBuildObserver } from './post-load.js';
import type { PostLoadObject } from './post-load-objects.js';

/** How long one index took to build: the seed's summary lists them, slowest first. */
export interface IndexBuildTime {
  readonly index: string;
  readonly table: string;
  readonly seconds: number;
}

export interface IndexBuildWatch {
  readonly observer: IndexBuildObserver;
  /** Every build that finished, in the order they finished. */
  times(): IndexBuildTime[];
  stop(): void;
}

/**
 * Follows the index phase so the terminal is never silent through minutes of builds: every
 * `intervalMs` it asks PostgreSQL where each running build is (pg_stat_progress_create_index) and
 * reports one line. A failed progress query only skips that report; the builds go on.
 */
export function watchIndexBuilds(monitor: Queryable, total: number, report: (line: string) => void, intervalMs = 1000): IndexBuildWatch {
  const running = new Map<number, PostLoadObject>();
  const times: IndexBuildTime[] = [];
  let polling = false;
  const timer = setInterval(() => {
    if (polling || running.size === 0) return;
    polling = true;
    readIndexBuildSteps(monitor, [...running.keys()])
      .then((steps) => {
        const byPid = new Map(steps.map((step) => [step.pid, step]));
        report(describeIndexProgress(times.length, total, [...running].map(([pid, object]) => ({ name: object.name, step: byPid.get(pid) }))));
      })
      .catch(() => undefined)
      .finally(() => (polling = false));
  }, intervalMs);
  timer.unref();
  return {
    observer: {
      started(object, pid) {
        running.set(pid, object);
      },
      finished(object, seconds) {
        for (const [pid, current] of running) if (current === object) running.delete(pid);
        times.push({ index: object.name, table: object.table, seconds });
      },
    },
    times: () => [...times],
    stop: () => clearInterval(timer),
  };
}
