import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { RunConfig } from '../config/resolve-run-config.js';
import type { OutputFormat } from '../encoders/index.js';
import { packageRoot } from '../package-root.js';
import { createPlan } from '../plan/create-plan.js';
import { chunkArrayBuffers, type BinaryChunk } from './binary-chunk.js';
import { createMemoryReleaser } from './release-transferred-memory.js';
import { recycleChunkArena } from './chunk-arena.js';
import { memoryLog } from './memory-log.js';
import { bindTarget, type MappingTarget } from '../own-schema/mapping/mapping-target.js';

export interface GenerateOptions {
  /** Worker threads generating patients; 0 generates on the calling thread. */
  readonly workers: number;
  /** Patients per chunk. Output is identical for any value; it only trades memory for overhead. */
  readonly batchSize: number;
  readonly format: OutputFormat;
  /** Check every preformatted value in the encoders (slower; tests use it on small runs). */
  readonly validate?: boolean;
  /** Smaller worker heaps, for loads where PostgreSQL, not generation, sets the pace. */
  readonly lean?: boolean;
  /** Write the user's tables of a mapping instead of medseed's (chunks carry `mapped`). */
  readonly target?: MappingTarget;
  /**
   * The consumer gives every chunk back with `returnChunk` once nothing reads its bytes any more,
   * so its memory is written again instead of collected (and needs no forced collections).
   */
  readonly returnsChunks?: boolean;
}

/** How each chunk goes back to the thread that made it, when its consumer returns chunks. */
const returnPaths = new WeakMap<BinaryChunk, () => void>();

/**
 * Gives a chunk's memory back to the worker that wrote it, for a later chunk. Call it only when
 * nothing will read the chunk's bytes again, a socket or file still sending them included: its
 * buffers are detached here (or, made on this thread, overwritten by a later chunk). Returning a
 * chunk twice, or after its run ended, or one from a consumer that did not ask to return chunks,
 * does nothing.
 */
export function returnChunk(chunk: BinaryChunk): void {
  const back = returnPaths.get(chunk);
  returnPaths.delete(chunk);
  back?.();
}

export const DEFAULT_BATCH_SIZE = 200;

/**
 * Worker heap limits. A worker's live data is the vocabulary plus one chunk (~30 MB at any volume);
 * caps make V8 collect before the heap drifts upward over a long run. `lean` is for loads, where
 * PostgreSQL is the bottleneck: measured at 10x on 2 cores, an 8 MB young generation peaks at
 * 190 MB RSS instead of 206 MB for a load 5% slower; for pure generation the default young
 * generation is faster.
 */
const WORKER_LIMITS = {
  fast: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 128 },
  lean: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 64 },
} as const;

export function defaultWorkers(): number {
  // Leave a core for PostgreSQL or the writer; at least one worker.
  return Math.max(1, Math.min(8, os.availableParallelism() - 1));
}

/** The pseudo-range that stands for the organizations and providers tables. */
export const DIRECTORY: readonly [number, number] = [-1, -1];

/** The tables only the directory chunk (the first, without patients) has rows for. */
export const DIRECTORY_TABLES = ['organizations', 'providers'] as const;

/** Compiled worker script; tests run `tsc` first (npm pretest), so it exists under dist/. */
function workerScript(): string {
  return path.join(packageRoot(), 'dist', 'src', 'runner', 'generation-worker.js');
}

/**
 * Generates a run's output as chunks, in canonical order: the directory (organizations,
 * providers) first, then patient ranges in index order. At most a few chunks per worker are in
 * flight, so memory stays flat at any volume.
 */
export async function* generateChunks(config: RunConfig, options: GenerateOptions): AsyncGenerator<BinaryChunk> {
  // The plan alone (no fixtures) decides the ranges; with worker threads only they build a World,
  // which keeps the vocabulary out of the main thread's memory.
  const plan = createPlan(config);
  const [first, end] = plan.patientRange;
  const batch = Math.max(1, Math.floor(options.batchSize));
  const ranges: (readonly [number, number])[] = plan.includesDirectory ? [DIRECTORY] : [];
  for (let start = first; start < end; start += batch) ranges.push([start, Math.min(end, start + batch)]);

  if (options.workers <= 0) {
    // Imported here, not at the top: the generators and faker's vocabulary cost the main thread
    // ~30 MB resident, which a load with worker threads never needs there.
    const { createWorldFor } = await import('./create-world-for.js');
    const { generateDirectoryChunk, generatePatientChunk } = await import('./generate-chunk.js');
    const world = createWorldFor(config);
    const mapped = options.target ? await bindTarget(options.target) : undefined;
    const recyclable = (chunk: BinaryChunk) => {
      if (options.returnsChunks) returnPaths.set(chunk, () => chunkArrayBuffers(chunk).forEach(recycleChunkArena));
      return chunk;
    };
    for (const [start, stop] of ranges) {
      if (start === DIRECTORY[0]) {
        yield recyclable(generateDirectoryChunk(world, options.format, options.validate, mapped));
        continue;
      }
      yield recyclable(generatePatientChunk(world, start, stop, options.format, options.validate, mapped));
      // let I/O callbacks (COPY acknowledgements, file writes) run between chunks
      await new Promise((resolve) => setImmediate(resolve));
    }
    return;
  }

  const workers = Array.from(
    { length: Math.min(options.workers, Math.max(1, ranges.length)) },
    () => new Worker(workerScript(), { workerData: { config, format: options.format, validate: options.validate === true, target: options.target }, resourceLimits: WORKER_LIMITS[options.lean ? 'lean' : 'fast'] }),
  );
  const waiting = new Map<number, { resolve: (chunk: BinaryChunk) => void; reject: (error: Error) => void }>();
  const failAll = (error: Error) => {
    for (const pending of waiting.values()) pending.reject(error);
    waiting.clear();
  };
  workers.forEach((worker, index) => {
    worker.on('message', (message: { id: number; chunk?: BinaryChunk; error?: string; heap?: Record<string, number> }) => {
      for (const [name, bytes] of Object.entries(message.heap ?? {})) memoryLog.gauge(`worker${index} ${name}`, bytes);
      const pending = waiting.get(message.id);
      if (!pending) return;
      waiting.delete(message.id);
      if (message.error !== undefined) pending.reject(new Error(`generation failed in a worker: ${message.error}`));
      else pending.resolve(message.chunk as BinaryChunk);
    });
    worker.on('error', failAll);
    worker.on('exit', (code) => {
      if (code !== 0) failAll(new Error(`a generation worker exited with code ${code}`));
    });
  });
  const submit = (id: number): Promise<BinaryChunk> =>
    new Promise((resolve, reject) => {
      waiting.set(id, { resolve, reject });
      const [start, stop] = ranges[id] as readonly [number, number];
      (workers[id % workers.length] as Worker).postMessage({ id, start, end: stop });
    });

  const maxInFlight = workers.length * 2;
  const releaser = createMemoryReleaser();
  const inFlight: Promise<BinaryChunk>[] = [];
  let submitted = 0;
  let running = true;
  try {
    for (let done = 0; done < ranges.length; done++) {
      while (submitted < ranges.length && submitted - done < maxInFlight) inFlight.push(submit(submitted++));
      // Avoid unhandled rejections for promises not awaited yet.
      for (const promise of inFlight) promise.catch(() => undefined);
      const chunk = await (inFlight.shift() as Promise<BinaryChunk>);
      if (options.returnsChunks) {
        const worker = workers[done % workers.length] as Worker;
        returnPaths.set(chunk, () => {
          const arenas = chunkArrayBuffers(chunk).filter((arena) => arena.byteLength > 0);
          if (running) worker.postMessage({ arenas }, arenas);
        });
      } else {
        // Chunks the consumer has finished with are collectable by now; see createMemoryReleaser.
        releaser.received(chunk);
      }
      yield chunk;
    }
  } finally {
    running = false;
    await Promise.all(workers.map((worker) => worker.terminate()));
    memoryLog.drop('worker');
  }
}
